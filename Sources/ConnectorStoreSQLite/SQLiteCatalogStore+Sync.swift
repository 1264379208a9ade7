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
                try db.execute(
                    sql: "UPDATE sync_runs SET status = 'failed', finished_at = ?, error = ? WHERE endpoint = ? AND status = 'running'",
                    arguments: [Self.text(run.startedAt), SyncRunRecord.interruptedError, run.endpoint])
                try db.execute(
                    sql: """
                        INSERT INTO sync_runs (endpoint, trigger, mode, started_at, status, correlation_id)
                        VALUES (?, ?, ?, ?, 'running', ?)
                        """,
                    arguments: [run.endpoint, run.trigger.rawValue, run.mode.rawValue, Self.text(run.startedAt), run.correlationID])
                return db.lastInsertedRowID
            }
        }
    }

    /// One page, its removals and its cursor in one transaction.
    public func applySyncPage(_ page: SyncPageWrite) async throws -> SyncPageCounts {
        let counts = try await translating {
            try await pool.writeWithoutTransaction { [description] db in
                var counts = SyncPageCounts()
                try db.inTransaction(.immediate) {
                    counts = try Self.apply(page, in: db, store: description)
                    if let cursor = page.cursor { try Self.storeCursor(cursor, endpoint: page.endpoint, at: page.seenAt, in: db) }
                    return .commit
                }
                return counts
            }
        }
        checkpointer.committed()
        return counts
    }

    /// Marks removed what a complete full listing did not see, forgets unseen folders, and stores the cursor, in one transaction.
    public func sweepUnseen(endpoint: String, listingStartedAt: Date, cursor: String, at time: Date) async throws -> Int {
        try await translating {
            try await pool.writeWithoutTransaction { db in
                var removed = 0
                try db.inTransaction(.immediate) {
                    // The endpoint's rows are visited in table order (their rowids, gathered from an index, come sorted):
                    // visited in path order they were scattered over the table, a page read for nearly every row.
                    try db.execute(
                        sql: """
                            UPDATE files SET state = 'removed', removed_at = ?
                            WHERE rowid IN (SELECT rowid FROM files WHERE endpoint = ?) AND state = 'present' AND last_seen_at < ?
                            """,
                        arguments: [Self.text(time), endpoint, Self.text(listingStartedAt)])
                    removed = db.changesCount
                    try db.execute(
                        sql: "DELETE FROM folders WHERE endpoint = ? AND last_seen_at < ?",
                        arguments: [endpoint, Self.text(listingStartedAt)])
                    try Self.storeCursor(cursor, endpoint: endpoint, at: time, in: db)
                    return .commit
                }
                return removed
            }
        }
    }

    /// Records the run's end and the endpoint's last and next sync.
    public func finishSyncRun(_ run: SyncRunRecord, nextSyncAt: Date?, fullListingCompletedAt: Date?) async throws {
        try await translating {
            try await pool.write { db in
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
