import ConnectorStore
import ConnectorStorePostgres
import ConnectorStoreSQLite
import Foundation
import Logging

/// The composition root for stores: the one place that picks SQLite or PostgreSQL from `--database`.
enum StoreSession {
    /// The location from `--database`, else `FILE_CONNECTOR_DATABASE`, else `file-connector.db`.
    static func location(_ global: GlobalOptions) throws(StoreError) -> StoreLocation {
        let value = global.database ?? ProcessInfo.processInfo.environment["FILE_CONNECTOR_DATABASE"]
        guard let value, !value.isEmpty else { return .defaultLocation }
        return try StoreLocation(parsing: value)
    }

    /// Opens the store (migrating it), runs `body`, and closes it.
    static func with<Result: Sendable>(
        _ global: GlobalOptions, _ body: @Sendable (any CatalogStore) async throws -> Result
    ) async throws -> Result {
        switch try location(global) {
        case .sqlite(let path):
            let store = try await SQLiteCatalogStore(path: path)
            defer { try? store.close() }
            return try await body(store)
        case .postgres(let location):
            // The driver logs every failed connection attempt; the store reports failures itself,
            // so below debug level only the driver's errors are shown.
            var logger = Logger(label: "file-connector.store")
            logger.logLevel = .error
            if let level = global.logLevel.flatMap(Logger.Level.init(rawValue:)), level <= .debug { logger.logLevel = level }
            return try await PostgresCatalogStore.withStore(location, logger: logger) { store in try await body(store) }
        }
    }
}
