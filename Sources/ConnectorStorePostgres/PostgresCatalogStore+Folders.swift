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
                "SELECT folder_id, name, path, parent_id, is_empty FROM folders WHERE endpoint = \(endpoint) AND folder_id = \(id)",
                logger: self.logger)
            for try await (folderID, name, path, parentID, isEmpty) in rows.decode((String, String, String, String?, Bool?).self) {
                return CatalogFolder(id: folderID, name: name, path: path, parentID: parentID, isEmpty: isEmpty)
            }
            return nil
        }
    }

    /// The folders recorded since `time`, with whether their children were listed since then.
    public func folders(endpoint: String, seenSince time: Date) async throws -> [CatalogFolder] {
        try await translating {
            let rows = try await self.client.query(
                """
                SELECT folder_id, name, path, parent_id, is_empty, coalesce(listed_at >= \(time), false)
                FROM folders WHERE endpoint = \(endpoint) AND last_seen_at >= \(time)
                """, logger: self.logger)
            var folders: [CatalogFolder] = []
            for try await (id, name, path, parentID, isEmpty, listed) in rows.decode((String, String, String, String?, Bool?, Bool).self) {
                folders.append(CatalogFolder(id: id, name: name, path: path, parentID: parentID, isEmpty: isEmpty, childrenListed: listed))
            }
            return folders
        }
    }

    /// Removes each folder's subtree: files whose parents include the folder or a recorded folder below it are
    /// marked removed, and those folders are forgotten. Returns the ids of the files marked removed.
    ///
    /// As in the SQLite store, a recorded folder below the endpoint's root narrows the files to those at its path
    /// (a cheap text test before the parents are read); the parents then decide.
    static func removeFolderSubtrees(
        _ ids: [String], endpoint: String, removedAt: Date, on connection: PostgresConnection, logger: Logger
    ) async throws -> [String] {
        var removed: [String] = []
        for id in ids {
            let rows = try await connection.query(
                """
                WITH RECURSIVE subtree(id) AS (
                    SELECT \(id)::text UNION SELECT folders.folder_id FROM folders JOIN subtree ON folders.parent_id = subtree.id
                    WHERE folders.endpoint = \(endpoint)),
                base AS (SELECT path FROM folders WHERE endpoint = \(endpoint) AND folder_id = \(id)::text AND path <> ''),
                gone AS (UPDATE files SET state = 'removed', removed_at = \(removedAt),
                        last_seen_at = GREATEST(last_seen_at, \(unescaped: Self.sweptListingStart))
                    WHERE endpoint = \(endpoint) AND state = 'present'
                        AND (NOT EXISTS (SELECT 1 FROM base) OR starts_with(files.path, (SELECT path FROM base) || '/'))
                        AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(files.parents) AS parent WHERE parent IN (SELECT id FROM subtree))
                    RETURNING file_id),
                forgotten AS (DELETE FROM folders WHERE endpoint = \(endpoint) AND folder_id IN (SELECT id FROM subtree) RETURNING 1)
                SELECT file_id FROM gone WHERE (SELECT count(*) FROM forgotten) >= 0
                """, logger: logger)
            for try await file in rows.decode(String.self) { removed.append(file) }
        }
        return removed
    }
}

extension CatalogFolder {
    /// `isEmpty` as text for a `text[]`: empty when the record does not say (a root's missing parent travels as the
    /// empty string too, which no provider uses as an id).
    var isEmptyText: String { isEmpty.map { $0 ? "true" : "false" } ?? "" }
}
