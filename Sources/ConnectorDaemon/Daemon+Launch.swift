import CMallocTuning
import ConnectorProvider
import ConnectorReconciler
import ConnectorStore
import ConnectorWatch
import Logging
import Metrics
import NIOConcurrencyHelpers

extension Daemon {
    /// Gives the daemon its providers for as long as it runs: the composition root, which names the provider targets,
    /// registers them with HTTP clients whose attempts it reports to the daemon's metrics.
    public typealias ProviderScope =
        @Sendable (
            _ metrics: DaemonMetrics, _ body: @Sendable (ProviderRegistry) async throws -> Void
        ) async throws -> Void

    /// Everything `file-connector run` does once its options are read, over a store the caller opened: the process's
    /// memory tuning, the lock that keeps a second daemon off a SQLite store, the metrics (swift-metrics reports land
    /// in the exposition too), the manifest watcher and the services. Returns when the daemon has shut down (SIGTERM,
    /// SIGINT or ``shutdown()``).
    /// - Parameters:
    ///   - configuration: The resolved options.
    ///   - store: The open store (closed by the caller after this returns).
    ///   - providers: Registers the providers for the daemon's lifetime.
    ///   - logger: The daemon's logger.
    ///   - onStart: Called with the daemon once it is built, before it runs (in-process callers keep it to shut it down).
    ///   - onListening: Called with the HTTP port once the server listens.
    /// - Throws: ``DaemonLockError`` when another daemon holds the SQLite store; whatever a service fails with.
    public static func serve(
        configuration: DaemonConfiguration, store: any CatalogStore, providers: ProviderScope, logger: Logger,
        onStart: @escaping @Sendable (Daemon) async -> Void = { _ in }, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        // A long-running process with a dozen threads: two glibc arenas keep its resident memory small.
        fc_malloc_limit_arenas(2)
        let lock = try configuration.sqliteStorePath.map { path in try DaemonLock(storePath: path) }
        defer { lock?.release() }
        let metrics = DaemonMetrics()
        bootstrapMetricsSystem(metrics)
        try await providers(metrics) { registry in
            let paths = configuration.paths
            let watcher = ManifestWatcher(
                paths: paths, debounce: .milliseconds(100), fingerprint: { ManifestFingerprint(paths: paths).current() },
                report: { notice in logger.notice("\(notice)") })
            let daemon = try Daemon(
                configuration: configuration, store: store, registry: registry, watcher: watcher, metrics: metrics, logger: logger,
                onListening: { port in
                    logger.info("listening", metadata: ["address": "\(configuration.host):\(port)", "store": "\(store.description)"])
                    await onListening(port)
                })
            await onStart(daemon)
            try await daemon.run()
        }
    }

    /// swift-metrics takes one factory per process: the first daemon's metrics get what it reports.
    private static func bootstrapMetricsSystem(_ metrics: DaemonMetrics) {
        metricsBootstrapped.withLockedValue { done in
            guard !done else { return }
            MetricsSystem.bootstrap(metrics.swiftMetricsFactory)
            done = true
        }
    }

    private static let metricsBootstrapped = NIOLockedValueBox(false)
}
