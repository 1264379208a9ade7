import ArgumentParser
import CMallocTuning
import ConnectorDaemon
import ConnectorModel
import ConnectorPlan
import ConnectorSchedule
import ConnectorStore
import ConnectorWatch
import Foundation
import Logging
import Metrics

/// `file-connector run PATH...`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run as a daemon: watch the manifests, reconcile, schedule syncs, serve health, metrics and the API.",
        discussion: """
            Reconciles at start, whenever the manifests change (inotify; a Kubernetes ConfigMap swap included) and \
            every --reconcile-interval. An invalid change keeps the last good state. SIGTERM or SIGINT stops \
            scheduling, lets running syncs commit their current page, and exits 0 within --shutdown-grace. \
            POST /api/v1/endpoints/NAME/sync needs FILE_CONNECTOR_API_TOKEN. On SQLite one daemon per store; on \
            PostgreSQL several replicas share the work.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Address for health, metrics and the API.", valueName: "host:port"))
    var listen = "127.0.0.1:8080"

    @Option(help: ArgumentHelp("Reconcile this often even without changes (Go duration).", valueName: "duration"))
    var reconcileInterval = "5m"

    @Option(help: ArgumentHelp("How long SIGTERM waits for running syncs (Go duration).", valueName: "duration"))
    var shutdownGrace = "25s"

    @Option(help: "Run at most this many syncs at once.")
    var maxConcurrentSyncs = 10

    @Flag(help: "Keep endpoints that are in no manifest instead of retiring them.")
    var noPrune = false

    @Flag(help: "Allow retiring more than half of the active endpoints.")
    var allowMassRetire = false

    @Argument(help: "Manifest files or directories.")
    var paths: [String]

    func validate() throws {
        _ = try address()
        for (name, value) in [("--reconcile-interval", reconcileInterval), ("--shutdown-grace", shutdownGrace)] {
            guard let duration = try? GoDuration(parsing: value), duration.isPositive else {
                throw ValidationError("\(name): expected a positive duration such as 30s or 5m, got \"\(value)\"")
            }
        }
        guard maxConcurrentSyncs > 0 else { throw ValidationError("--max-concurrent-syncs: expected at least 1") }
    }

    /// `host:port`, `:port` or `[v6]:port`.
    func address() throws -> (host: String, port: Int) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("--listen: expected host:port such as 127.0.0.1:8080, got \"\(listen)\"")
        }
        var host = String(listen[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    func run() async throws {
        // A long-running process with a dozen threads: two glibc arenas keep its resident memory small.
        fc_malloc_limit_arenas(2)
        var configuration = DaemonConfiguration(paths: paths)
        (configuration.host, configuration.port) = try address()
        configuration.reconcileInterval = try GoDuration(parsing: reconcileInterval).duration
        configuration.shutdownGrace = try GoDuration(parsing: shutdownGrace).duration
        configuration.maxConcurrentSyncs = maxConcurrentSyncs
        configuration.plannerOptions = Planner.Options(prune: !noPrune, allowMassRetire: allowMassRetire)
        configuration.environment = ProcessInfo.processInfo.environment
        configuration.apiToken = configuration.environment["FILE_CONNECTOR_API_TOKEN"]
        let logger = Logger(label: "file-connector")
        let global = self.global
        let lock: DaemonLock?
        do {
            if case .sqlite(let path) = try StoreSession.location(global) { lock = try DaemonLock(storePath: path) } else { lock = nil }
        } catch let error as DaemonLockError {
            Terminal.error(error.description)
            throw ExitCode.failure
        }
        defer { lock?.release() }
        let settings = configuration
        try await CommandFailure.reporting {
            try await StoreSession.with(global) { store in
                let metrics = DaemonMetrics()
                // Whatever reports through swift-metrics lands in the daemon's exposition too.
                MetricsSystem.bootstrap(metrics.swiftMetricsFactory)
                try await ProviderCatalog.withRegistry(global.httpConfiguration, observer: { kind, observation in
                    metrics.apiResponse(provider: kind.rawValue, code: observation.code, duration: observation.duration, retried: observation.isRetry)
                }) { registry in
                    let watcher = ManifestWatcher(
                        paths: settings.paths, debounce: .milliseconds(100),
                        fingerprint: { ManifestFingerprint(paths: settings.paths).current() },
                        report: { notice in logger.notice("\(notice)") })
                    let daemon = try Daemon(
                        configuration: settings, store: store, registry: registry, watcher: watcher, metrics: metrics, logger: logger,
                        onListening: { port in logger.info("listening", metadata: ["address": "\(settings.host):\(port)", "store": "\(store.description)"]) })
                    try await daemon.run()
                }
            }
        }
    }
}
