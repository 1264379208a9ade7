import ConnectorModel
import ConnectorStore
import Foundation
import GRDB

extension SQLiteCatalogStore {
    /// Classifies the page's files against the rows already stored and writes only what changed. With `assumingNew`
    /// (the endpoint's last page found none of its files stored: a first sync), the files are first written as new,
    /// unclassified, fifty to a plain `INSERT`; a file stored after all fails its statement alone (SQLite undoes that
    /// statement), and the files from there on are classified as usual. Returns whether any file was found stored.
    static func apply(
        _ page: SyncPageWrite, assumingNew: Bool, in db: Database, store: String
    ) throws -> (counts: SyncPageCounts, foundStored: Bool) {
        let seenAt = text(page.seenAt)
        // Rows go in by fifty per statement: one step and one reset per fifty rows instead of per row.
        var parameters = SQLiteParameters(reservingCapacity: insertBatch * 17, textBytes: insertBatch * 256)
        var insertedAsNew = 0
        if assumingNew, page.removedIDs.isEmpty, page.removedFolderIDs.isEmpty {
            insertedAsNew = try insertWhileNew(page.files, endpoint: page.endpoint, seenAt: seenAt, parameters: &parameters, in: db)
        }
        let (stored, rowIDs) =
            insertedAsNew == page.files.count
            ? ([:], [:])
            : try storedRows(endpoint: page.endpoint, ids: page.files[insertedAsNew...].map(\.fileID), in: db, store: store)
        let classified = PageClassification(page.files, stored: stored)
        var counts = classified.counts
        // The changed files' stored rows are read before they are rewritten: which fields changed goes in their events.
        let changed = try changedFields(classified, rowIDs: rowIDs, in: db, store: store)
        // The files written as new lead the inserts (nothing stored among them), in page order.
        let writes = insertedAsNew == 0 ? classified.writes : Array(classified.inserts.dropFirst(insertedAsNew)) + classified.rewrites
        for chunk in writes.chunked(insertBatch) {
            let insert = try db.cachedStatement(sql: chunk.count == insertBatch ? fullBatchInsertSQL : insertSQL(rows: chunk.count))
            bind(chunk, endpoint: page.endpoint, seenAt: seenAt, into: &parameters)
            try insert.run(binding: parameters, in: db)
        }
        let unchangedRows = classified.unchanged.compactMap { rowIDs[FileIDKey($0)] }.sorted()
        if let listing = page.listingStartedAt.map(text) {
            // A full listing's rows seen again are not rewritten: their rowids make one row of sightings, which the
            // end of the listing reads. Sightings of a listing abandoned before this one go.
            try db.cachedStatement(sql: "DELETE FROM listing_sightings WHERE endpoint = ? AND listing_started_at < ?")
                .execute(arguments: [page.endpoint, listing])
            if !unchangedRows.isEmpty {
                try db.cachedStatement(sql: "INSERT INTO listing_sightings (endpoint, listing_started_at, rowids) VALUES (?, ?, ?)")
                    .execute(arguments: [page.endpoint, listing, "[" + unchangedRows.map(String.init).joined(separator: ",") + "]"])
            }
        } else {
            // Rows seen again by a page of changes are marked by rowid, in table order: no second search of the id
            // index, and each table page is visited once.
            for chunk in unchangedRows.chunked(lookupBatch) {
                let update = try db.cachedStatement(sql: "UPDATE files SET last_seen_at = ? WHERE rowid IN (\(placeholders(chunk.count)))")
                parameters.removeAll()
                parameters.append(seenAt)
                for rowID in chunk { parameters.append(rowID) }
                try update.run(binding: parameters, in: db)
            }
        }
        var removed: [String] = []
        for chunk in page.removedIDs.chunked(lookupBatch) {
            removed += try String.fetchAll(
                db,
                sql:
                    "UPDATE files SET state = 'removed', removed_at = ?, last_seen_at = max(last_seen_at, \(sweptListingStart)) WHERE endpoint = ? AND state = 'present' AND file_id IN (\(placeholders(chunk.count))) RETURNING file_id",
                arguments: StatementArguments([seenAt, page.endpoint] + chunk))
        }
        try recordFolders(page.folders, endpoint: page.endpoint, seenAt: seenAt, in: db)
        try markNotEmpty(parentsOf: page.files, folders: page.folders, endpoint: page.endpoint, in: db)
        removed += try removeFolderSubtrees(page.removedFolderIDs, endpoint: page.endpoint, removedAt: seenAt, in: db)
        counts.removed = removed.count
        try record(
            ChangeEventRow.written(classified, of: page, changed: changed)
                + ChangeEventRow.removed(removed, endpoint: page.endpoint, correlationID: page.correlationID, at: page.seenAt),
            in: db)
        return (counts, !stored.isEmpty)
    }

