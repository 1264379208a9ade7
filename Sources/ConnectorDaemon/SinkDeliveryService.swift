import AsyncHTTPClient
import ConnectorModel
import ConnectorSinks
import ConnectorStore
import ConnectorSync
import Foundation
import Logging
import ServiceLifecycle

/// Delivers every active sink's events (docs/events.md), until graceful shutdown: each `tick` it reads the sinks, and
/// for each one not waiting out a backoff, a dead letter or another replica's lease, it takes the sink's lease and
/// sends batches (``SinkDeliverer``) until the sink is caught up, fails, or has had its share of the pass. The
/// cursor, the failures and the lease are in the store, so a restarted daemon (or another replica) goes on where
/// delivery stopped; a daemon killed while it held a lease on this host is known gone, and its lease is taken over
/// at once. Nothing here stops the daemon: a failure is logged and the sink is tried again later.
struct SinkDeliveryService: Service {
    let store: any CatalogStore
    let environment: [String: String]
    let lease: SyncLease
    let tick: Duration
    let metrics: DaemonMetrics
    let logger: Logger

    /// Batches one sink may send in one pass before the others get their turn.
    static let batchesPerPass = 20
    /// How long a sink that cannot deliver as configured (its secret unset, say) waits before it is tried again.
    static let setupRetry = Duration.seconds(30)

    func run() async throws {
        var configuration = HTTPClient.Configuration()
        // A redirect could carry the events to another host: the receiver's URL is the one in the manifest.
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        var pauses: [String: SinkPause] = [:]
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await pass(client: client, pauses: &pauses)
            try? await Task.sleep(for: tick)
        }
        for sink in pauses.keys {
            try? await store.releaseSinkLease(sink, owner: lease.owner)
        }
        try? await client.shutdown()
    }

    /// One pass over the active sinks, each delivered to at the same time as the others (a slow receiver holds up
    /// only its own sink).
    func pass(client: HTTPClient, pauses: inout [String: SinkPause]) async {
        let sinks: [StoredSink]
        let newest: Int64
        do {
            sinks = try await store.sinks().filter { $0.state == .active }
            newest = try await store.latestChangeSequence()
        } catch {
            logger.warning("sinks not read; trying again", metadata: ["error": "\(error)"])
            return
        }
        pauses = pauses.filter { name, _ in sinks.contains { $0.name == name } }
        let now = Date()
        let due = sinks.filter { sink in !(pauses[sink.name]?.holds(generation: sink.generation, newest: newest, now: now) ?? false) }
        let results = await withTaskGroup(of: (String, SinkPause).self) { group in
            for sink in due {
                group.addTask {
                    let pause = await deliver(sink, client: client, newest: newest)
                    return (sink.name, pause ?? SinkPause(generation: sink.generation, until: .distantPast))
                }
            }
            return await group.reduce(into: [(String, SinkPause)]()) { $0.append($1) }
        }
        for (name, pause) in results { pauses[name] = pause }
    }

    /// Delivers to `sink` until it is caught up or stops; returns how long to leave it alone (nil: not at all, it has
    /// more to send after the others' turn).
    private func deliver(_ sink: StoredSink, client: HTTPClient, newest: Int64) async -> SinkPause? {
        var logger = self.logger
        logger[metadataKey: "sink"] = "\(sink.name)"
        let renewal = Date().addingTimeInterval(lease.duration.timeInterval / 3)
        let target: SinkTarget
        do {
            target = try SinkTarget(sink, environment: environment)
        } catch {
            logger.error("sink cannot deliver", metadata: ["error": "\(error.message)"])
            await recordSetupFailure(error, of: sink, newest: newest)
            return SinkPause(generation: sink.generation, until: Date().addingTimeInterval(Self.setupRetry.timeInterval))
        }
        let deliverer = SinkDeliverer(
            target: target, store: store, client: client, owner: lease.owner, lease: lease.duration,
            isGone: { SyncLease.isDeadLocalProcess($0) }, logger: logger)
        for _ in 0..<Self.batchesPerPass where !Task.isShuttingDownGracefully {
            let outcome: SinkDeliverer.Outcome
            do {
                outcome = try await deliverer.deliverOnce(now: Date())
            } catch {
                logger.warning("sink delivery interrupted; trying again", metadata: ["error": "\(error)"])
                return SinkPause(generation: sink.generation, until: Date().addingTimeInterval(5))
            }
            switch outcome {
            case .delivered(let count, _):
                metrics.sinkAttempt(sink.name, result: "delivered", events: count)
                continue
            case .idle:
                return SinkPause(generation: sink.generation, idleAt: newest, until: renewal)
            case .notHolder:
                return SinkPause(generation: sink.generation, until: renewal)
            case .waiting(let until):
                return SinkPause(generation: sink.generation, until: min(until, renewal))
            case .failed(let retryAt, _):
                metrics.sinkAttempt(sink.name, result: "failed")
                return SinkPause(generation: sink.generation, until: min(retryAt, renewal))
            case .gaveUp:
                metrics.sinkAttempt(sink.name, result: "dead_lettered")
                return SinkPause(generation: sink.generation, until: Date().addingTimeInterval(30))
            case .deadLettered:
                return SinkPause(generation: sink.generation, until: Date().addingTimeInterval(30))
            }
        }
        return nil
    }
}

extension SinkDeliveryService {
    /// Records why `sink` cannot deliver as a failed attempt (under its lease), so `get sinks` and the metrics show
    /// it; it does not count toward the dead letter's limit, which is about the receiver, and sets no time to wait in
    /// the store (this process waits ``setupRetry``; a restarted one, whose configuration may be mended, tries at once).
    func recordSetupFailure(_ error: SinkSetupError, of sink: StoredSink, newest: Int64) async {
        let now = Date()
        do {
            guard
                try await store.claimSinkDelivery(
                    sink.name, owner: lease.owner, startingAfter: newest, now: now,
                    expiresAt: now.addingTimeInterval(lease.duration.timeInterval))
                    != nil
            else { return }
            _ = try await store.recordSinkFailure(
                sink.name, owner: lease.owner, error: error.message, retryAt: nil, deadLettered: false, at: now)
            metrics.sinkAttempt(sink.name, result: "failed")
        } catch {
            logger.warning("sink's failure not recorded", metadata: ["sink": "\(sink.name)", "error": "\(error)"])
        }
    }
}

/// Why a sink is left alone for now: until a time, or (when it was caught up) until a newer event exists; a new
/// generation of its spec ends any pause.
struct SinkPause: Sendable {
    /// The generation the pause is for.
    var generation: Int
    /// The newest event when the sink was found caught up (nil: not caught up).
    var idleAt: Int64?
    /// The pause ends then (the lease's renewal, a backoff, or a recheck of a dead letter).
    var until: Date

    init(generation: Int, idleAt: Int64? = nil, until: Date) {
        self.generation = generation
        self.idleAt = idleAt
        self.until = until
    }

    /// True while the sink stays alone.
    func holds(generation current: Int, newest: Int64, now: Date) -> Bool {
        guard current == generation, now < until else { return false }
        guard let idleAt else { return true }
        return newest <= idleAt
    }
}
