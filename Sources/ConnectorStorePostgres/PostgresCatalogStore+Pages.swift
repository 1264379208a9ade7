import ConnectorModel
import ConnectorStore
import Foundation
import Logging
import PostgresNIO

extension PostgresCatalogStore {
    /// Classifies the page's files against the stored rows and writes only what changed.
    static func apply(_ page: SyncPageWrite, on connection: PostgresConnection, logger: Logger) async throws -> SyncPageCounts {
        var stored: [FileIDKey: PageClassification.StoredRow] = [:]
        let ids = page.files.map(\.fileID)
        let rows = try await connection.query(
            "SELECT file_id, content_hash, state FROM files WHERE endpoint = \(page.endpoint) AND file_id = ANY(\(ids))",
            logger: logger)
        for try await (id, hash, state) in rows.decode((String, String, String).self) {
            stored[FileIDKey(id)] = PageClassification.StoredRow(contentHash: hash, state: state)
        }
        let classified = PageClassification(page.files, stored: stored)
        var counts = classified.counts
        if !classified.writes.isEmpty {
            try await upsert(classified.writes, endpoint: page.endpoint, seenAt: page.seenAt, on: connection, logger: logger)
        }
        let unchanged = classified.unchanged
        if !unchanged.isEmpty {
            try await connection.query(
                "UPDATE files SET last_seen_at = \(page.seenAt) WHERE endpoint = \(page.endpoint) AND file_id = ANY(\(unchanged))",
                logger: logger)
        }
        if !page.removedIDs.isEmpty {
            let removed = try await connection.query("""
                WITH gone AS (UPDATE files SET state = 'removed', removed_at = \(page.seenAt)
                    WHERE endpoint = \(page.endpoint) AND state = 'present' AND file_id = ANY(\(page.removedIDs)) RETURNING 1)
                SELECT COUNT(*) FROM gone
                """, logger: logger)
            for try await count in removed.decode(Int.self) { counts.removed = count }
        }
        try await recordFolders(page.folders, endpoint: page.endpoint, seenAt: page.seenAt, on: connection, logger: logger)
        try await markNotEmpty(parentsOf: page.files, folders: page.folders, endpoint: page.endpoint, on: connection, logger: logger)
        counts.removed += try await removeFolderSubtrees(
            page.removedFolderIDs, endpoint: page.endpoint, removedAt: page.seenAt, on: connection, logger: logger)
        return counts
    }

    /// Inserts or rewrites `files` in one statement: the rows travel as one JSON array parameter
    /// expanded by `jsonb_to_recordset`, so a page costs one round trip whatever its size.
    private static func upsert(_ files: [CatalogFile], endpoint: String, seenAt: Date, on connection: PostgresConnection, logger: Logger) async throws {
        let rows = files.map(PageRow.init)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.rfc3339Milliseconds(date))
        }
        let json = String(decoding: try encoder.encode(rows), as: UTF8.self)
        try await connection.query("""
            \(unescaped: FileUpsertSQL.insertColumns)
            SELECT \(endpoint), r.file_id, r.name, r.path, r.mime_type, r.size, r.checksums, r.created_at, r.modified_at,
                r.version, r.web_link, r.export_links, r.parents, r.extras, 'present', \(seenAt), \(seenAt), NULL, r.content_hash
            FROM jsonb_to_recordset(\(json)::jsonb) AS r(file_id text, name text, path text, mime_type text, size bigint,
                checksums jsonb, created_at timestamptz, modified_at timestamptz, version text, web_link text,
                export_links jsonb, parents jsonb, extras text, content_hash text)
            \(unescaped: FileUpsertSQL.onConflictRewrite)
            """, logger: logger)
    }
}

/// One file as a JSON object for `jsonb_to_recordset`; keys are the column names.
private struct PageRow: Encodable {
    var fileID: String
    var name: String
    var path: String
    var mimeType: String?
    var size: Int64?
    var checksums: [String: String]
    var createdAt: Date?
    var modifiedAt: Date?
    var version: String?
    var webLink: String?
    var exportLinks: [String: String]
    var parents: [String]
    var extras: String?
    var contentHash: String

    enum CodingKeys: String, CodingKey {
        case fileID = "file_id", name, path, mimeType = "mime_type", size, checksums, createdAt = "created_at"
        case modifiedAt = "modified_at", version, webLink = "web_link", exportLinks = "export_links", parents, extras
        case contentHash = "content_hash"
    }

    init(_ file: CatalogFile) {
        let metadata = file.metadata
        fileID = metadata.id
        name = metadata.name
        path = metadata.path
        mimeType = metadata.mimeType
        size = metadata.size
        checksums = metadata.checksums
        createdAt = metadata.createdAt
        modifiedAt = metadata.modifiedAt
        version = metadata.version
        webLink = metadata.webLink
        exportLinks = metadata.exportLinks
        parents = metadata.parents
        extras = metadata.extras
        contentHash = file.contentHash
    }
}
