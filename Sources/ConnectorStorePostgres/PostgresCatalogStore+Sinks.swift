import ConnectorModel
import ConnectorStore
import Foundation
import PostgresNIO

extension PostgresCatalogStore {
    /// Takes the sink's delivery lease (creating its record at `cursor`) and returns its state, in one statement.
    public func claimSinkDelivery(
        _ sink: String, owner: String, startingAfter cursor: Int64, now: Date, expiresAt: Date, staleOwner: String?
    ) async throws
        -> SinkDelivery?
    {
        try await translating {
            try await self.client.withTransaction(logger: self.logger) { connection in
                try await connection.query(
                    "INSERT INTO sink_deliveries (sink, cursor) VALUES (\(sink), \(cursor)) ON CONFLICT (sink) DO NOTHING",
                    logger: self.logger)
                let rows = try await connection.query(
                    """
                    UPDATE sink_deliveries SET lease_owner = \(owner), lease_expires_at = \(expiresAt)
                    WHERE sink = \(sink) AND (lease_owner IS NULL OR lease_owner = \(owner) OR lease_expires_at <= \(now)
                        OR lease_owner = \(staleOwner)::text)
                    RETURNING \(unescaped: Self.sinkDeliveryColumns)
                    """, logger: self.logger)
                var state: SinkDelivery?
                for try await row in rows.decode(SinkRow.self) { state = Self.sinkDelivery(row) }
                return state
            }
        }
    }

    /// Moves the cursor forward and forgets the failures, while `owner` holds the lease.
    public func recordSinkDelivered(_ sink: String, owner: String, through: Int64, at time: Date?) async throws -> Bool {
        try await translating {
            let rows = try await self.client.query(
                """
                UPDATE sink_deliveries SET cursor = GREATEST(cursor, \(through)), failures = 0, retry_at = NULL, last_error = NULL,
                    last_delivery_at = coalesce(\(time)::timestamptz, last_delivery_at)
                WHERE sink = \(sink) AND lease_owner = \(owner) RETURNING 1
                """, logger: self.logger)
            var updated = false
            for try await _ in rows.decode(Int.self) { updated = true }
            return updated
        }
    }

    /// Counts a failure, while `owner` holds the lease.
    public func recordSinkFailure(
        _ sink: String, owner: String, error: String, retryAt: Date?, deadLettered: Bool, at time: Date
    )
        async throws -> Bool
    {
        try await translating {
            let rows = try await self.client.query(
                """
                UPDATE sink_deliveries SET failures = failures + 1, last_error = \(error), retry_at = \(retryAt)::timestamptz,
                    dead_lettered_at = CASE WHEN \(deadLettered) THEN \(time)::timestamptz ELSE dead_lettered_at END
                WHERE sink = \(sink) AND lease_owner = \(owner) RETURNING 1
                """, logger: self.logger)
            var updated = false
            for try await _ in rows.decode(Int.self) { updated = true }
            return updated
        }
    }

    /// Gives up `owner`'s lease.
    public func releaseSinkLease(_ sink: String, owner: String) async throws {
        try await translating {
            try await self.client.query(
                "UPDATE sink_deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE sink = \(sink) AND lease_owner = \(owner)",
                logger: self.logger)
        }
    }

    /// Clears failures and dead letter.
    public func resumeSinkDelivery(_ sink: String) async throws {
        try await translating {
            try await self.client.query(
                "UPDATE sink_deliveries SET failures = 0, retry_at = NULL, dead_lettered_at = NULL WHERE sink = \(sink)",
                logger: self.logger)
        }
    }

    /// Every sink's record, by name.
    public func sinkDeliveries() async throws -> [SinkDelivery] {
        try await translating {
            let rows = try await self.client.query(
                "SELECT \(unescaped: Self.sinkDeliveryColumns) FROM sink_deliveries ORDER BY sink", logger: self.logger)
            var states: [SinkDelivery] = []
            for try await row in rows.decode(SinkRow.self) { states.append(Self.sinkDelivery(row)) }
            return states
        }
    }

    private typealias SinkRow = (String, Int64, Int, Date?, String?, Date?, Date?, String?)

    private static let sinkDeliveryColumns =
        "sink, cursor, failures, retry_at, last_error, dead_lettered_at, last_delivery_at, lease_owner"

    private static func sinkDelivery(_ row: SinkRow) -> SinkDelivery {
        SinkDelivery(
            sink: row.0, cursor: row.1, failures: row.2, retryAt: row.3, lastError: row.4, deadLetteredAt: row.5, lastDeliveryAt: row.6,
            leaseOwner: row.7)
    }
}
