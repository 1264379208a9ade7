import ConnectorModel
import ConnectorStore
import Foundation
import Logging
import NIOConcurrencyHelpers
import PostgresNIO

/// The production store: PostgreSQL through a PostgresNIO connection pool.
///
/// Writers that must not interleave (migrations, reconciles) take a transaction-scoped advisory
/// lock, so several processes and replicas can share one database.
public final class PostgresCatalogStore: CatalogStore {
    let client: PostgresClient
    let location: PostgresLocation
    let logger: Logger
    /// How long an operation waits for a connection before the server counts as unreachable.
    let connectTimeout: Duration
    /// Whether each endpoint's last page found any of its files in the catalog: while pages find none (a first sync),
    /// the next one first looks for a stored id in its id range instead of probing for each file.
    let pagesFoundStoredRows = NIOLockedValueBox<[String: Bool]>([:])
    /// When sync writes call for fresh planner statistics.
    let plannerStatistics = NIOLockedValueBox(PlannerStatisticsSchedule())
    /// Asks the task beside the connection pool to refresh them (requests made while it works collapse into one), so
    /// that a sync's writes never wait for an `ANALYZE`.
    let plannerStatisticsRequests: AsyncStream<Void>.Continuation

    /// The URL without its password.
    public var description: String { location.description }

    private init(
        client: PostgresClient, location: PostgresLocation, logger: Logger, connectTimeout: Duration,
        plannerStatisticsRequests: AsyncStream<Void>.Continuation
    ) {
        self.client = client
        self.plannerStatisticsRequests = plannerStatisticsRequests
        self.location = location
        self.logger = logger
        self.connectTimeout = connectTimeout
    }

    /// Connects to `location`, applies pending migrations (unless `migrating` is false: commands that never write),
    /// runs `body` with the store, then disconnects.
    /// - Throws: ``StoreError`` for an unreachable server, refused credentials or a newer schema.
    public static func withStore<Result: Sendable>(
        _ location: PostgresLocation,
        logger: Logger = PostgresCatalogStore.quietLogger,
        connectTimeout: Duration = .seconds(10),
        migrating: Bool = true,
        _ body: @Sendable (PostgresCatalogStore) async throws -> Result
    ) async throws -> Result {
        do {
            try await PostgresConnectionProbe.check(location, connectTimeout: connectTimeout, logger: logger)
        } catch {
            throw PostgresErrorTranslation.storeError(error, store: location.description)
        }
        let client = PostgresClient(configuration: configuration(for: location, connectTimeout: connectTimeout), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            let (requests, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            defer {
                continuation.finish()
                group.cancelAll()
            }
            let store = PostgresCatalogStore(
                client: client, location: location, logger: logger, connectTimeout: connectTimeout, plannerStatisticsRequests: continuation)
            group.addTask { for await _ in requests { await store.refreshPlannerStatistics() } }
            if migrating { _ = try await store.migrate() }
            return try await body(store)
        }
    }

    /// The driver reports every failed connection attempt at info level; the store reports the
    /// failure itself, so by default only the driver's errors are logged.
    public static var quietLogger: Logger {
        var logger = Logger(label: "file-connector.store")
        logger.logLevel = .error
        return logger
    }

    static func configuration(for location: PostgresLocation, connectTimeout: Duration) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socket = location.socketDirectory {
            configuration = PostgresClient.Configuration(
                unixSocketPath: "\(socket)/.s.PGSQL.\(location.port)", username: location.username,
                password: location.password, database: location.database)
        } else {
            configuration = PostgresClient.Configuration(
                host: location.host ?? "localhost", port: location.port, username: location.username,
                password: location.password, database: location.database, tls: PostgresSSLPolicy(mode: location.sslMode).clientTLS)
        }
        configuration.options.connectTimeout = connectTimeout
        configuration.options.maximumConnections = 8
        return configuration
    }
}
