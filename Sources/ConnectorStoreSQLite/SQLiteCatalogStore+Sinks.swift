import ConnectorModel
import ConnectorStore
import Foundation
import GRDB

extension SQLiteCatalogStore {
    /// Takes the sink's delivery lease (creating its record at `cursor`) and returns its state.
    public func claimSinkDelivery(
        _ sink: String, owner: String, startingAfter cursor: Int64, now: Date, expiresAt: Date, staleOwner: String?
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
                            WHERE sink = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_expires_at <= ? OR lease_owner = ?)
                            """,
                        arguments: [owner, Self.text(expiresAt), sink, owner, Self.text(now), staleOwner])
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
    public func recordSinkDelivered(_ sink: String, owner: String, through: Int64, at time: Date?) async throws -> Bool {
        try await translating {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE sink_deliveries SET cursor = max(cursor, ?), failures = 0, retry_at = NULL, last_error = NULL,
                            last_delivery_at = coalesce(?, last_delivery_at)
                        WHERE sink = ? AND lease_owner = ?
                        """,
                    arguments: [through, time.map(Self.text), sink, owner])
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

    /// Gives up `owner`'s lease.
    public func releaseSinkLease(_ sink: String, owner: String) async throws {
        try await translating {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE sink_deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE sink = ? AND lease_owner = ?",
                    arguments: [sink, owner])
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

    /// Writes a reconcile's sinks, and drops or clears their delivery records as each write says.
    static func apply(_ writes: [SinkWrite], in db: Database) throws {
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO sinks (name, spec, spec_hash, generation, state, labels, annotations, source_file, source_revision,
                    created_at, updated_at, retired_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, spec_hash = excluded.spec_hash,
                    generation = excluded.generation, state = excluded.state, labels = excluded.labels,
                    annotations = excluded.annotations, source_file = excluded.source_file,
                    source_revision = excluded.source_revision, updated_at = excluded.updated_at, retired_at = excluded.retired_at
                """)
        for write in writes {
            let record = write.record
            try upsert.execute(arguments: [
                record.name, record.spec, record.specHash, record.generation, record.state.rawValue,
                StoreCoding.json(record.labels), StoreCoding.json(record.annotations), record.sourceFile, record.sourceRevision,
                text(record.createdAt), text(record.updatedAt), record.retiredAt.map(text),
            ])
            switch write.delivery {
            case .kept: break
            case .resumed:
                try db.execute(
                    sql: "UPDATE sink_deliveries SET failures = 0, retry_at = NULL, dead_lettered_at = NULL WHERE sink = ?",
                    arguments: [record.name])
            case .restarted:
                try db.execute(
                    sql: """
                        INSERT INTO sink_deliveries (sink, cursor) VALUES (?, (SELECT coalesce(max(sequence), 0) FROM change_events))
                        ON CONFLICT (sink) DO UPDATE SET cursor = excluded.cursor, failures = 0, retry_at = NULL, last_error = NULL,
                            dead_lettered_at = NULL, last_delivery_at = NULL
                        """, arguments: [record.name])
            }
        }
    }

    static func sink(from row: Row, store: String) throws -> StoredSink {
        StoredSink(
            name: row["name"], spec: row["spec"], specHash: row["spec_hash"], generation: row["generation"],
            state: try StoreCoding.value(row["state"], of: "sinks.state", store: store),
            labels: StoreCoding.map(row["labels"]), annotations: StoreCoding.map(row["annotations"]),
            sourceFile: row["source_file"], sourceRevision: row["source_revision"],
            createdAt: date(row["created_at"]) ?? .distantPast, updatedAt: date(row["updated_at"]) ?? .distantPast,
            retiredAt: date(row["retired_at"]))
    }

    private static func sinkDelivery(_ row: Row) -> SinkDelivery {
        SinkDelivery(
            sink: row["sink"], cursor: row["cursor"], failures: row["failures"], retryAt: date(row["retry_at"]),
            lastError: row["last_error"],
            deadLetteredAt: date(row["dead_lettered_at"]), lastDeliveryAt: date(row["last_delivery_at"]), leaseOwner: row["lease_owner"])
    }
}
