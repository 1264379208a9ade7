import ConnectorModel
import ConnectorStore
import Foundation
import Logging
import PostgresNIO

extension PostgresCatalogStore {
    /// The events `query` asks for, oldest first, read in one statement with the compaction horizon (one snapshot:
    /// a compaction between a check of the horizon and the read would leave a gap unnoticed).
    public func changes(_ query: ChangeQuery) async throws -> [ChangeEvent] {
        try await translating {
            let types = query.types.map { $0.map(\.rawValue).sorted() }
            let rows = try await self.client.query(
                """
                SELECT log.compacted_through, e.sequence, e.time, e.type, e.endpoint, e.correlation_id, e.data, e.file_id
                FROM change_log log LEFT JOIN LATERAL (
                    SELECT sequence, time, type, endpoint, correlation_id, data, file_id FROM change_events
                    WHERE sequence > \(query.after) AND (\(query.since)::timestamptz IS NULL OR time >= \(query.since)::timestamptz)
                        AND (\(query.endpoint)::text IS NULL OR endpoint = \(query.endpoint)::text)
                        AND (\(types)::text[] IS NULL OR type = ANY(\(types)::text[]))
                    ORDER BY sequence LIMIT \(max(0, query.limit))) e ON true
                ORDER BY e.sequence
                """, logger: self.logger)
            var events: [ChangeEvent] = []
            var compacted: Int64 = 0
            for try await (horizon, sequence, time, type, endpoint, correlationID, data, fileID) in rows.decode(
                (Int64, Int64?, Date?, String?, String?, String?, String?, String?).self)
            {
                compacted = horizon
                guard let sequence, let time, let type, let endpoint, let data else { continue }
                events.append(
                    ChangeEvent(
                        sequence: sequence, time: time,
                        type: try StoreCoding.value(type, of: "change_events.type", store: self.description),
                        endpoint: endpoint, correlationID: correlationID, data: data, fileID: fileID))
            }
            if query.after > 0, query.after < compacted {
                throw StoreError.expiredCursor(query.after, compactedThrough: compacted, store: self.description)
            }
            return events
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

    /// Deletes what `retention` no longer keeps: every event up to the newest one that is too old or beyond the
    /// newest `maxCount` (by sequence, so what stays is always one unbroken run).
    public func compactChanges(keeping retention: ChangeRetention, now: Date) async throws -> Int {
        try await translating {
            try await self.client.withTransaction(logger: self.logger) { connection in
                let cutoff = retention.maxAge.map { now.addingTimeInterval(-$0.timeInterval) }
                let rows = try await connection.query(
                    """
                    WITH horizon AS (SELECT greatest(
                            coalesce((SELECT max(sequence) FROM change_events WHERE time < \(cutoff)::timestamptz), 0),
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

    /// Adds `events` to the outbox, in order, inside the caller's transaction: after taking the outbox's lock, which
    /// the transaction holds until it ends, so that sequence numbers are handed out in commit order; and announces
    /// the batch on ``changesChannel``.
    static func record(_ events: [ChangeEvent], on connection: PostgresConnection, logger: Logger) async throws {
        guard !events.isEmpty else { return }
        try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.changeEventsLock))", logger: logger)
        try await connection.query(
            """
            WITH inserted AS (INSERT INTO change_events (time, type, endpoint, correlation_id, file_id, data)
            SELECT e.time, e.type, e.endpoint, e.correlation_id, e.file_id, e.data FROM unnest(\(events.map(\.time))::timestamptz[],
                \(events.map(\.type.rawValue))::text[], \(events.map(\.endpoint))::text[],
                \(PostgresNullableArray(events.map(\.correlationID)))::text[], \(PostgresNullableArray(events.map(\.fileID)))::text[],
                \(events.map(\.data))::text[]) WITH ORDINALITY AS e(time, type, endpoint, correlation_id, file_id, data, position)
            ORDER BY position RETURNING sequence)
            SELECT pg_notify(\(Self.changesChannel), max(sequence)::text) FROM inserted
            """, logger: logger)
    }
}
