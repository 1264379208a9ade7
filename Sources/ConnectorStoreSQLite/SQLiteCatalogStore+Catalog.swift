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
                var sql = "SELECT * FROM files"
                var arguments: StatementArguments = []
                if let endpoint { sql += " WHERE endpoint = ?"; arguments += [endpoint] }
                sql += " ORDER BY endpoint, path, file_id"
                if let limit { sql += " LIMIT ?"; arguments += [limit] }
                let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try rows.next() { try body(Self.file(from: row)) }
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
                        db.cachedStatement(sql: "SELECT * FROM files WHERE endpoint = ? AND file_id IN (\(Self.placeholders(chunk.count)))"),
                        arguments: StatementArguments([endpoint] + chunk))
                    while let row = try rows.next() { files.append(Self.file(from: row)) }
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
                if let endpoint { sql += " WHERE endpoint = ?"; arguments += [endpoint] }
                sql += " ORDER BY started_at DESC, id DESC"
                if let limit { sql += " LIMIT ?"; arguments += [limit] }
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.run(from:))
            }
        }
    }

    static func file(from row: Row) -> CatalogFile {
        let metadata = FileMetadata(
            id: row["file_id"], name: row["name"], path: row["path"], mimeType: row["mime_type"], size: row["size"],
            checksums: StoreCoding.map(row["checksums"]), createdAt: date(row["created_at"]),
            modifiedAt: date(row["modified_at"]), version: row["version"], webLink: row["web_link"],
            exportLinks: StoreCoding.map(row["export_links"]), parents: StoreCoding.list(row["parents"]), extras: row["extras"])
        return CatalogFile(
            endpoint: row["endpoint"], metadata: metadata, state: row["state"],
            firstSeenAt: date(row["first_seen_at"]) ?? .distantPast, lastSeenAt: date(row["last_seen_at"]) ?? .distantPast,
            removedAt: date(row["removed_at"]), contentHash: row["content_hash"])
    }

    static func run(from row: Row) -> SyncRunRecord {
        SyncRunRecord(
            id: row["id"], endpoint: row["endpoint"], trigger: row["trigger"], mode: row["mode"],
            startedAt: date(row["started_at"]) ?? .distantPast, finishedAt: date(row["finished_at"]),
            status: row["status"], created: row["files_created"], updated: row["files_updated"],
            unchanged: row["files_unchanged"], removed: row["files_removed"], requests: row["requests"],
            retries: row["retries"], error: row["error"], correlationID: row["correlation_id"])
    }
}
