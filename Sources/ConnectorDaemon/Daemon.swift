import ConnectorProvider
import ConnectorReconciler
import ConnectorStore
import ConnectorSync
import ConnectorWatch
import Foundation
import Logging
import ServiceLifecycle

/// `file-connector run`: the reconcile service, the scheduler, the change log's compaction, the sinks' delivery and
/// the HTTP server as `Service`s in one `ServiceGroup`, over a store the caller opened (and closes after `run` returns: it starts first and stops last).
///
/// Services start together and stop in reverse order on SIGTERM/SIGINT (or ``shutdown()``): readiness turns 503
/// first, then the scheduler stops starting syncs and lets the running ones commit their page and record
/// themselves as cancelled, then reconciling stops, then the HTTP server. Whatever is still running after
/// `shutdownGrace` is cancelled.
public final class Daemon: Sendable {
    /// What `/readyz` reports.
    public let status = DaemonStatus()
    /// The Prometheus metrics.
    public let metrics: DaemonMetrics
    /// The scheduler (for the API's trigger).
    public let scheduler: SyncScheduler
    private let group: ServiceGroup

    /// Builds the daemon's services.
    /// - Parameters:
    ///   - configuration: The resolved options.
    ///   - store: The open store.
    ///   - registry: The providers.
    ///   - watcher: Reports content changes of the manifests; nil reconciles on the interval only.
    ///   - metrics: Where to count (also passed to the HTTP clients' observers by the caller).
    ///   - logger: The daemon's logger.
    ///   - onListening: Called with the HTTP port once the server listens.
    public init(
        configuration: DaemonConfiguration, store: any CatalogStore, registry: ProviderRegistry, watcher: ManifestWatcher?,
        metrics: DaemonMetrics = DaemonMetrics(), logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws {
        self.metrics = metrics
        let engine = SyncEngine(store: store, registry: registry, environment: configuration.environment, logger: logger)
        let scheduler = SyncScheduler(
            engine: engine, store: store, lease: configuration.lease, maxConcurrent: configuration.maxConcurrentSyncs,
            tick: configuration.schedulerTick, metrics: metrics, logger: logger)
        self.scheduler = scheduler
        let reconciler = try Reconciler(environment: configuration.environment, options: configuration.plannerOptions)
        let reconciling = ManifestReconcileService(
            paths: configuration.paths, reconciler: reconciler, store: store, watcher: watcher,
            interval: configuration.reconcileInterval, status: status, metrics: metrics, logger: logger,
            onApplied: { scheduler.endpointsChanged() })
        let http = DaemonHTTPServer(store: store, status: status, metrics: metrics, scheduler: scheduler, apiToken: configuration.apiToken)
            .application(host: configuration.host, port: configuration.port, logger: logger, onListening: onListening)
        var groupConfiguration = ServiceGroupConfiguration(
            services: [
                .init(service: http, serviceName: "http"),
                .init(service: reconciling, serviceName: "reconcile"),
                .init(service: scheduler, serviceName: "scheduler"),
                .init(
                    service: ChangeCompactionService(
                        store: store, retention: configuration.changeRetention, interval: configuration.changeCompactionInterval,
                        logger: logger),
                    serviceName: "change-compaction"),
                .init(
                    service: SinkDeliveryService(
                        store: store, environment: configuration.environment, lease: configuration.lease, tick: configuration.sinkTick,
                        metrics: metrics, logger: logger),
                    serviceName: "sink-delivery"),
                .init(service: ReadinessOnShutdown(status: status), serviceName: "readiness"),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownGrace
        groupConfiguration.maximumCancellationDuration = .seconds(5)
        group = ServiceGroup(configuration: groupConfiguration)
    }

    /// Runs until SIGTERM/SIGINT or ``shutdown()``.
    public func run() async throws {
        try await group.run()
    }

    /// Starts a graceful shutdown, as SIGTERM does.
    public func shutdown() async {
        await group.triggerGracefulShutdown()
    }
}

/// Turns readiness off as the first step of a graceful shutdown (it is last in the group, so it stops first).
struct ReadinessOnShutdown: Service {
    let status: DaemonStatus

    func run() async throws {
        try? await gracefulShutdown()
        status.beginShutdown()
    }
}
