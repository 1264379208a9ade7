import ConnectorModel
import ConnectorStore
import Foundation
import Logging
import PostgresNIO

extension PostgresCatalogStore {
    /// A folder recorded for `endpoint`, or nil.
    public func folder(endpoint: String, id: String) async throws -> CatalogFolder? {
        try await translating {
            let rows = try await self.client.query(
                "SELECT folder_id, name, path, parent_id FROM folders WHERE endpoint = \(endpoint) AND folder_id = \(id)",
                logger: self.logger)
            for try await (folderID, name, path, parentID) in rows.decode((String, String, String, String?).self) {
                return CatalogFolder(id: folderID, name: name, path: path, parentID: parentID)
            }
            return nil
        }
    }

    /// Records the page's folders in one statement (the rows travel as one array per column; a root's missing
    /// parent travels as the empty string, which no provider uses as an id).
    static func recordFolders(_ folders: [CatalogFolder], endpoint: String, seenAt: Date, on connection: PostgresConnection, logger: Logger) async throws {
        guard !folders.isEmpty else { return }
        // The last record of an id wins, as the provider reported it last.
        var latest: [String: CatalogFolder] = [:]
        for folder in folders { latest[folder.id] = folder }
        let rows = Array(latest.values)
        try await connection.query("""
            INSERT INTO folders (endpoint, folder_id, name, path, parent_id, last_seen_at)
            SELECT \(endpoint), r.folder_id, r.name, r.path, NULLIF(r.parent_id, ''), \(seenAt)
            FROM unnest(\(rows.map(\.id))::text[], \(rows.map(\.name))::text[], \(rows.map(\.path))::text[],
                \(rows.map { $0.parentID ?? "" })::text[]) AS r(folder_id, name, path, parent_id)
            ON CONFLICT (endpoint, folder_id) DO UPDATE SET name = excluded.name, path = excluded.path,
                parent_id = excluded.parent_id, last_seen_at = excluded.last_seen_at
            """, logger: logger)
    }

    /// Removes each folder's subtree: files whose parents include the folder or a recorded folder below it are
    /// marked removed, and those folders are forgotten. Returns how many files were marked removed.
    static func removeFolderSubtrees(_ ids: [String], endpoint: String, removedAt: Date, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        var removed = 0
        for id in ids {
            let rows = try await connection.query("""
                WITH RECURSIVE subtree(id) AS (
                    SELECT \(id)::text UNION SELECT folders.folder_id FROM folders JOIN subtree ON folders.parent_id = subtree.id
                    WHERE folders.endpoint = \(endpoint)),
                gone AS (UPDATE files SET state = 'removed', removed_at = \(removedAt)
                    WHERE endpoint = \(endpoint) AND state = 'present'
                        AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(files.parents) AS parent WHERE parent IN (SELECT id FROM subtree))
                    RETURNING 1),
                forgotten AS (DELETE FROM folders WHERE endpoint = \(endpoint) AND folder_id IN (SELECT id FROM subtree) RETURNING 1)
                SELECT (SELECT COUNT(*) FROM gone), (SELECT COUNT(*) FROM forgotten)
                """, logger: logger)
            for try await (files, _) in rows.decode((Int, Int).self) { removed += files }
        }
        return removed
    }
}
