import ConnectorModel
import ConnectorStore
import Foundation
import GRDB

extension SQLiteCatalogStore {
    /// Takes the sink's delivery lease (creating its record at `cursor`) and returns its state.
    public func claimSinkDelivery(
        _ sink: String, owner: String, startingAfter cursor: Int64, now: Date, expiresAt: Date
    ) async throws
        -> SinkDelivery?
    {
        try await translating {
            try await pool.writeWithoutTransaction { db in
                var state: SinkDelivery?
                try db.inTransaction(.immediate) {
                    try db.execute(
                        sql: "INSERT INTO sink_deliveries (sink, cursor) VALUES (?, ?) ON CONFLICT (sink) DO NOTHING",
                        arguments: [sink, cursor])
                    try db.execute(
                        sql: """
                            UPDATE sink_deliveries SET lease_owner = ?, lease_expires_at = ?
                            WHERE sink = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_expires_at <= ?)
                            """,
                        arguments: [owner, Self.text(expiresAt), sink, owner, Self.text(now)])
                    if db.changesCount == 1 {
                        state = try Row.fetchOne(db, sql: "SELECT * FROM sink_deliveries WHERE sink = ?", arguments: [sink]).map(
                            Self.sinkDelivery)
                    }
                    return .commit
                }
                return state
            }
        }
    }

    /// Moves the cursor forward and forgets the failures, while `owner` holds the lease.
    public func recordSinkDelivered(_ sink: String, owner: String, through: Int64, at time: Date) async throws -> Bool {
        try await translating {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE sink_deliveries SET cursor = max(cursor, ?), failures = 0, retry_at = NULL, last_error = NULL,
                            last_delivery_at = ?
                        WHERE sink = ? AND lease_owner = ?
                        """,
                    arguments: [through, Self.text(time), sink, owner])
                return db.changesCount == 1
            }
        }
    }

    /// Counts a failure, while `owner` holds the lease.
    public func recordSinkFailure(
        _ sink: String, owner: String, error: String, retryAt: Date?, deadLettered: Bool, at time: Date
    )
        async throws -> Bool
    {
        try await translating {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE sink_deliveries SET failures = failures + 1, last_error = ?, retry_at = ?,
                            dead_lettered_at = CASE WHEN ? THEN ? ELSE dead_lettered_at END
                        WHERE sink = ? AND lease_owner = ?
                        """,
                    arguments: [error, retryAt.map(Self.text), deadLettered, Self.text(time), sink, owner])
                return db.changesCount == 1
            }
        }
    }

    /// Clears failures and dead letter.
    public func resumeSinkDelivery(_ sink: String) async throws {
        try await translating {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE sink_deliveries SET failures = 0, retry_at = NULL, dead_lettered_at = NULL WHERE sink = ?",
                    arguments: [sink])
            }
        }
    }

    /// Every sink's record, by name.
    public func sinkDeliveries() async throws -> [SinkDelivery] {
        try await translating {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM sink_deliveries ORDER BY sink").map(Self.sinkDelivery)
            }
        }
    }

    private static func sinkDelivery(_ row: Row) -> SinkDelivery {
        SinkDelivery(
            sink: row["sink"], cursor: row["cursor"], failures: row["failures"], retryAt: date(row["retry_at"]),
            lastError: row["last_error"],
            deadLetteredAt: date(row["dead_lettered_at"]), lastDeliveryAt: date(row["last_delivery_at"]))
    }
}