    /// Inserts `files` fifty to a plain `INSERT` until one fails on a stored id; returns how many went in.
    private static func insertWhileNew(
        _ files: [CatalogFile], endpoint: String, seenAt: String, parameters: inout SQLiteParameters, in db: Database
    ) throws -> Int {
        var inserted = 0
        for chunk in files.chunked(insertBatch) {
            let insert = try db.cachedStatement(sql: chunk.count == insertBatch ? fullBatchNewSQL : newSQL(rows: chunk.count))
            bind(chunk, endpoint: endpoint, seenAt: seenAt, into: &parameters)
            do {
                try insert.run(binding: parameters, in: db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                return inserted
            }
            inserted += chunk.count
        }
        return inserted
    }

    /// Binds `files` as rows of ``insertSQL(rows:)`` or ``newSQL(rows:)``.
    private static func bind(
        _ files: some Collection<CatalogFile>, endpoint: String, seenAt: String, into parameters: inout SQLiteParameters
    ) {
        parameters.removeAll()
        for file in files {
            let metadata = file.metadata
            parameters.append(endpoint)
            parameters.append(metadata.id)
            parameters.append(metadata.name)
            parameters.append(metadata.path)
            parameters.append(metadata.mimeType)
            parameters.append(metadata.size)
            parameters.append(StoreCoding.json(metadata.checksums))
            parameters.append(metadata.createdAt.map(text))
            parameters.append(metadata.modifiedAt.map(text))
            parameters.append(metadata.version)
            parameters.append(metadata.webLink)
            parameters.append(StoreCoding.json(metadata.exportLinks))
            parameters.append(StoreCoding.json(metadata.parents))
            parameters.append(metadata.extras)
            parameters.append(seenAt)
            parameters.append(seenAt)
            parameters.append(file.contentHash)
        }
    }

    /// The fields each changed file's metadata changed (not those of files back after a removal, which are restored
    /// whole), from its stored row, by file id.
    private static func changedFields(
        _ classified: PageClassification, rowIDs: [FileIDKey: Int64], in db: Database, store: String
    ) throws -> [FileIDKey: [String]] {
        let updates = classified.updates
        guard !updates.isEmpty else { return [:] }
        var stored: [CatalogFile] = []
        for chunk in updates.compactMap({ rowIDs[FileIDKey($0.fileID)] }).chunked(lookupBatch) {
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(fileColumns) FROM files WHERE rowid IN (\(placeholders(chunk.count)))",
                arguments: StatementArguments(chunk))
            while let row = try rows.next() { stored.append(try Self.file(from: row, store: store)) }
        }
        return classified.changedFields(since: stored)
    }

    /// Rows per INSERT statement (17 values each, far below SQLite's limit of 32,766 parameters).
    static let insertBatch = 50

    /// The statement of a full batch, built once (the statement cache is keyed by its text).
    private static let fullBatchInsertSQL = insertSQL(rows: insertBatch)

    /// An upsert of `rows` rows.
    private static func insertSQL(rows: Int) -> String {
        newSQL(rows: rows) + "\n" + FileUpsertSQL.onConflictRewrite
    }

    /// The statement of a full batch of new rows, built once.
    private static let fullBatchNewSQL = newSQL(rows: insertBatch)

    /// A plain insert of `rows` rows: it fails, and writes nothing, when one of them is stored.
    private static func newSQL(rows: Int) -> String {
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'present', ?, ?, NULL, ?)"
        return FileUpsertSQL.insertColumns + "\nVALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    private static func storedRows(
        endpoint: String, ids: [String], in db: Database, store: String
    ) throws -> (rows: [FileIDKey: PageClassification.StoredRow], rowIDs: [FileIDKey: Int64]) {
        var rows: [FileIDKey: PageClassification.StoredRow] = [:]
        var rowIDs: [FileIDKey: Int64] = [:]
        // One index seek tells whether any stored row falls between the page's lowest and highest id. Nothing does on
        // a first sync, nor on any listing that comes in id order until it reaches rows stored before: no lookups then.
        guard let (lowest, highest) = byteOrderRange(ids) else { return (rows, rowIDs) }
        let probe = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM files WHERE endpoint = ? AND file_id BETWEEN ? AND ?)")
        guard try Bool.fetchOne(probe, arguments: [endpoint, lowest, highest]) == true else { return (rows, rowIDs) }
        rows.reserveCapacity(ids.count)
        rowIDs.reserveCapacity(ids.count)
        var parameters = SQLiteParameters(reservingCapacity: lookupBatch + 1)
        for chunk in ids.chunked(lookupBatch) {
            let lookup = try db.cachedStatement(
                sql:
                    "SELECT file_id, content_hash, state, rowid FROM files WHERE endpoint = ? AND file_id IN (\(placeholders(chunk.count)))"
            )
            parameters.removeAll()
            parameters.append(endpoint)
            for id in chunk { parameters.append(id) }
            try lookup.forEachRow(binding: parameters, in: db) { row in
                let key = FileIDKey(sqliteColumnText(row, 0))
                rows[key] = PageClassification.StoredRow(
                    contentHash: sqliteColumnText(row, 1),
                    state: try StoreCoding.value(sqliteColumnText(row, 2), of: "files.state", store: store))
                rowIDs[key] = sqliteColumnInteger(row, 3)
            }
        }
        return (rows, rowIDs)
    }

    /// Ids per lookup by id, per seen-again update and per removal.
    static let lookupBatch = 500

    /// The lowest and highest of `ids` in SQLite's `BINARY` order (their UTF-8 bytes), or nil when there are none.
    static func byteOrderRange(_ ids: [String]) -> (lowest: String, highest: String)? {
        guard let first = ids.first.map(FileIDKey.init) else { return nil }
        var (lowest, highest) = (first, first)
        for id in ids.dropFirst().lazy.map(FileIDKey.init) {
            if id < lowest { lowest = id } else if highest < id { highest = id }
        }
        return (lowest.id, highest.id)
    }

    /// `?,?,...`: `count` parameters for an `IN (...)` list.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
