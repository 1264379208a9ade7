import ConnectorManifest
import ConnectorModel
import ConnectorPlan
import ConnectorStore
import Foundation

/// Load → validate → plan → apply. Input is atomic: one invalid manifest and nothing is applied.
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
    private let revisions: GitRevisionLookup
    private let now: @Sendable () -> Date

    /// Creates a reconciler.
    /// - Parameters:
    ///   - environment: the variables for `${NAME}` substitution.
    ///   - options: prune and mass-retire switches.
    ///   - now: the clock (injected so tests control time).
    public init(
        environment: [String: String], options: Planner.Options = .init(),
        revisions: GitRevisionLookup = GitRevisionLookup(), now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        loader = try ManifestLoader(environment: environment)
        planner = Planner(options: options)
        self.revisions = revisions
        self.now = now
    }

    /// Loads `paths` and plans against `store` without writing.
    public func plan(paths: [String], store: any CatalogStore) async throws -> Outcome {
        let loaded = loader.load(paths: paths)
        guard loaded.isValid else { return .invalid(loaded) }
        let desired = try desiredEndpoints(loaded)
        return .planned(planner.plan(desired: desired, snapshot: try await store.snapshot(), now: now()))
    }

    /// Loads `paths`, plans and applies under the store's writer lock: the plan returned is the one applied.
    public func reconcile(paths: [String], store: any CatalogStore) async throws -> Outcome {
        let loaded = loader.load(paths: paths)
        guard loaded.isValid else { return .invalid(loaded) }
        let desired = try desiredEndpoints(loaded)
        let planner = self.planner
        let time = now()
        let plan = try await store.reconcile { snapshot in
            let plan = planner.plan(desired: desired, snapshot: snapshot, now: time)
            return (plan.refusal == nil ? plan.writes : [], plan)
        }
        return plan.refusal == nil ? .applied(plan) : .refused(plan)
    }

    /// The endpoints as the planner wants them. The manifest path is recorded absolute, because a
    /// later `sync` (from any working directory) resolves a relative `local.path` against it.
    private func desiredEndpoints(_ loaded: ManifestLoadResult) throws -> [DesiredEndpoint] {
        try loaded.endpoints.map { endpoint in
            var endpoint = endpoint
            if endpoint.origin.file != "-" {
                endpoint.origin.file = URL(fileURLWithPath: endpoint.origin.file).standardizedFileURL.path
            }
            return try DesiredEndpoint(endpoint, sourceRevision: revisions.revision(forFile: endpoint.origin.file))
        }
    }
}
