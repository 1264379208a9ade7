import ConnectorModel
import ConnectorStore
import Foundation
import GRDB

extension SQLiteCatalogStore {
    /// A folder recorded for `endpoint`, or nil.
    public func folder(endpoint: String, id: String) async throws -> CatalogFolder? {
        try await translating {
            try await pool.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT folder_id, name, path, parent_id, is_empty FROM folders WHERE endpoint = ? AND folder_id = ?",
                    arguments: [endpoint, id]
                ).map { row in
                    CatalogFolder(
                        id: row["folder_id"], name: row["name"], path: row["path"], parentID: row["parent_id"], isEmpty: row["is_empty"])
                }
            }
        }
    }

    /// The folders recorded since `time`, with whether their children were listed since then.
    public func folders(endpoint: String, seenSince time: Date) async throws -> [CatalogFolder] {
        let since = Self.text(time)
        return try await translating {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT folder_id, name, path, parent_id, is_empty, coalesce(listed_at >= ?, 0) AS listed
                        FROM folders WHERE endpoint = ? AND last_seen_at >= ?
                        """,
                    arguments: [since, endpoint, since]
                ).map { row in
                    CatalogFolder(
                        id: row["folder_id"], name: row["name"], path: row["path"], parentID: row["parent_id"], isEmpty: row["is_empty"],
                        childrenListed: row["listed"])
                }
            }
        }
    }

    /// Records the page's folders, seen at `seenAt`; a record that does not say whether the folder is empty keeps
    /// what the catalog knew, and one that says its children are listed records when.
    static func recordFolders(_ folders: [CatalogFolder], endpoint: String, seenAt: String, in db: Database) throws {
        guard !folders.isEmpty else { return }
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO folders (endpoint, folder_id, name, path, parent_id, last_seen_at, is_empty, listed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (endpoint, folder_id) DO UPDATE SET name = excluded.name, path = excluded.path,
                    parent_id = excluded.parent_id, last_seen_at = excluded.last_seen_at,
                    is_empty = coalesce(excluded.is_empty, folders.is_empty), listed_at = coalesce(excluded.listed_at, folders.listed_at)
                """)
        for folder in folders {
            try upsert.execute(arguments: [
                endpoint, folder.id, folder.name, folder.path, folder.parentID, seenAt, folder.isEmpty,
                folder.childrenListed ? seenAt : nil,
            ])
        }
    }

    /// Folders known to be empty are no longer once something is recorded under them: the parents of the page's
    /// files and folders.
    static func markNotEmpty(parentsOf files: [CatalogFile], folders: [CatalogFolder], endpoint: String, in db: Database) throws {
        var parents = Set(folders.compactMap(\.parentID))
        for index in files.indices where !files[index].metadata.parents.isEmpty { parents.formUnion(files[index].metadata.parents) }
        guard !parents.isEmpty else { return }
        for batch in Array(parents).chunked(lookupBatch) {
            try db.execute(
                sql: "UPDATE folders SET is_empty = 0 WHERE endpoint = ? AND is_empty = 1 AND folder_id IN (\(placeholders(batch.count)))",
                arguments: StatementArguments([endpoint] + Array(batch)))
        }
    }

    /// Removes each folder's subtree: the files whose parents include the folder or a recorded folder below
    /// it are marked removed, and those folders are forgotten. Returns the ids of the files marked removed.
    ///
    /// A recorded folder below the endpoint's root narrows the files to look at with the path index (its files
    /// are at its path, and `/` sorts just before `0`); the parents then decide, so a sibling folder with the same
    /// name keeps its files. Without a record (or for the root, whose path is empty) every present file of the
    /// endpoint is looked at.
    static func removeFolderSubtrees(_ ids: [String], endpoint: String, removedAt: String, in db: Database) throws -> [String] {
        var removed: [String] = []
        let subtree = """
            WITH RECURSIVE subtree(id) AS (
                SELECT ? UNION SELECT folders.folder_id FROM folders JOIN subtree ON folders.parent_id = subtree.id
                WHERE folders.endpoint = ?)
            """
        let isBelow = "EXISTS (SELECT 1 FROM json_each(files.parents) WHERE json_each.value IN (SELECT id FROM subtree))"
        for id in ids {
            let path = try String.fetchOne(
                db, sql: "SELECT path FROM folders WHERE endpoint = ? AND folder_id = ?", arguments: [endpoint, id])
            if let path, !path.isEmpty {
                removed += try String.fetchAll(
                    db,
                    sql: subtree + """
                         UPDATE files SET state = 'removed', removed_at = ?, last_seen_at = max(last_seen_at, \(Self.sweptListingStart)) WHERE endpoint = ? AND path >= ? AND path < ?
                            AND state = 'present' AND \(isBelow) RETURNING file_id
                        """,
                    arguments: [id, endpoint, removedAt, endpoint, path + "/", path + "0"])
            } else {
                removed += try String.fetchAll(
                    db,
                    sql: subtree
                        + " UPDATE files SET state = 'removed', removed_at = ?, last_seen_at = max(last_seen_at, \(Self.sweptListingStart)) WHERE endpoint = ? AND state = 'present' AND \(isBelow) RETURNING file_id",
                    arguments: [id, endpoint, removedAt, endpoint])
            }
            try db.execute(
                sql: subtree + " DELETE FROM folders WHERE endpoint = ? AND folder_id IN (SELECT id FROM subtree)",
                arguments: [id, endpoint, endpoint])
        }
        return removed
    }
}
