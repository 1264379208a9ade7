import ConnectorStore
import ConnectorStorePostgres
import ConnectorStoreSQLite
import Foundation

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
            return try await PostgresCatalogStore.withStore(location) { store in try await body(store) }
        }
    }
}
