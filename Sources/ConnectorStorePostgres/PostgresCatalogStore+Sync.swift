import ConnectorModel
import ConnectorStore
import Foundation
import Logging
import PostgresNIO

extension PostgresCatalogStore {
    /// The endpoint's cursor and last complete full listing.
    public func syncState(endpoint: String) async throws -> SyncState {
        try await translating {
            let rows = try await self.client.query(
                "SELECT cursor, last_full_sync_at FROM cursors WHERE endpoint = \(endpoint)", logger: self.logger)
            for try await (cursor, lastFull) in rows.decode((String, Date?).self) {
                return SyncState(cursor: cursor, lastFullSyncAt: lastFull)
            }
            return SyncState()
        }
    }

    /// Inserts a `running` run record.
    public func startSyncRun(_ run: SyncRunRecord) async throws -> Int64 {
        try await translating {
            try await self.client.withTransaction(logger: self.logger) { connection in
                let ended = try await connection.query(
                    """
                    UPDATE sync_runs SET status = 'failed', finished_at = \(run.startedAt), error = \(SyncRunRecord.interruptedError)
                    WHERE endpoint = \(run.endpoint) AND status = 'running' RETURNING id, correlation_id
                    """, logger: self.logger)
                var interrupted: [(id: Int64, correlationID: String?)] = []
                for try await run in ended.decode((Int64, String?).self) { interrupted.append(run) }
                let events = interrupted.sorted { $0.id < $1.id }.map {
                    ChangeEvent.interrupted(runID: $0.id, endpoint: run.endpoint, correlationID: $0.correlationID, at: run.startedAt)
                }
                let rows = try await connection.query(
                    """
                    INSERT INTO sync_runs (endpoint, trigger, mode, started_at, status, correlation_id)
                    VALUES (\(run.endpoint), \(run.trigger.rawValue), \(run.mode.rawValue), \(run.startedAt), 'running', \(run.correlationID)) RETURNING id
                    """, logger: self.logger)
                var created: Int64?
                for try await id in rows.decode(Int64.self) { created = id }
                guard let created else { throw StoreError(.query, store: self.description, "the run record was not created") }
                try await Self.record(events + [ChangeEvent.started(run, id: created)], on: connection, logger: self.logger)
                return created
            }
        }
    }

    /// Pages in order, each with its removals and its cursor atomically (see
    /// ``apply(_:store:checkingRange:assumingNew:on:logger:)``). Each page keeps its own transaction: PostgreSQL logs
    /// each row's change rather than whole index pages, so a commit per page costs little.
    public func applySyncPages(_ pages: [SyncPageWrite]) async throws -> SyncPageCounts {
        var counts = SyncPageCounts()
        for page in pages { counts += try await applyPage(page) }
        return counts
    }

    private func applyPage(_ page: SyncPageWrite) async throws -> SyncPageCounts {
        let lastFoundStored = pagesFoundStoredRows.withLockedValue { $0[page.endpoint] }
        let (counts, foundStored) = try await translating {
            try await self.client.withConnection { connection in
                try await Self.apply(
                    page, store: self.description, checkingRange: lastFoundStored != true, assumingNew: lastFoundStored == false,
                    on: connection, logger: self.logger)
            }
        }
        pagesFoundStoredRows.withLockedValue { $0[page.endpoint] = foundStored }
        if plannerStatistics.withLockedValue({ $0.recordWrites(counts.created + counts.updated) }) {
            plannerStatisticsRequests.yield()
        }
        return counts
    }

