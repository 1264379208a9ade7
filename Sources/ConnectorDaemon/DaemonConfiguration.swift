import ConnectorPlan
import ConnectorStore
import ConnectorSync

/// How `file-connector run` behaves: its command-line options, resolved.
public struct DaemonConfiguration: Sendable {
    /// The manifest paths to watch and reconcile.
    public var paths: [String]
    /// `--listen` host.
    public var host: String = "127.0.0.1"
    /// `--listen` port (0 picks a free one).
    public var port: Int = 8080
    /// `--reconcile-interval`: reconcile this often even without changes.
    public var reconcileInterval: Duration = .seconds(300)
    /// `--shutdown-grace`: how long SIGTERM waits for running syncs before they are cut off.
    public var shutdownGrace: Duration = .seconds(25)
    /// `--max-concurrent-syncs`.
    public var maxConcurrentSyncs: Int = 10
    /// `--no-prune`, `--allow-mass-retire`.
    public var plannerOptions = Planner.Options()
    /// The process environment (`${VAR}` substitution, `credentials.fromEnv`).
    public var environment: [String: String] = [:]
    /// `FILE_CONNECTOR_API_TOKEN`; nil disables the sync trigger.
    public var apiToken: String?
    /// This process's lease identity.
    public var lease = SyncLease()
    /// The SQLite store's file, which the daemon locks so that a second daemon on it refuses to start; nil for
    /// PostgreSQL, where replicas share the work.
    public var sqliteStorePath: String?
    /// How often the scheduler looks for due syncs (in memory; the store is read after changes and every 15 s).
    public var schedulerTick: Duration = .milliseconds(250)
    /// `--change-retention` and `--change-retention-count`: what the change log keeps (by default 30 days).
    public var changeRetention = ChangeRetention(maxAge: .seconds(30 * 86_400))
    /// How often the sinks' delivery looks for new events (a caught-up sink costs one read of the newest sequence).
    public var sinkTick: Duration = .seconds(1)
    /// How often the change log is compacted (and once at start).
    public var changeCompactionInterval: Duration = .seconds(3_600)

    /// A configuration for `paths` with the defaults docs/cli.md and docs/api.md give.
    public init(paths: [String]) {
        self.paths = paths
    }
}
