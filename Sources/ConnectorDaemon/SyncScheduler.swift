import CMallocTuning
import ConnectorModel
import ConnectorStore
import ConnectorSync
import Foundation
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle

/// Runs due syncs: every `tick` it looks at its cached view of the endpoints and starts, up to `maxConcurrent`
/// at a time, those whose next sync time has come, each under the store's lease so that of several daemons on one
/// PostgreSQL exactly one runs it. The view is re-read after a reconcile, after each sync, and every
/// `refreshInterval` (another replica may have changed it); the tick itself reads nothing, so an idle daemon with
/// a thousand endpoints stays near zero CPU.
///
/// A due endpoint whose lease another replica holds (it is syncing there) is left alone for `heldRetry`, then
/// asked again: the replica goes on to the endpoints nobody runs rather than asking for the same lease in a loop,
/// and still takes over within `heldRetry` a lease whose holder died on this host (a lease of another host frees
/// itself when it expires).
///
/// On graceful shutdown it stops starting syncs and cancels the running ones, which commit their current page and
/// record themselves as `cancelled`.
public final class SyncScheduler: Service, Sendable {
    /// What a manual trigger came to.
    public enum TriggerResult: Sendable, Equatable {
        /// The sync will start within a tick.
        case accepted
        /// This daemon is already running or about to run it.
        case alreadyRunning
    }

    private struct State {
        var endpoints: [String: StoredEndpoint] = [:]
        var refreshedAt: ContinuousClock.Instant?
        var needsRefresh = true
        var running: Set<String> = []
        /// Endpoints whose lease another process held when last asked, and when to ask again.
        var heldElsewhere: [String: ContinuousClock.Instant] = [:]
        var triggered: [String] = []
        var pagedOutAt: ContinuousClock.Instant?
        var idleSince: ContinuousClock.Instant? = ContinuousClock.now
    }

    let engine: SyncEngine
    let store: any EndpointCatalog
    let lease: SyncLease
    let maxConcurrent: Int
    let tick: Duration
    let refreshInterval: Duration
    let heldRetry: Duration
    let metrics: DaemonMetrics
    let logger: Logger
    private let state = NIOLockedValueBox(State())

    /// Creates a scheduler.
    public init(
        engine: SyncEngine, store: any EndpointCatalog, lease: SyncLease = SyncLease(), maxConcurrent: Int = 10,
        tick: Duration = .milliseconds(250), refreshInterval: Duration = .seconds(15), heldRetry: Duration = .seconds(5),
        metrics: DaemonMetrics, logger: Logger
    ) {
        self.engine = engine
        self.store = store
        self.lease = lease
        self.maxConcurrent = max(1, maxConcurrent)
        self.tick = tick
        self.refreshInterval = refreshInterval
        self.heldRetry = heldRetry
        self.metrics = metrics
        self.logger = logger
    }

    /// Re-reads the endpoints on the next tick (after a reconcile applied something).
    public func endpointsChanged() {
        state.withLockedValue { $0.needsRefresh = true }
    }

    /// Runs `endpoint`'s sync now (the API's trigger), unless this daemon is already running it.
    public func trigger(_ endpoint: String) -> TriggerResult {
        state.withLockedValue { state in
            if state.running.contains(endpoint) || state.triggered.contains(endpoint) { return .alreadyRunning }
            state.triggered.append(endpoint)
            return .accepted
        }
    }