    /// Analyzes `files` (see ``PlannerStatisticsSchedule``): its row count and the columns lookups filter on. The
    /// metadata columns are left to autovacuum: sorting samples of wide JSON values was most of an analyze's time and
    /// a third of the server's during a first sync of Drive-shaped rows. Only speed depends on it: a failure is
    /// logged, not thrown.
    func refreshPlannerStatistics() async {
        do {
            try await client.query("ANALYZE files (endpoint, file_id, state, last_seen_at)", logger: logger)
        } catch {
            logger.debug("planner statistics not refreshed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// Ends a full listing: sweeps what it did not see, or marks seen what it sighted (see ``SyncJournal``).
    public func completeListing(
        endpoint: String, listingStartedAt: Date, ending: ListingEnding, cursor: String, at time: Date, correlationID: String?
    ) async throws -> Int {
        // The listing's pages kept its start to the whole millisecond (SyncPageWrite), as its cursor does.
        let listingStartedAt = Timestamp.wholeMilliseconds(listingStartedAt)
        return try await translating {
            try await self.client.withTransaction(logger: self.logger) { connection in
                var removed = 0
                switch ending {
                case .sweepAfterEmptyStart:
                    // Every present file was written by the listing, which began on an empty catalog: none is unseen.
                    try await Self.endSweptListing(
                        endpoint: endpoint, listingStartedAt: listingStartedAt, on: connection, logger: self.logger)
                case .sweep:
                    // The listing's sightings are hashed once and the endpoint's present rows scanned against them; a
                    // hash of a million ids needs more than the default work_mem to stay in one batch. A removed file
                    // was last seen by the listing that swept before this one.
                    try await connection.query("SET LOCAL work_mem = '64MB'", logger: self.logger)
                    let rows = try await connection.query(
                        """
                        WITH sighted AS (SELECT unnest(file_ids) AS file_id FROM listing_sightings
                            WHERE endpoint = \(endpoint) AND listing_started_at = \(listingStartedAt)),
                        swept AS (UPDATE files SET state = 'removed', removed_at = \(time),
                                last_seen_at = GREATEST(last_seen_at, \(unescaped: Self.sweptListingStart))
                            WHERE endpoint = \(endpoint) AND state = 'present' AND last_seen_at < \(listingStartedAt)
                                AND NOT EXISTS (SELECT 1 FROM sighted WHERE sighted.file_id = files.file_id)
                            RETURNING file_id)
                        SELECT file_id FROM swept
                        """, logger: self.logger)
                    var swept: [String] = []
                    for try await id in rows.decode(String.self) { swept.append(id) }
                    removed = swept.count
                    try await Self.record(
                        ChangeEventRow.removed(swept, endpoint: endpoint, correlationID: correlationID, at: time), on: connection,
                        logger: self.logger)
                    try await Self.endSweptListing(
                        endpoint: endpoint, listingStartedAt: listingStartedAt, on: connection, logger: self.logger)
                case .keepUnseen:
                    try await connection.query(
                        """
                        UPDATE files SET last_seen_at = GREATEST(last_seen_at, \(listingStartedAt))
                        WHERE endpoint = \(endpoint) AND file_id IN (SELECT unnest(file_ids) FROM listing_sightings
                            WHERE endpoint = \(endpoint) AND listing_started_at = \(listingStartedAt))
                        """, logger: self.logger)
                }
                try await connection.query("DELETE FROM listing_sightings WHERE endpoint = \(endpoint)", logger: self.logger)
                try await Self.storeCursor(cursor, endpoint: endpoint, at: time, on: connection, logger: self.logger)
                return removed
            }
        }
    }

    /// Forgets the folders a sweeping listing did not see and records it as the endpoint's last swept listing.
    private static func endSweptListing(
        endpoint: String, listingStartedAt: Date, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            "DELETE FROM folders WHERE endpoint = \(endpoint) AND last_seen_at < \(listingStartedAt)", logger: logger)
        try await connection.query(
            """
            INSERT INTO swept_listings (endpoint, started_at) VALUES (\(endpoint), \(listingStartedAt))
            ON CONFLICT (endpoint) DO UPDATE SET started_at = excluded.started_at
            """, logger: logger)
    }

    /// Records the run's end and the endpoint's last and next sync.
    public func finishSyncRun(_ run: SyncRunRecord, nextSyncAt: Date?, fullListingCompletedAt: Date?) async throws {
        try await translating {
            try await self.client.withTransaction(logger: self.logger) { connection in
                var previous: String?
                for try await status in try await connection.query(
                    "SELECT last_sync_status FROM endpoints WHERE name = \(run.endpoint)", logger: self.logger
                ).decode(String?.self) {
                    previous = status
                }
                try await Self.record(
                    ChangeEvent.finished(run, previousStatus: previous.flatMap(SyncRunStatus.init(rawValue:))), on: connection,
                    logger: self.logger)
                try await connection.query(
                    """
                    UPDATE sync_runs SET mode = \(run.mode.rawValue), finished_at = \(run.finishedAt), status = \(run.status.rawValue), files_created = \(run.created),
                        files_updated = \(run.updated), files_unchanged = \(run.unchanged), files_removed = \(run.removed),
                        requests = \(run.requests), retries = \(run.retries), error = \(run.error) WHERE id = \(run.id)
                    """, logger: self.logger)
                try await connection.query(
                    """
                    UPDATE endpoints SET last_sync_at = \(run.startedAt), last_sync_status = \(run.status.rawValue),
                        next_sync_at = CASE WHEN state = 'active' THEN \(nextSyncAt)::timestamptz ELSE NULL END
                    WHERE name = \(run.endpoint)
                    """, logger: self.logger)
                if let fullListingCompletedAt {
                    try await connection.query(
                        "UPDATE cursors SET last_full_sync_at = \(fullListingCompletedAt) WHERE endpoint = \(run.endpoint)",
                        logger: self.logger)
                }
            }
        }
    }

    static func storeCursor(
        _ cursor: String, endpoint: String, at time: Date, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO cursors (endpoint, cursor, updated_at) VALUES (\(endpoint), \(cursor), \(time))
            ON CONFLICT (endpoint) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
            """, logger: logger)
    }
}
