import ConnectorModel
import ConnectorStore
import Foundation
import GRDB

extension SQLiteCatalogStore {
    /// Classifies the page's files against the rows already stored and writes only what changed.
    static func apply(_ page: SyncPageWrite, in db: Database) throws -> SyncPageCounts {
        let classified = PageClassification(page.files, stored: try storedRows(endpoint: page.endpoint, ids: page.files.map(\.fileID), in: db))
        var counts = classified.counts
        let seenAt = text(page.seenAt)
        // Rows go in by fifty per statement: one step and one reset per fifty rows instead of per row. A statement
        // may not upsert one key twice, so a file a provider reported twice in one page is written once (its last form).
        for chunk in lastOfEachID(classified.writes).chunked(insertBatch) {
            let insert = try db.cachedStatement(sql: chunk.count == insertBatch ? fullBatchInsertSQL : insertSQL(rows: chunk.count))
            var values: [SQLiteBoundValue] = []
            values.reserveCapacity(chunk.count * 17)
            for file in chunk {
                let metadata = file.metadata
                values += [
                    .text(page.endpoint), .text(metadata.id), .text(metadata.name), .text(metadata.path), .text(metadata.mimeType),
                    .integer(metadata.size), .text(StoreCoding.json(metadata.checksums)), .text(metadata.createdAt.map(text)),
                    .text(metadata.modifiedAt.map(text)), .text(metadata.version), .text(metadata.webLink),
                    .text(StoreCoding.json(metadata.exportLinks)), .text(StoreCoding.json(metadata.parents)), .text(metadata.extras),
                    .text(seenAt), .text(seenAt), .text(file.contentHash),
                ]
            }
            try insert.run(binding: values, in: db)
        }
        for chunk in classified.unchanged.chunked(500) {
            try db.execute(
                sql: "UPDATE files SET last_seen_at = ? WHERE endpoint = ? AND file_id IN (\(placeholders(chunk.count)))",
                arguments: StatementArguments([seenAt, page.endpoint] + chunk))
        }
        for chunk in page.removedIDs.chunked(500) {
            try db.execute(
                sql: "UPDATE files SET state = 'removed', removed_at = ? WHERE endpoint = ? AND state = 'present' AND file_id IN (\(placeholders(chunk.count)))",
                arguments: StatementArguments([seenAt, page.endpoint] + chunk))
            counts.removed += db.changesCount
        }
        try recordFolders(page.folders, endpoint: page.endpoint, seenAt: seenAt, in: db)
        counts.removed += try removeFolderSubtrees(page.removedFolderIDs, endpoint: page.endpoint, removedAt: seenAt, in: db)
        return counts
    }

    /// `files` without earlier duplicates of an id (the last one wins, as row-by-row upserts would leave it); the
    /// array itself, uncopied, in the usual case of no duplicates.
    private static func lastOfEachID(_ files: [CatalogFile]) -> [CatalogFile] {
        var seen = Set<String>()
        seen.reserveCapacity(files.count)
        for file in files { seen.insert(file.fileID) }
        guard seen.count < files.count else { return files }
        seen.removeAll(keepingCapacity: true)
        var kept: [CatalogFile] = []
        kept.reserveCapacity(files.count)
        for file in files.reversed() where seen.insert(file.fileID).inserted { kept.append(file) }
        return kept.reversed()
    }

    /// Rows per INSERT statement (17 values each, far below SQLite's limit of 32,766 parameters).
    static let insertBatch = 50

    /// The statement of a full batch, built once (the statement cache is keyed by its text).
    private static let fullBatchInsertSQL = insertSQL(rows: insertBatch)

    /// An upsert of `rows` rows.
    private static func insertSQL(rows: Int) -> String {
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'present', ?, ?, NULL, ?)"
        return FileUpsertSQL.insertColumns + "\nVALUES " + Array(repeating: row, count: rows).joined(separator: ", ") + "\n"
            + FileUpsertSQL.onConflictRewrite
    }

    private static func storedRows(endpoint: String, ids: [String], in db: Database) throws -> [String: PageClassification.StoredRow] {
        var result: [String: PageClassification.StoredRow] = [:]
        // The first sync of an endpoint has nothing to compare with: one probe instead of a lookup per file.
        let probe = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM files WHERE endpoint = ?)")
        guard try Bool.fetchOne(probe, arguments: [endpoint]) == true else { return result }
        result.reserveCapacity(ids.count)
        for chunk in ids.chunked(500) {
            let rows = try Row.fetchCursor(
                db, sql: "SELECT file_id, content_hash, state FROM files WHERE endpoint = ? AND file_id IN (\(placeholders(chunk.count)))",
                arguments: StatementArguments([endpoint] + chunk))
            while let row = try rows.next() {
                result[row["file_id"]] = PageClassification.StoredRow(contentHash: row["content_hash"], state: row["state"])
            }
        }
        return result
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