    /// Schedules until graceful shutdown, then waits for the running syncs to record themselves.
    ///
    /// Each started sync is a worker: when its sync ends it takes the next startable one at once, so a backlog
    /// (a thousand endpoints due after a restart) drains at the speed of the syncs, not of the tick.
    public func run() async throws {
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled, !Task.isShuttingDownGracefully {
                await refreshIfNeeded()
                pageOutWhenSettled()
                for (endpoint, trigger) in take(limit: maxConcurrent) {
                    group.addTask { await self.work(endpoint, trigger: trigger) }
                }
                do {
                    try await Task.sleep(for: tick)
                } catch {
                    break
                }
            }
            // Running syncs commit the page in flight and record themselves as cancelled.
            group.cancelAll()
        }
    }

    private func work(_ first: StoredEndpoint, trigger: SyncTrigger) async {
        var next: (StoredEndpoint, SyncTrigger)? = (first, trigger)
        while let (endpoint, trigger) = next {
            await sync(endpoint, trigger: trigger)
            guard !Task.isCancelled, !Task.isShuttingDownGracefully else { break }
            next = take(limit: 1).first
        }
        releaseMemoryWhenIdle()
    }

    /// The syncs to start now, at most `limit` and within the free slots: manual triggers first, then due
    /// endpoints by due time. Each is marked running.
    func take(limit: Int) -> [(StoredEndpoint, SyncTrigger)] {
        let now = engine.now()
        let instant = ContinuousClock.now
        return state.withLockedValue { state in
            state.heldElsewhere = state.heldElsewhere.filter { $0.value > instant }
            var picked: [(StoredEndpoint, SyncTrigger)] = []
            var free = min(limit, maxConcurrent - state.running.count)
            while free > 0, !state.triggered.isEmpty {
                let name = state.triggered.removeFirst()
                guard let endpoint = state.endpoints[name], !state.running.contains(name) else { continue }
                picked.append((endpoint, .api))
                state.running.insert(name)
                free -= 1
            }
            guard free > 0 else { return picked }
            let due = state.endpoints.values
                .filter {
                    $0.state == .active && !state.running.contains($0.name) && state.heldElsewhere[$0.name] == nil
                        && ($0.nextSyncAt.map { $0 <= now } ?? false)
                }
                .sorted { ($0.nextSyncAt ?? now, $0.name) < ($1.nextSyncAt ?? now, $1.name) }
            for endpoint in due.prefix(free) {
                picked.append((endpoint, .schedule))
                state.running.insert(endpoint.name)
            }
            return picked
        }
    }

    /// After a burst of syncs, hands the heap they freed back to the system, so an idle daemon's resident memory
    /// stays small (glibc keeps freed memory otherwise), and notes when the daemon went idle.
    private func releaseMemoryWhenIdle() {
        let idle = state.withLockedValue { state -> Bool in
            guard state.running.isEmpty else { return false }
            state.idleSince = ContinuousClock.now
            return true
        }
        if idle { fc_malloc_release_free_memory() }
    }

    /// Once the daemon has run no sync for a minute, and at most every five minutes, lets the kernel take the code
    /// and read-only data it touched only at start-up, in a burst or for a request out of its resident set; what the
    /// idle loop and the next scrape use comes back on first touch.
    private func pageOutWhenSettled() {
        let now = ContinuousClock.now
        let due = state.withLockedValue { state -> Bool in
            guard state.running.isEmpty, now - (state.idleSince ?? now) >= .seconds(60),
                state.pagedOutAt.map({ now - $0 >= .seconds(300) }) ?? true
            else { return false }
            state.pagedOutAt = now
            return true
        }
        guard due else { return }
        fc_malloc_release_free_memory()
        _ = fc_page_out_file_mappings()
    }

    private func refreshIfNeeded() async {
        let now = ContinuousClock.now
        let due = state.withLockedValue { state in
            state.needsRefresh || state.refreshedAt.map { now - $0 >= refreshInterval } ?? true
        }
        guard due else { return }
        do {
            let endpoints = try await store.snapshot().endpoints
            state.withLockedValue { state in
                state.endpoints = endpoints
                state.refreshedAt = now
                state.needsRefresh = false
            }
        } catch {
            // The store is away: keep the last view (nothing new starts, since every sync needs its lease) and retry.
            state.withLockedValue { $0.refreshedAt = now }
            logger.warning(
                "cannot read the endpoints; retrying", metadata: ["error": "\((error as? StoreError)?.description ?? "\(error)")"])
        }
    }

    private func sync(_ endpoint: StoredEndpoint, trigger: SyncTrigger) async {
        var nextSyncAt: Date??
        var heldElsewhere = false
        defer {
            state.withLockedValue { state in
                state.running.remove(endpoint.name)
                // The view learns the next due time from the run itself (as the store recorded it), not by
                // re-reading every endpoint after every sync; an unknown outcome re-reads. An endpoint another
                // process runs is asked again after `heldRetry`; the periodic refresh learns its next due time.
                if heldElsewhere {
                    state.heldElsewhere[endpoint.name] = ContinuousClock.now + heldRetry
                } else if let nextSyncAt, state.endpoints[endpoint.name] != nil {
                    state.endpoints[endpoint.name]?.nextSyncAt = nextSyncAt
                } else {
                    state.needsRefresh = true
                }
            }
        }
        do {
            // A scheduled sync runs only if still due (another replica may have just run it); a manual one always.
            guard let run = try await engine.sync(endpoint, trigger: trigger, lease: lease, onlyIfDue: trigger == .schedule) else {
                heldElsewhere = true
                if trigger == .api {
                    logger.notice(
                        "sync not started: another process holds the endpoint's lease", metadata: ["endpoint": "\(endpoint.name)"])
                }
                return
            }
            nextSyncAt = .some(
                endpoint.state == .active
                    ? SyncEngine.nextSyncTime(of: endpoint, runStartedAt: run.startedAt, now: run.finishedAt ?? run.startedAt) : nil)
            metrics.syncFinished(run)
        } catch {
            logger.error(
                "sync could not be recorded",
                metadata: [
                    "endpoint": "\(endpoint.name)", "error": "\((error as? StoreError)?.description ?? "\(error)")",
                ])
        }
    }
}
