import ConnectorManifest
import ConnectorModel
import ConnectorPlan
import ConnectorStore
import Foundation
import NIOPosix

/// Load → validate → plan → apply. Input is atomic: one invalid manifest and nothing is applied.
///
/// A daemon keeps one reconciler for its whole life, so nothing read from the manifests' surroundings is kept
/// between passes: each pass reads the git revision afresh (a checkout updated by `git pull` or git-sync records
/// its new commit). Loading the manifests and asking git block on the file system and on child processes, so
/// they run on NIO's thread pool, not on the cooperative pool the daemon's health checks and syncs run on.
public struct Reconciler: Sendable {
    /// What a plan or reconcile came to.
    public enum Outcome: Sendable {
        /// The manifests are invalid; nothing was read from or written to the store.
        case invalid(ManifestLoadResult)
        /// The plan, computed and not applied (`plan`, `--dry-run`).
        case planned(Plan)
        /// The plan, applied in one transaction.
        case applied(Plan)
        /// The plan was refused (mass-retire guard); nothing was written.
        case refused(Plan)
    }

    private let loader: ManifestLoader
    private let planner: Planner
    private let now: @Sendable () -> Date

    /// Creates a reconciler.
    /// - Parameters:
    ///   - environment: the variables for `${NAME}` substitution.
    ///   - options: prune and mass-retire switches.
    ///   - now: the clock (injected so tests control time).
    public init(
        environment: [String: String], options: Planner.Options = .init(), now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        loader = try ManifestLoader(environment: environment)
        planner = Planner(options: options)
        self.now = now
    }

    /// Loads `paths` and plans against `store` without writing.
    public func plan(paths: [String], store: any EndpointCatalog) async throws -> Outcome {
        let (loaded, desired) = try await load(paths: paths)
        guard let desired else { return .invalid(loaded) }
        return .planned(
            planner.plan(
                desired: desired.endpoints, sinks: desired.sinks, version: desired.version, snapshot: try await store.snapshot(),
                now: now(),
                lineage: desired.lineage
            ))
    }

    /// Loads `paths`, plans and applies under the store's writer lock: the plan returned is the one applied.
    public func reconcile(paths: [String], store: any EndpointCatalog) async throws -> Outcome {
        let (loaded, desired) = try await load(paths: paths)
        guard let desired else { return .invalid(loaded) }
        let planner = self.planner
        let time = now()
        let plan = try await store.reconcile { snapshot in
            let plan = planner.plan(
                desired: desired.endpoints, sinks: desired.sinks, version: desired.version, snapshot: snapshot, now: time,
                lineage: desired.lineage)
            return (plan.refusal == nil ? plan.reconcileWrites : [], plan)
        }
        return plan.refusal == nil ? .applied(plan) : .refused(plan)
    }

    /// Loads `paths` on the thread pool; with the endpoints and sinks as the planner wants them when the manifests
    /// are valid.
    private func load(
        paths: [String]
    ) async throws -> (
        ManifestLoadResult,
        (
            endpoints: [DesiredEndpoint], sinks: [DesiredSink], version: ManifestVersion?,
            lineage: @Sendable (String) -> ManifestVersion.Lineage?
        )?
    ) {
        let loader = self.loader
        return try await NIOThreadPool.singleton.runIfActive {
            // The version's stamp is read before the manifests and again after: an update landing while they are read
            // (kubelet swapping a ConfigMap's `..data`, a checkout, an edit) would otherwise pair the new version with
            // the old content, and the store would record as applied a version it never saw. Read again until the two
            // agree.
            for attempt in 1...Self.readAttempts {
                let before = ManifestVersionReader(revisions: GitRevisionLookup()).stamp(of: paths)
                let loaded = loader.load(paths: paths)
                let revisions = GitRevisionLookup()
                let reader = ManifestVersionReader(revisions: revisions)
                // The files the loader found: a file added or removed since changes its directory's time.
                guard loaded.isValid else {
                    if attempt < Self.readAttempts, reader.stamp(of: paths, walked: loaded.inputs) != before { continue }
                    return (loaded, nil)
                }
                let (version, after) = reader.versionAndStamp(of: paths, walked: loaded.inputs)
                guard after == before else { continue }
                // Canonicalising a spec is a JSON encoding and two hashes: spread over the cores for thousands.
                let endpoints = loaded.endpoints.concurrentMap { endpoint in
                    var endpoint = endpoint
                    endpoint.origin.file = Self.absolute(endpoint.origin.file)
                    return DesiredEndpoint(endpoint, sourceRevision: revisions.revision(forFile: endpoint.origin.file))
                }
                let sinks = loaded.sinks.map { sink in
                    var sink = sink
                    sink.origin.file = Self.absolute(sink.origin.file)
                    return DesiredSink(sink, sourceRevision: revisions.revision(forFile: sink.origin.file))
                }
                return (loaded, (endpoints, sinks, version, reader.lineage(of: version, paths: paths)))
            }
            throw ManifestsChangedWhileReadError(attempts: Self.readAttempts)
        }
    }

    /// How many times the manifests are read before a pass gives up on finding them still.
    static let readAttempts = 5

    /// A manifest's path, recorded absolute because a later `sync` (from any working directory) resolves a relative
    /// `local.path` against it. The `GitRevisionLookup` is new for each pass: it asks git once per manifest directory.
    private static func absolute(_ file: String) -> String {
        file == "-" ? file : URL(fileURLWithPath: file).standardizedFileURL.path
    }
}
