import ConnectorModel
import ConnectorStore
import Foundation
import PostgresNIO

extension PostgresCatalogStore {
    /// Applies pending migrations under the writer lock; refuses a store migrated by a newer binary.
    ///
    /// Only the server's first answer has a deadline (twice the connect timeout): the migration itself takes what it
    /// takes, waiting for another process's migration to finish (the writer lock) and for its statements on a large
    /// catalog or a loaded server. With the deadline around all of it, a slow migration failed as "no answer in time".
    public func migrate() async throws -> [StoreMigration] {
        let store = description
        try await translating(deadline: connectTimeout * 2) { [self] in
            _ = try await self.client.query("SELECT 1", logger: self.logger).collect()
        }
        return try await translating { [self] in
            try await self.client.withTransaction(logger: self.logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.writerLockKey))", logger: self.logger)
                try await connection.query(PostgresQuery(unsafeSQL: PostgresSchema.migrationsTable), logger: self.logger)
                var applied: Set<Int> = []
                for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: self.logger).decode(
                    Int.self)
                {
                    applied.insert(version)
                }
                var done: [StoreMigration] = []
                for migration in try Self.pending(applied: applied, store: store) {
                    for statement in PostgresSchema.statements(for: migration) {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                    }
                    try await connection.query(
                        "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                        logger: self.logger)
                    done.append(migration)
                }
                return done
            }
        }
    }

    /// The migrations this binary knows and the database lacks (all of them before the first); reads only.
    public func pendingMigrations() async throws -> [StoreMigration] {
        let store = description
        return try await translating {
            var applied: Set<Int> = []
            var hasTable = false
            for try await exists in try await self.client.query(
                "SELECT to_regclass('schema_migrations') IS NOT NULL", logger: self.logger
            ).decode(Bool.self) {
                hasTable = exists
            }
            if hasTable { applied = try await self.appliedVersions() }
            return try Self.pending(applied: applied, store: store)
        }
    }

    /// The known migrations missing from `applied`.
    /// - Throws: ``StoreError`` (`newerSchema`) when `applied` holds a version this binary does not know.
    private static func pending(applied: Set<Int>, store: String) throws(StoreError) -> [StoreMigration] {
        let known = Set(StoreMigration.all.map(\.version))
        if let newer = applied.subtracting(known).max() {
            throw StoreError(
                .newerSchema, store: store,
                "the store was migrated by a newer file-connector (schema version \(newer); this binary knows up to \(known.max() ?? 0)): upgrade file-connector"
            )
        }
        return StoreMigration.all.filter { !applied.contains($0.version) }
    }

    /// The migrations applied so far.
    public func appliedMigrations() async throws -> [StoreMigration] {
        try await translating {
            let applied = try await self.appliedVersions()
            return StoreMigration.all.filter { applied.contains($0.version) }
        }
    }

    /// The versions `schema_migrations` records.
    private func appliedVersions() async throws -> Set<Int> {
        var applied: Set<Int> = []
        for try await version in try await client.query("SELECT version FROM schema_migrations", logger: logger).decode(Int.self) {
            applied.insert(version)
        }
        return applied
    }

    /// Every endpoint.
    public func snapshot() async throws -> StoreSnapshot {
        try await translating {
            try await self.client.withConnection { connection in
                try await Self.readSnapshot(connection, store: self.description, logger: self.logger)
            }
        }
    }

    /// Every sink, by name.
    public func sinks() async throws -> [StoredSink] {
        try await translating {
            try await self.client.withConnection { connection in
                try await Self.readSinks(connection, store: self.description, logger: self.logger)
            }
        }
    }

    /// The endpoint named `name`, or nil.
    public func endpoint(named name: String) async throws -> StoredEndpoint? {
        try await translating {
            var query = PostgresQuery(unsafeSQL: "SELECT \(Self.endpointColumns) FROM endpoints WHERE name = $1")
            query.binds.append(name)
            for try await row in try await self.client.query(query, logger: self.logger) {
                return try Self.endpoint(from: row.makeRandomAccess(), store: self.description)
            }
            return nil
        }
    }

    /// Snapshot, decide and write in one transaction holding the writer advisory lock.
    public func reconcile<Decision: Sendable>(
        _ decide: @Sendable (StoreSnapshot) throws -> (writes: ReconcileWrites, decision: Decision)
    ) async throws -> Decision {
        try await translating {
            try await self.client.withTransaction(logger: self.logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.writerLockKey))", logger: self.logger)
                let snapshot = try await Self.readSnapshot(connection, store: self.description, logger: self.logger)
                let (writes, decision) = try decide(snapshot)
                try await Self.apply(writes.endpoints, on: connection, logger: self.logger)
                try await Self.apply(writes.sinks, on: connection, logger: self.logger)
                if let version = writes.manifestVersion { try await Self.record(version, on: connection, logger: self.logger) }
                try await Self.record(ChangeEvent.reconciling(snapshot, into: writes.endpoints), on: connection, logger: self.logger)
                return decision
            }
        }
    }

    func translating<T: Sendable>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch {
            throw PostgresErrorTranslation.storeError(error, store: description)
        }
    }

    /// As ``translating(_:)``, failing as unreachable when no answer comes within `deadline`.
    func translating<T: Sendable>(deadline: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await translating { try await withDeadline(deadline, operation) }
    }
}
