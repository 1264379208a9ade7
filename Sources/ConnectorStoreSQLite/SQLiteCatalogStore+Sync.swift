import ConnectorModel
import ConnectorStore
import Foundation
import GRDB

extension SQLiteCatalogStore {
    /// The endpoint's cursor and last complete full listing.
    public func syncState(endpoint: String) async throws -> SyncState {
        try await translating {
            try await pool.read { db in
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT cursor, last_full_sync_at FROM cursors WHERE endpoint = ?", arguments: [endpoint])
                else { return SyncState() }
                return SyncState(cursor: row["cursor"], lastFullSyncAt: Self.date(row["last_full_sync_at"]))
            }
        }
    }

    /// Inserts a `running` run record.
    public func startSyncRun(_ run: SyncRunRecord) async throws -> Int64 {
        try await translating {
            try await pool.write { db in
                let interrupted = try Row.fetchAll(
                    db, sql: "SELECT id, correlation_id FROM sync_runs WHERE endpoint = ? AND status = 'running' ORDER BY id",
                    arguments: [run.endpoint])
                try db.execute(
                    sql: "UPDATE sync_runs SET status = 'failed', finished_at = ?, error = ? WHERE endpoint = ? AND status = 'running'",
                    arguments: [Self.text(run.startedAt), SyncRunRecord.interruptedError, run.endpoint])
                try db.execute(
                    sql: """
                        INSERT INTO sync_runs (endpoint, trigger, mode, started_at, status, correlation_id)
                        VALUES (?, ?, ?, ?, 'running', ?)
                        """,
                    arguments: [run.endpoint, run.trigger.rawValue, run.mode.rawValue, Self.text(run.startedAt), run.correlationID])
                let id = db.lastInsertedRowID
                try Self.record(
                    interrupted.map { row in
                        ChangeEvent.interrupted(runID: row[0], endpoint: run.endpoint, correlationID: row[1], at: run.startedAt)
                    } + [ChangeEvent.started(run, id: id)], in: db)
                return id
            }
        }
    }

    /// Pages, their removals and their cursors in one transaction: a commit rewrites every index page its rows
    /// touched, and random ids touch most of the id index's pages, so pages that waited for the writer go together.
    public func applySyncPages(_ pages: [SyncPageWrite]) async throws -> SyncPageCounts {
        guard !pages.isEmpty else { return SyncPageCounts() }
        let lastFoundStored = pagesFoundStoredRows.withLock { $0 }
        let (counts, foundStored) = try await translating {
            try await pool.writeWithoutTransaction { [description] db in
                var counts = SyncPageCounts()
                var foundStored = lastFoundStored
                try db.inTransaction(.immediate) {
                    foundStored = lastFoundStored
                    for page in pages {
                        let applied = try Self.apply(page, assumingNew: foundStored[page.endpoint] == false, in: db, store: description)
                        counts += applied.counts
                        foundStored[page.endpoint] = applied.foundStored
                        if let cursor = page.cursor { try Self.storeCursor(cursor, endpoint: page.endpoint, at: page.seenAt, in: db) }
                    }
                    return .commit
                }
                return (counts, foundStored)
            }
        }
        pagesFoundStoredRows.withLock { state in
            for page in pages { state[page.endpoint] = foundStored[page.endpoint] }
        }
        checkpointer.committed()
        return counts
    }

