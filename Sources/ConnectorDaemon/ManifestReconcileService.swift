import ConnectorManifest
import ConnectorPlan
import ConnectorReconciler
import ConnectorStore
import ConnectorWatch
import Foundation
import Logging
import ServiceLifecycle

/// Reconciles the manifests into the store at start, after every change the watcher reports, and every
/// `interval` (to catch drift and other replicas' edits).
///
/// An invalid change keeps the last good state: nothing is applied or retired, the located errors are logged and
/// shown on `/readyz`, and `fileconnector_manifest_errors` is set. A store failure is retried with backoff.
public struct ManifestReconcileService: Service {
    let paths: [String]
    let reconciler: Reconciler
    let store: any EndpointCatalog
    let watcher: ManifestWatcher?
    let fingerprint: ManifestFingerprint
    let interval: Duration
    let status: DaemonStatus
    let metrics: DaemonMetrics
    let logger: Logger
    let onApplied: @Sendable () -> Void

    /// Creates the service.
    /// - Parameters:
    ///   - paths: The manifest paths (`run PATH...`).
    ///   - reconciler: Loads, plans and applies.
    ///   - store: The store.
    ///   - watcher: Reports debounced content changes of the manifests; nil reconciles on the interval only.
    ///   - interval: `--reconcile-interval`.
    ///   - status: Where the outcome is recorded for `/readyz`.
    ///   - metrics: `fileconnector_reconciles_total` and `fileconnector_manifest_errors`.
    ///   - logger: The daemon's logger.
    ///   - onApplied: Called after every applied reconcile (the scheduler looks for due syncs at once).
    public init(
        paths: [String], reconciler: Reconciler, store: any EndpointCatalog, watcher: ManifestWatcher?, interval: Duration,
        status: DaemonStatus, metrics: DaemonMetrics, logger: Logger, onApplied: @escaping @Sendable () -> Void
    ) {
        self.paths = paths
        self.reconciler = reconciler
        self.store = store
        self.watcher = watcher
        self.fingerprint = ManifestFingerprint(paths: paths)
        self.interval = interval
        self.status = status
        self.metrics = metrics
        self.logger = logger
        self.onApplied = onApplied
    }

    /// Reconciles now, then on every change or tick until graceful shutdown. Events that arrive while a reconcile
    /// runs are coalesced into one more reconcile.
    public func run() async throws {
        let loaded = fingerprint.current()
        await reconcileUntilDone(reason: "start")
        let (reasons, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1))
        await withDiscardingTaskGroup { group in
            if let watcher {
                group.addTask {
                    for await change in watcher.changes(since: loaded) {
                        continuation.yield("manifests changed (\(change.paths.prefix(3).joined(separator: ", ")))")
                    }
                }
            }
            group.addTask {
                while (try? await Task.sleep(for: interval)) != nil { continuation.yield("interval") }
            }
            for await reason in reasons.cancelOnGracefulShutdown() {
                await reconcileUntilDone(reason: reason)
            }
            group.cancelAll()
        }
    }

    /// Reconciles, retrying a store failure with backoff (1 s doubling to 30 s) until it gets an answer.
    func reconcileUntilDone(reason: String) async {
        var backoff = Duration.seconds(1)
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            if await reconcileOnce(reason: reason) { return }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(30))
        }
    }

    /// One reconcile; false when the store failed (worth retrying).
    func reconcileOnce(reason: String) async -> Bool {
        let now = Date()
        do {
            let outcome = try await reconciler.reconcile(paths: paths, store: store)
            switch outcome {
            case .applied(let plan):
                let result = plan.hasChanges ? "applied" : "unchanged"
                record(result, good: true, detail: [], at: now)
                metrics.manifestsBehind(false)
                if plan.hasChanges {
                    logger.info(
                        "manifests applied",
                        metadata: ["reason": "\(reason)", "changes": "\(plan.writes.count + plan.sinkChanges.compactMap(\.write).count)"])
                }
                onApplied()
            case .invalid(let loaded):
                let errors = loaded.diagnostics.filter { $0.severity == .error }.map(\.rendered)
                record("invalid", good: false, detail: errors, at: now)
                logger.error(
                    "manifests invalid: keeping the last good state", metadata: ["reason": "\(reason)", "errors": "\(errors.count)"])
                for error in errors { logger.error("\(error)") }
            case .refused(let plan) where plan.manifests?.verdict == .behind:
                // Another replica applied newer manifests (kubelet updates each pod's ConfigMap copy on its own
                // schedule): wait for this copy to catch up. The store is right; this process is merely behind.
                let why = plan.refusal ?? "the manifests here are behind the store's"
                record("behind", good: true, detail: [why], at: now)
                metrics.manifestsBehind(true)
                logger.warning(
                    "manifests behind the store's: applying nothing until this copy catches up",
                    metadata: ["reason": "\(reason)", "detail": "\(why)"])
            case .refused(let plan):
                let why = plan.refusal.map { "\($0)" } ?? "refused"
                record(plan.manifests?.verdict == .conflict ? "conflict" : "refused", good: false, detail: [why], at: now)
                logger.error("reconcile refused: \(why)")
            case .planned:
                record("unchanged", good: true, detail: [], at: now)
            }
            return true
        } catch {
            let message = (error as? StoreError)?.description ?? "\(error)"
            record("failed", good: false, detail: [message], at: now)
            logger.error("reconcile failed; retrying", metadata: ["error": "\(message)"])
            return false
        }
    }

    private func record(_ result: String, good: Bool, detail: [String], at time: Date) {
        status.record(DaemonStatus.Reconcile(at: time, result: result, isGood: good, detail: detail))
        metrics.reconciled(result: result, manifestErrors: result == "invalid" ? detail.count : 0)
    }
}
