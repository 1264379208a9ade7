import ConnectorModel
import ConnectorStore
import Foundation
import GRDB

extension SQLiteCatalogStore {
    /// File counts by endpoint and state.
    public func fileCounts() async throws -> [String: FileCounts] {
        try await translating {
            try await pool.read { db in
                var counts: [String: FileCounts] = [:]
                for row in try Row.fetchAll(db, sql: Self.fileCountsSQL) {
                    counts[row[0]] = FileCounts(present: row[1], removed: row[2])
                }
                return counts
            }
        }
    }

    /// Present and removed files per endpoint, counted in the table's own (primary key) order: grouping by
    /// `(endpoint, state)` instead would sort every row in a temporary b-tree, tens of megabytes in memory for a
    /// million files (temporary storage is in memory).
    static let fileCountsSQL = """
        SELECT endpoint, SUM(state = 'present'), SUM(state = 'removed') FROM files GROUP BY endpoint
        """

    /// Files, optionally of one endpoint, by endpoint and path, read row by row (a cursor, not an array).
    public func forEachFile(endpoint: String?, limit: Int?, _ body: @escaping @Sendable (CatalogFile) throws -> Void) async throws {
        try await translating {
            try await pool.read { db in
                var sql = "SELECT \(Self.fileColumns) FROM files"
                var arguments: StatementArguments = []
                if let endpoint {
                    sql += " WHERE endpoint = ?"
                    arguments += [endpoint]
                }
                sql += " ORDER BY endpoint, path, file_id"
                if let limit {
                    sql += " LIMIT ?"
                    arguments += [limit]
                }
                let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try rows.next() { try body(try Self.file(from: row, store: self.description)) }
            }
        }
    }

    /// The files of `endpoint` among `ids`, looked up by primary key.
    public func files(endpoint: String, ids: [String]) async throws -> [CatalogFile] {
        try await translating {
            try await pool.read { db in
                var files: [CatalogFile] = []
                for chunk in ids.chunked(Self.lookupBatch) {
                    let rows = try Row.fetchCursor(
                        db.cachedStatement(
                            sql:
                                "SELECT \(Self.fileColumns) FROM files WHERE endpoint = ? AND file_id IN (\(Self.placeholders(chunk.count)))"
                        ),
                        arguments: StatementArguments([endpoint] + chunk))
                    while let row = try rows.next() { files.append(try Self.file(from: row, store: self.description)) }
                }
                return files
            }
        }
    }

    /// Sync runs, newest first.
    public func syncRuns(endpoint: String?, limit: Int?) async throws -> [SyncRunRecord] {
        try await translating {
            try await pool.read { db in
                var sql = "SELECT * FROM sync_runs"
                var arguments: StatementArguments = []
                if let endpoint {
                    sql += " WHERE endpoint = ?"
                    arguments += [endpoint]
                }
                sql += " ORDER BY started_at DESC, id DESC"
                if let limit {
                    sql += " LIMIT ?"
                    arguments += [limit]
                }
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map { try Self.run(from: $0, store: self.description) }
            }
        }
    }

    /// The columns ``file(from:store:)`` reads, in the order it reads them: by position, because looking each column up by
    /// name was a tenth of a re-sync's CPU with `local.checksums` (a hashed, case-insensitive lookup per value).
    static let fileColumns = """
        endpoint, file_id, name, path, mime_type, size, checksums, created_at, modified_at, version, web_link, \
        export_links, parents, extras, state, first_seen_at, \(lastSeenColumn), removed_at, content_hash
        """

    /// The start of the file's endpoint's last listing that swept (every file it left present was seen by it), or
    /// the empty string, in an expression over a `files` row.
    static let sweptListingStart =
        "coalesce((SELECT started_at FROM swept_listings WHERE swept_listings.endpoint = files.endpoint), '')"

    /// ``CatalogFile/lastSeenAt``: a present file was last seen by the page that last wrote it or by its endpoint's
    /// last listing that swept, whichever is later; a removed file's own time was settled when it was removed.
    static let lastSeenColumn = "CASE WHEN state = 'present' THEN max(last_seen_at, \(sweptListingStart)) ELSE last_seen_at END"

    /// A file from a row of ``fileColumns``.
    static func file(from row: Row, store: String) throws -> CatalogFile {
        let metadata = FileMetadata(
            id: row[1], name: row[2], path: row[3], mimeType: row[4], size: row[5],
            checksums: StoreCoding.map(row[6]), createdAt: date(row[7]), modifiedAt: date(row[8]), version: row[9],
            webLink: row[10], exportLinks: StoreCoding.map(row[11]), parents: StoreCoding.list(row[12]), extras: row[13])
        return CatalogFile(
            endpoint: row[0], metadata: metadata, state: try StoreCoding.value(row[14], of: "files.state", store: store),
            firstSeenAt: date(row[15]) ?? .distantPast, lastSeenAt: date(row[16]) ?? .distantPast,
            removedAt: date(row[17]), contentHash: row[18])
    }

    static func run(from row: Row, store: String) throws -> SyncRunRecord {
        SyncRunRecord(
            id: row["id"], endpoint: row["endpoint"], trigger: try StoreCoding.value(row["trigger"], of: "sync_runs.trigger", store: store),
            mode: try StoreCoding.value(row["mode"], of: "sync_runs.mode", store: store),
            startedAt: date(row["started_at"]) ?? .distantPast, finishedAt: date(row["finished_at"]),
            status: try StoreCoding.value(row["status"], of: "sync_runs.status", store: store), created: row["files_created"],
            updated: row["files_updated"],
            unchanged: row["files_unchanged"], removed: row["files_removed"], requests: row["requests"],
            retries: row["retries"], error: row["error"], correlationID: row["correlation_id"])
    }
}