    /// Ends a full listing: sweeps what it did not see, or marks seen what it sighted (see ``SyncJournal``).
    public func completeListing(
        endpoint: String, listingStartedAt: Date, ending: ListingEnding, cursor: String, at time: Date, correlationID: String?
    ) async throws -> Int {
        try await translating {
            try await pool.writeWithoutTransaction { db in
                var removed = 0
                try db.inTransaction(.immediate) {
                    let (start, sighted) = (Self.text(listingStartedAt), Self.sightedRowIDs)
                    switch ending {
                    case .sweep, .sweepAfterEmptyStart:
                        // A listing that began on an empty catalog wrote every present file itself: none is unseen.
                        // Otherwise the endpoint's rows are visited in table order (their rowids, gathered from an
                        // index, come sorted): visited in path order they were scattered over the table, a page read
                        // for nearly every row. A removed file was last seen by the listing that swept before this one.
                        let swept =
                            ending == .sweepAfterEmptyStart
                            ? []
                            : try String.fetchAll(
                                db,
                                sql: """
                                    UPDATE files SET state = 'removed', removed_at = ?, last_seen_at = max(last_seen_at, \(Self.sweptListingStart))
                                    WHERE rowid IN (SELECT rowid FROM files WHERE endpoint = ?) AND state = 'present' AND last_seen_at < ?
                                        AND rowid NOT IN (\(sighted))
                                    RETURNING file_id
                                    """,
                                arguments: [Self.text(time), endpoint, start, endpoint, start])
                        removed = swept.count
                        try Self.record(ChangeEventRow.removed(swept, endpoint: endpoint, correlationID: correlationID, at: time), in: db)
                        try db.execute(sql: "DELETE FROM folders WHERE endpoint = ? AND last_seen_at < ?", arguments: [endpoint, start])
                        try db.execute(
                            sql: """
                                INSERT INTO swept_listings (endpoint, started_at) VALUES (?, ?)
                                ON CONFLICT (endpoint) DO UPDATE SET started_at = excluded.started_at
                                """,
                            arguments: [endpoint, start])
                    case .keepUnseen:
                        try db.execute(
                            sql: "UPDATE files SET last_seen_at = max(last_seen_at, ?) WHERE rowid IN (\(sighted))",
                            arguments: [start, endpoint, start])
                    }
                    try db.execute(sql: "DELETE FROM listing_sightings WHERE endpoint = ?", arguments: [endpoint])
                    try Self.storeCursor(cursor, endpoint: endpoint, at: time, in: db)
                    return .commit
                }
                return removed
            }
        }
    }

    /// The rowids a listing's pages sighted; its parameters are the endpoint and the listing's start.
    private static let sightedRowIDs = """
        SELECT sighted.value FROM listing_sightings, json_each(listing_sightings.rowids) AS sighted
        WHERE listing_sightings.endpoint = ? AND listing_sightings.listing_started_at = ?
        """

    /// Records the run's end and the endpoint's last and next sync.
    public func finishSyncRun(_ run: SyncRunRecord, nextSyncAt: Date?, fullListingCompletedAt: Date?) async throws {
        try await translating {
            try await pool.write { db in
                let previous = try String.fetchOne(
                    db, sql: "SELECT last_sync_status FROM endpoints WHERE name = ?", arguments: [run.endpoint])
                try Self.record(ChangeEvent.finished(run, previousStatus: previous.flatMap(SyncRunStatus.init(rawValue:))), in: db)
                try db.execute(
                    sql: """
                        UPDATE sync_runs SET mode = ?, finished_at = ?, status = ?, files_created = ?, files_updated = ?,
                            files_unchanged = ?, files_removed = ?, requests = ?, retries = ?, error = ? WHERE id = ?
                        """,
                    arguments: [
                        run.mode.rawValue, run.finishedAt.map(Self.text), run.status.rawValue, run.created, run.updated, run.unchanged,
                        run.removed,
                        run.requests, run.retries, run.error, run.id,
                    ])
                try db.execute(
                    sql: """
                        UPDATE endpoints SET last_sync_at = ?, last_sync_status = ?,
                            next_sync_at = CASE WHEN state = 'active' THEN ? ELSE NULL END WHERE name = ?
                        """,
                    arguments: [Self.text(run.startedAt), run.status.rawValue, nextSyncAt.map(Self.text), run.endpoint])
                if let fullListingCompletedAt {
                    try db.execute(
                        sql: "UPDATE cursors SET last_full_sync_at = ? WHERE endpoint = ?",
                        arguments: [Self.text(fullListingCompletedAt), run.endpoint])
                }
            }
        }
    }

    static func storeCursor(_ cursor: String, endpoint: String, at time: Date, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO cursors (endpoint, cursor, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (endpoint) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
                """,
            arguments: [endpoint, cursor, text(time)])
    }
}
