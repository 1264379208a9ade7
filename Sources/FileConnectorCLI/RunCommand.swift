import ArgumentParser
import ConnectorDaemon
import ConnectorPlan
import ConnectorSchedule
import ConnectorStore
import Foundation
import Logging

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

    @Option(
        help: ArgumentHelp(
            "Keep change events this long (Go duration, or 0 for no limit by age; docs/events.md).", valueName: "duration"))
    var changeRetention = "720h"

    @Option(help: "Keep at most this many of the newest change events (default: no limit by count).")
    var changeRetentionCount: Int?

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
        guard let retention = try? GoDuration(parsing: changeRetention), retention.nanoseconds >= 0 else {
            throw ValidationError(
                "--change-retention: expected a duration such as 720h or 168h (0: no limit by age), got \"\(changeRetention)\"")
        }
        if let changeRetentionCount, changeRetentionCount < 0 {
            throw ValidationError("--change-retention-count: expected 0 or more, got \(changeRetentionCount)")
        }
    }

    /// `host:port`, `:port` or `[v6]:port`.
    func address() throws -> (host: String, port: Int) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port)
        else {
            throw ValidationError("--listen: expected host:port such as 127.0.0.1:8080, got \"\(listen)\"")
        }
        var host = String(listen[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    func run() async throws {
        var configuration = DaemonConfiguration(paths: paths)
        (configuration.host, configuration.port) = try address()
        configuration.reconcileInterval = try GoDuration(parsing: reconcileInterval).duration
        configuration.shutdownGrace = try GoDuration(parsing: shutdownGrace).duration
        configuration.maxConcurrentSyncs = maxConcurrentSyncs
        configuration.plannerOptions = Planner.Options(prune: !noPrune, allowMassRetire: allowMassRetire)
        let retention = try GoDuration(parsing: changeRetention)
        configuration.changeRetention = ChangeRetention(
            maxAge: retention.isPositive ? retention.duration : nil, maxCount: changeRetentionCount)
        configuration.environment = ProcessInfo.processInfo.environment
        configuration.apiToken = configuration.environment["FILE_CONNECTOR_API_TOKEN"]
        if case .sqlite(let path) = try StoreSession.location(global) { configuration.sqliteStorePath = path }
        let settings = configuration
        // The daemon's service group traps SIGTERM and SIGINT itself, to shut down gracefully.
        try await CommandRuntime.run(global, signals: .untouched) { runtime in
            try await Daemon.serve(
                configuration: settings, store: runtime.store,
                providers: { metrics, body in
                    try await runtime.withProviders(observer: { kind, observation in
                        metrics.apiResponse(
                            provider: kind.rawValue, code: observation.code, duration: observation.duration, retried: observation.isRetry)
                    }) { registry in try await body(registry) }
                },
                logger: Logger(label: "file-connector"))
        }
    }
}
