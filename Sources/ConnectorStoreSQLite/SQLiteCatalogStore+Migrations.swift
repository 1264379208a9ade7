import ConnectorStore
import GRDB

extension SQLiteCatalogStore {
    private var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in StoreMigration.all {
            let sql = SQLiteSchema.statements(for: migration)
            migrator.registerMigration(migration.identifier) { db in try db.execute(sql: sql) }
        }
        return migrator
    }

    /// Applies pending migrations; refuses a store migrated by a newer binary.
    public func migrate() async throws -> [StoreMigration] {
        let pending = try await pendingMigrations()
        guard !pending.isEmpty else { return [] }
        let migrator = self.migrator
        try await translating { try await Self.migrate(pool, with: migrator) }
        return pending
    }

    /// The migrations this binary knows and the file lacks; reads only.
    public func pendingMigrations() async throws -> [StoreMigration] {
        let migrator = self.migrator
        let store = description
        return try await translating {
            let applied = try await pool.read { db in
                if try migrator.hasBeenSuperseded(db) {
                    let unknown = try migrator.appliedIdentifiers(db).subtracting(StoreMigration.all.map(\.identifier)).sorted()
                    throw StoreError(
                        .newerSchema, store: store,
                        "the store was migrated by a newer file-connector (it has \(unknown.joined(separator: ", ")), which this binary does not know): upgrade file-connector"
                    )
                }
                return try migrator.appliedIdentifiers(db)
            }
            return StoreMigration.all.filter { !applied.contains($0.identifier) }
        }
    }

    /// Runs the migrator, tolerating another process migrating the same new file at the same moment: GRDB's
    /// migrator reads what is applied, then applies each missing migration in its own transaction, so two processes
    /// can both try one (the loser's transaction rolls back). After a failure, what is applied is read again: all of
    /// it means the other process did the work; otherwise the remaining migrations are tried again (three times).
    private static func migrate(_ pool: DatabasePool, with migrator: DatabaseMigrator) async throws {
        var attempt = 0
        while true {
            do {
                try migrator.migrate(pool)
                return
            } catch {
                attempt += 1
                let applied = try await pool.read { db in try migrator.appliedIdentifiers(db) }
                if applied.count == StoreMigration.all.count { return }
                if attempt >= 3 { throw error }
                try await Task.sleep(for: .milliseconds(50 * attempt))
            }
        }
    }

    /// The migrations applied so far.
    public func appliedMigrations() async throws -> [StoreMigration] {
        let migrator = self.migrator
        return try await translating {
            let applied = try await pool.read { db in try migrator.appliedIdentifiers(db) }
            return StoreMigration.all.filter { applied.contains($0.identifier) }
        }
    }
}
