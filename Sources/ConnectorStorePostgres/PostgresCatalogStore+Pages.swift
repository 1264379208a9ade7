import ConnectorModel
import ConnectorStore
import Foundation
import Logging
import PostgresNIO

extension PostgresCatalogStore {
    /// Classifies the page's files against the stored rows and writes only what changed.
    static func apply(_ page: SyncPageWrite, on connection: PostgresConnection, logger: Logger) async throws -> SyncPageCounts {
        var stored: [String: PageClassification.StoredRow] = [:]
        let ids = page.files.map(\.fileID)
        let rows = try await connection.query(
            "SELECT file_id, content_hash, state FROM files WHERE endpoint = \(page.endpoint) AND file_id = ANY(\(ids))",
            logger: logger)
        for try await (id, hash, state) in rows.decode((String, String, String).self) {
            stored[id] = PageClassification.StoredRow(contentHash: hash, state: state)
        }
        let classified = PageClassification(page.files, stored: stored)
        var counts = classified.counts
        for file in classified.writes {
            try await upsert(file, endpoint: page.endpoint, seenAt: page.seenAt, on: connection, logger: logger)
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
        return counts
    }

    private static func upsert(_ file: CatalogFile, endpoint: String, seenAt: Date, on connection: PostgresConnection, logger: Logger) async throws {
        let checksums = StoreCoding.json(file.checksums)
        let exportLinks = StoreCoding.json(file.exportLinks)
        let parents = StoreCoding.json(file.parents)
        try await connection.query("""
            INSERT INTO files (endpoint, file_id, name, path, mime_type, size, checksums, created_at, modified_at, version,
                web_link, export_links, parents, extras, state, first_seen_at, last_seen_at, removed_at, content_hash)
            VALUES (\(endpoint), \(file.fileID), \(file.name), \(file.path), \(file.mimeType), \(file.size), \(checksums)::jsonb,
                \(file.createdAt), \(file.modifiedAt), \(file.version), \(file.webLink), \(exportLinks)::jsonb, \(parents)::jsonb,
                \(file.extras)::jsonb, 'present', \(seenAt), \(seenAt), NULL, \(file.contentHash))
            ON CONFLICT (endpoint, file_id) DO UPDATE SET name = excluded.name, path = excluded.path,
                mime_type = excluded.mime_type, size = excluded.size, checksums = excluded.checksums,
                created_at = excluded.created_at, modified_at = excluded.modified_at, version = excluded.version,
                web_link = excluded.web_link, export_links = excluded.export_links, parents = excluded.parents,
                extras = excluded.extras, state = 'present', last_seen_at = excluded.last_seen_at, removed_at = NULL,
                content_hash = excluded.content_hash
            """, logger: logger)
    }
}
