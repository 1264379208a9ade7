import ConnectorModel
import ConnectorPlan
import ConnectorStore
import ConnectorSync
import Foundation

/// Runs the syncs a reconcile found due, at most `maxConcurrent` at a time, each under the store's lease so that a
/// daemon (or another reconcile) on the same store never runs the same sync at the same time.
public struct DueSyncRunner: Sendable {
    let engine: SyncEngine
    let maxConcurrent: Int
    let lease: SyncLease

    /// Creates a runner.
    public init(engine: SyncEngine, maxConcurrent: Int = 10, lease: SyncLease = SyncLease()) {
        self.engine = engine
        self.maxConcurrent = max(1, maxConcurrent)
        self.lease = lease
    }

    /// Syncs each of `due` (reading the endpoints as the store now has them); returns the runs in
    /// the order they finished. A sync another process holds, or has run since the plan, is skipped.
    /// A cancelled caller stops starting new syncs; running ones commit their page and record
    /// themselves as cancelled.
    public func run(
        _ due: [DueSync], store: any EndpointCatalog, trigger: SyncTrigger,
        progress: (@Sendable (SyncProgress) -> Void)? = nil
    ) async throws -> [SyncRunRecord] {
        guard !due.isEmpty else { return [] }
        let endpoints = try await store.snapshot().endpoints
        let work = due.compactMap { sync in endpoints[sync.endpoint].map { (endpoint: $0, full: sync.full) } }
        let (engine, lease) = (self.engine, self.lease)
        return try await withThrowingTaskGroup(of: SyncRunRecord?.self) { group in
            var results: [SyncRunRecord] = []
            var next = 0
            while next < work.count, next < maxConcurrent {
                let item = work[next]
                group.addTask {
                    try await engine.sync(
                        item.endpoint, trigger: trigger, forceFull: item.full, lease: lease, onlyIfDue: true, progress: progress)
                }
                next += 1
            }
            while let finished = try await group.next() {
                if let finished { results.append(finished) }
                if next < work.count, !Task.isCancelled {
                    let item = work[next]
                    group.addTask {
                        try await engine.sync(
                            item.endpoint, trigger: trigger, forceFull: item.full, lease: lease, onlyIfDue: true, progress: progress)
                    }
                    next += 1
                }
            }
            return results
        }
    }
}
