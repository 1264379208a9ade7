import ConnectorModel
import ConnectorStore
import Foundation
import Logging
import PostgresNIO

extension PostgresCatalogStore {
    /// The events `query` asks for, oldest first, in rounds of rows (``ChangeEventGathering``). Each round reads its
    /// rows in one statement with the compaction horizon (one snapshot: a compaction between a check of the horizon
    /// and the read would leave a gap unnoticed); the first round's horizon decides whether the cursor expired.
    public func changes(_ query: ChangeQuery) async throws -> [ChangeEvent] {
        try await translating {
            let types = query.types.map { $0.map(\.rawValue).sorted() }
            let endpoints = query.endpoints.map { $0.sorted() }
            var gathering = ChangeEventGathering(after: query.after, limit: query.limit)
            var firstRound = true
            while !gathering.isDone || firstRound {
                let asked = gathering.isDone ? 0 : gathering.rowsToAsk
                let rows = try await self.client.query(
                    """
                    SELECT log.compacted_through, e.sequence, e.time, e.type, e.endpoint, e.correlation_id, e.data, e.file_ids, e.file_data
                    FROM change_log log LEFT JOIN LATERAL (
                        SELECT sequence, time, type, endpoint, correlation_id, data, file_ids, file_data FROM change_events
                        WHERE sequence > \(gathering.lastRow) AND (\(query.since)::timestamptz IS NULL OR time >= \(query.since)::timestamptz)
                            AND (\(query.endpoint)::text IS NULL OR endpoint = \(query.endpoint)::text)
                            AND (\(endpoints)::text[] IS NULL OR endpoint = ANY(\(endpoints)::text[]))
                            AND (\(types)::text[] IS NULL OR type = ANY(\(types)::text[]))
                        ORDER BY sequence LIMIT \(asked)) e ON true
                    ORDER BY e.sequence
                    """, logger: self.logger)
                var stored: [(sequence: Int64, row: ChangeEventRow)] = []
                var compacted: Int64 = 0
                for try await (horizon, sequence, time, type, endpoint, correlationID, data, fileIDs, fileData) in rows.decode(
                    (Int64, Int64?, Date?, String?, String?, String?, String?, [String]?, [String]?).self)
                {
                    compacted = horizon
                    guard let sequence, let time, let type, let endpoint, let data else { continue }
                    let row = ChangeEventRow(
                        type: try StoreCoding.value(type, of: "change_events.type", store: self.description), time: time,
                        endpoint: endpoint,
                        correlationID: correlationID, data: data, fileIDs: fileIDs, fileData: fileData)
                    stored.append((sequence, row))
                }
                if firstRound, query.after > 0, query.after < compacted {
                    throw StoreError.expiredCursor(query.after, compactedThrough: compacted, store: self.description)
                }
                firstRound = false
                if asked > 0 { gathering.add(stored, askedFor: asked) }
            }
            return gathering.events
        }
    }

    /// The newest event's sequence number, or 0.
    public func latestChangeSequence() async throws -> Int64 {
        try await translating {
            let rows = try await self.client.query("SELECT coalesce(max(sequence), 0) FROM change_events", logger: self.logger)
            for try await sequence in rows.decode(Int64.self) { return sequence }
            return 0
        }
    }

    /// Deletes what `retention` no longer keeps: the oldest events up to the first one young enough to keep, and
    /// those beyond the newest `maxCount` (by sequence, so what stays is always one unbroken run). The events are
    /// read in sequence order from the oldest, which needs no index on their time.
    public func compactChanges(keeping retention: ChangeRetention, now: Date) async throws -> Int {
        try await translating {
            try await self.client.withTransaction(logger: self.logger) { connection in
                let cutoff = retention.maxAge.map { now.addingTimeInterval(-$0.timeInterval) }
                let rows = try await connection.query(
                    """
                    WITH horizon AS (SELECT greatest(
                            CASE WHEN \(cutoff)::timestamptz IS NULL THEN 0 ELSE coalesce(
                                (SELECT sequence FROM change_events WHERE time >= \(cutoff)::timestamptz ORDER BY sequence LIMIT 1) - 1,
                                (SELECT max(sequence) FROM change_events), 0) END,
                            coalesce((SELECT max(sequence) FROM change_events), 0) - coalesce(\(retention.maxCount)::bigint, 4611686018427387904)) AS through),
                    deleted AS (DELETE FROM change_events WHERE sequence <= (SELECT through FROM horizon) RETURNING 1),
                    noted AS (UPDATE change_log SET compacted_through = greatest(compacted_through, (SELECT through FROM horizon))
                        WHERE (SELECT through FROM horizon) > 0)
                    SELECT count(*) FROM deleted
                    """, logger: self.logger)
                var deleted = 0
                for try await count in rows.decode(Int.self) { deleted = count }
                return deleted
            }
        }
    }

    /// The newest sequence number compaction deleted, or 0.
    public func compactedChangeSequence() async throws -> Int64 {
        try await translating {
            let rows = try await self.client.query("SELECT compacted_through FROM change_log", logger: self.logger)
            for try await sequence in rows.decode(Int64.self) { return sequence }
            return 0
        }
    }

