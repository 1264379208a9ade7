import ConnectorStore
import ConnectorStorePostgres
import ConnectorStoreSQLite
import Foundation
import Logging

/// The composition root for stores: the one place that picks SQLite or PostgreSQL from `--database`.
enum StoreSession {
    /// How a command uses the store.
    enum Access {
        /// Opening applies pending migrations (reconcile, sync, run, migrate, the daemon).
        case write
        /// Nothing is written, not even a migration (plan, get): a store that does not exist yet, or was never
        /// migrated, reads as an empty catalog and stays as it was; one that needs migrations is refused.
        case read
    }

    /// The location from `--database`, else `FILE_CONNECTOR_DATABASE`, else `file-connector.db`.
    static func location(_ global: GlobalOptions) throws(StoreError) -> StoreLocation {
        let value = global.database ?? ProcessInfo.processInfo.environment["FILE_CONNECTOR_DATABASE"]
        guard let value, !value.isEmpty else { return .defaultLocation }
        return try StoreLocation(parsing: value)
    }

    /// Opens the store (migrating it when `access` is `.write`), runs `body`, and closes it.
    static func with<Result: Sendable>(
        _ global: GlobalOptions, access: Access = .write, _ body: @Sendable (any CatalogStore) async throws -> Result
    ) async throws -> Result {
        switch try location(global) {
        case .sqlite(let path):
            if access == .read, !FileManager.default.fileExists(atPath: path) { return try await withEmptyCatalog(body) }
            let store = try await SQLiteCatalogStore(path: path, configuration: .init(migratesOnOpen: access == .write))
            defer { try? store.close() }
            return access == .read ? try await reading(store, body) : try await body(store)
        case .postgres(let location):
            // The driver logs every failed connection attempt; the store reports failures itself,
            // so below debug level only the driver's errors are shown.
            var logger = Logger(label: "file-connector.store")
            logger.logLevel = .error
            if let level = global.logLevel.flatMap(Logger.Level.init(rawValue:)), level <= .debug { logger.logLevel = level }
            return try await PostgresCatalogStore.withStore(location, logger: logger, migrating: access == .write) { store in
                access == .read ? try await reading(store, body) : try await body(store)
            }
        }
    }

    /// Runs `body` on `store` when its schema is current, on an empty catalog when it was never migrated.
    /// - Throws: ``StoreError`` (`olderSchema`) when some migrations are applied and others pending.
    private static func reading<Result: Sendable>(
        _ store: any CatalogStore, _ body: @Sendable (any CatalogStore) async throws -> Result
    ) async throws -> Result {
        let pending = try await store.pendingMigrations()
        if pending.isEmpty { return try await body(store) }
        if pending.count == StoreMigration.all.count { return try await withEmptyCatalog(body) }
        throw StoreError(
            .olderSchema, store: store.description,
            "the store's schema is older than this file-connector's (pending: \(pending.map(\.identifier).joined(separator: ", "))); "
                + "plan and get never write to the store: run `file-connector migrate` first")
    }

    /// Runs `body` on an empty, current catalog in a temporary directory, removed afterwards.
    private static func withEmptyCatalog<Result: Sendable>(
        _ body: @Sendable (any CatalogStore) async throws -> Result
    ) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("file-connector-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLiteCatalogStore(path: directory.appendingPathComponent("catalog.db").path)
        defer { try? store.close() }
        return try await body(store)
    }
}
