import ConnectorModel
import ConnectorStore
import Foundation
import PostgresNIO

extension PostgresCatalogStore {
    /// File counts by endpoint and state.
    public func fileCounts() async throws -> [String: FileCounts] {
        try await translating {
            var counts: [String: FileCounts] = [:]
            let rows = try await self.client.query(
                "SELECT endpoint, state, COUNT(*) FROM files GROUP BY endpoint, state", logger: self.logger)
            for try await (endpoint, state, count) in rows.decode((String, String, Int).self) {
                if state == "present" {
                    counts[endpoint, default: FileCounts()].present = count
                } else {
                    counts[endpoint, default: FileCounts()].removed = count
                }
            }
            return counts
        }
    }

    /// Files, optionally of one endpoint, by endpoint and path.
    public func forEachFile(endpoint: String?, limit: Int?, _ body: @escaping @Sendable (CatalogFile) throws -> Void) async throws {
        try await translating {
            var query = PostgresQuery(
                unsafeSQL:
                    "SELECT \(Self.fileColumns) FROM files WHERE ($1::text IS NULL OR endpoint = $1) ORDER BY endpoint, path, file_id LIMIT $2"
            )
            query.binds.append(endpoint)
            query.binds.append(limit ?? Int(Int32.max))
            for try await row in try await self.client.query(query, logger: self.logger) {
                try body(try Self.file(from: row, store: self.description))
            }
        }
    }

    /// The files of `endpoint` among `ids`, looked up by primary key.
    public func files(endpoint: String, ids: [String]) async throws -> [CatalogFile] {
        try await translating {
            try await self.client.withConnection { connection in
                try await Self.storedFiles(endpoint: endpoint, ids: ids, store: self.description, on: connection, logger: self.logger)
            }
        }
    }

    /// The files of `endpoint` among `ids`, on `connection` (inside the caller's transaction, if any).
    static func storedFiles(
        endpoint: String, ids: [String], store: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> [CatalogFile] {
        var query = PostgresQuery(unsafeSQL: "SELECT \(Self.fileColumns) FROM files WHERE endpoint = $1 AND file_id = ANY($2)")
        query.binds.append(endpoint)
        query.binds.append(ids)
        var files: [CatalogFile] = []
        for try await row in try await connection.query(query, logger: logger) {
            files.append(try Self.file(from: row, store: store))
        }
        return files
    }

    /// The `files` columns ``file(from:store:)`` reads, maps and lists as text (stored as jsonb).
    private static let fileColumns = """
        endpoint, file_id, name, path, mime_type, size, checksums::text, created_at, modified_at, version,
        web_link, export_links::text, parents::text, extras, state, first_seen_at, \(lastSeenColumn) AS last_seen_at, removed_at,
        content_hash
        """

    /// The start of the file's endpoint's last listing that swept (every file it left present was seen by it), or
    /// NULL, in an expression over a `files` row.
    static let sweptListingStart = "(SELECT started_at FROM swept_listings WHERE swept_listings.endpoint = files.endpoint)"

    /// ``CatalogFile/lastSeenAt``: a present file was last seen by the page that last wrote it or by its endpoint's
    /// last listing that swept, whichever is later; a removed file's own time was settled when it was removed.
    static let lastSeenColumn = "CASE WHEN state = 'present' THEN GREATEST(last_seen_at, \(sweptListingStart)) ELSE last_seen_at END"

    /// One row of ``fileColumns``.
    private static func file(from row: PostgresRow, store: String) throws -> CatalogFile {
        let r = row.makeRandomAccess()
        let metadata = FileMetadata(
            id: try r["file_id"].decode(String.self), name: try r["name"].decode(String.self),
            path: try r["path"].decode(String.self), mimeType: try r["mime_type"].decode(String?.self),
            size: try r["size"].decode(Int64?.self), checksums: StoreCoding.map(try r["checksums"].decode(String.self)),
            createdAt: try r["created_at"].decode(Date?.self), modifiedAt: try r["modified_at"].decode(Date?.self),
            version: try r["version"].decode(String?.self), webLink: try r["web_link"].decode(String?.self),
            exportLinks: StoreCoding.map(try r["export_links"].decode(String.self)),
            parents: StoreCoding.list(try r["parents"].decode(String.self)), extras: try r["extras"].decode(String?.self))
        return CatalogFile(
            endpoint: try r["endpoint"].decode(String.self), metadata: metadata,
            state: try StoreCoding.value(try r["state"].decode(String.self), of: "files.state", store: store),
            firstSeenAt: try r["first_seen_at"].decode(Date.self), lastSeenAt: try r["last_seen_at"].decode(Date.self),
            removedAt: try r["removed_at"].decode(Date?.self), contentHash: try r["content_hash"].decode(String.self))
    }

    /// Sync runs, newest first.
    public func syncRuns(endpoint: String?, limit: Int?) async throws -> [SyncRunRecord] {
        try await translating {
            var query = PostgresQuery(
                unsafeSQL: """
                    SELECT id, endpoint, trigger, mode, started_at, finished_at, status, files_created, files_updated,
                        files_unchanged, files_removed, requests, retries, error, correlation_id
                    FROM sync_runs WHERE ($1::text IS NULL OR endpoint = $1) ORDER BY started_at DESC, id DESC LIMIT $2
                    """)
            query.binds.append(endpoint)
            query.binds.append(limit ?? Int(Int32.max))
            var runs: [SyncRunRecord] = []
            for try await row in try await self.client.query(query, logger: self.logger) {
                let r = row.makeRandomAccess()
                runs.append(
                    SyncRunRecord(
                        id: try r["id"].decode(Int64.self), endpoint: try r["endpoint"].decode(String.self),
                        trigger: try StoreCoding.value(
                            try r["trigger"].decode(String.self), of: "sync_runs.trigger", store: self.description),
                        mode: try StoreCoding.value(try r["mode"].decode(String.self), of: "sync_runs.mode", store: self.description),
                        startedAt: try r["started_at"].decode(Date.self), finishedAt: try r["finished_at"].decode(Date?.self),
                        status: try StoreCoding.value(try r["status"].decode(String.self), of: "sync_runs.status", store: self.description),
                        created: try r["files_created"].decode(Int.self),
                        updated: try r["files_updated"].decode(Int.self), unchanged: try r["files_unchanged"].decode(Int.self),
                        removed: try r["files_removed"].decode(Int.self), requests: try r["requests"].decode(Int.self),
                        retries: try r["retries"].decode(Int.self), error: try r["error"].decode(String?.self),
                        correlationID: try r["correlation_id"].decode(String.self)))
            }
            return runs
        }
    }
}