    /// The channel every committed batch of events is announced on (`LISTEN file_connector_changes`); the payload is
    /// the batch's newest sequence number. PostgreSQL delivers a notification only when its transaction commits.
    public static let changesChannel = "file_connector_changes"

    /// Adds `events` to the outbox, in order, inside the caller's transaction (or as a statement of its own), and
    /// announces them on ``changesChannel`` (see ``PostgresQuery/StringInterpolation/appendInterpolation(changeEvents:when:)``).
    static func record(_ events: [ChangeEvent], on connection: PostgresConnection, logger: Logger) async throws {
        try await record(events.map(ChangeEventRow.init), on: connection, logger: logger)
    }

    /// Adds `rows` to the outbox (see ``record(_:on:logger:)-([ChangeEvent],_,_)``).
    static func record(_ rows: [ChangeEventRow], on connection: PostgresConnection, logger: Logger) async throws {
        guard !rows.isEmpty else { return }
        try await connection.query(
            """
            WITH \(changeEvents: rows, when: "true")
            SELECT count(*) FROM events_announced
            """, logger: logger)
    }
}

extension PostgresQuery.StringInterpolation {
    /// The common table expressions that add the events of `rows` to the outbox when the SQL condition `condition` holds, ending
    /// with `events_announced` (which a statement must read for the announcement to be made):
    /// - the outbox's lock (``PostgresSchema/changeEventsLock``) is taken first, and held until the transaction ends,
    ///   so that numbers are handed out in commit order (a reader that saw event N never misses an N-1 committed
    ///   after it);
    /// - a run of file events of one kind is one row (``ChangeEventRow``) numbered by the range that ends at its
    ///   `sequence`: the statement takes as many numbers from the identity's sequence as it writes events, at once;
    /// - the newest number is announced with `NOTIFY` on ``PostgresCatalogStore/changesChannel`` (delivered only if
    ///   the transaction commits).
    /// Nothing is locked, numbered or written when there are no events.
    mutating func appendInterpolation(changeEvents rows: [ChangeEventRow], when condition: String) {
        var (through, idsFrom, idsTo, ids, data) = ([Int64](), [Int32](), [Int32](), [String](), [String]())
        for row in rows {
            through.append((through.last ?? 0) + Int64(row.count))
            if let fileIDs = row.fileIDs {
                idsFrom.append(Int32(ids.count + 1))
                ids += fileIDs
                data += row.fileData ?? Array(repeating: "{}", count: fileIDs.count)
                idsTo.append(Int32(ids.count))
            } else {
                idsFrom.append(0)
                idsTo.append(0)
            }
        }
        let total = through.last ?? 0
        appendLiteral(
            """
            event_numbers AS (SELECT setval(pg_get_serial_sequence('change_events', 'sequence'),
                    nextval(pg_get_serial_sequence('change_events', 'sequence')) + 
            """)
        appendInterpolation(total)
        // The lock is taken (and numbers drawn) only for a row that passes the condition: never for no events.
        appendLiteral(" - 1) AS last FROM (SELECT pg_advisory_xact_lock(")
        appendInterpolation(PostgresSchema.changeEventsLock)
        appendLiteral(") WHERE ")
        appendInterpolation(total)
        appendLiteral(" > 0 AND \(condition)) AS locked),\n")
        appendLiteral(
            """
            recorded_events AS (INSERT INTO change_events (sequence, time, type, endpoint, correlation_id, data, file_ids, file_data)
                OVERRIDING SYSTEM VALUE
                SELECT event_numbers.last - 
            """)
        appendInterpolation(total)
        appendLiteral(" + e.through, e.time, e.type, e.endpoint, e.correlation_id, e.data, CASE WHEN e.ids_to > 0 THEN (")
        appendInterpolation(ids)
        appendLiteral("::text[])[e.ids_from:e.ids_to] END, CASE WHEN e.has_data THEN (")
        appendInterpolation(data)
        appendLiteral("::text[])[e.ids_from:e.ids_to] END\n    FROM event_numbers, unnest(")
        appendInterpolation(rows.map(\.time))
        appendLiteral("::timestamptz[], ")
        appendInterpolation(rows.map(\.type.rawValue))
        appendLiteral("::text[], ")
        appendInterpolation(rows.map(\.endpoint))
        appendLiteral("::text[], ")
        appendInterpolation(PostgresNullableArray(rows.map(\.correlationID)))
        appendLiteral("::text[], ")
        appendInterpolation(rows.map(\.data))
        appendLiteral("::text[], ")
        appendInterpolation(through)
        appendLiteral("::int8[], ")
        appendInterpolation(idsFrom)
        appendLiteral("::int4[], ")
        appendInterpolation(idsTo)
        appendLiteral("::int4[], ")
        appendInterpolation(rows.map { $0.fileData != nil })
        appendLiteral(
            """
            ::bool[])
                    AS e(time, type, endpoint, correlation_id, data, through, ids_from, ids_to, has_data)
                RETURNING sequence),
            events_announced AS (SELECT pg_notify(
            """)
        appendInterpolation(PostgresCatalogStore.changesChannel)
        appendLiteral(", max(sequence)::text) FROM recorded_events HAVING count(*) > 0)\n")
    }
}
