import ConnectorModel
import ConnectorSchedule
import ConnectorStore
import ConnectorSync
import Foundation
import NIOConcurrencyHelpers
import Prometheus

/// The daemon's metrics (docs/api.md) in their own Prometheus registry, every family with its `# HELP` (so `promtool
/// check metrics` is clean), and no process-wide global: tests and several daemons in one process never share one.
///
/// Counters and histograms are updated as things happen; the endpoint and file gauges are read from the store at
/// each scrape, and the process metrics from `/proc`. ``swiftMetricsFactory`` lets anything that reports through
/// swift-metrics land in the same exposition (the `run` command bootstraps it).
public final class DaemonMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// Each spec's longest gap between scheduled syncs (nil: manual), by spec hash: computed once per spec.
    /// The last-success gauge's values, so a start time read from the store never moves it back.
    private let lastSuccessTimes = NIOLockedValueBox<[String: TimeInterval]>([:])
    /// The endpoints with an interval series.
    private let intervalSeries = NIOLockedValueBox<Set<String>>([])
    private let scheduleGaps = NIOLockedValueBox<[String: TimeInterval?]>([:])
    /// The sinks with lag and dead-letter series (the active ones at the last scrape).
    private let sinkSeries = NIOLockedValueBox<Set<String>>([])
    /// The endpoints with file-count series (those not retired at the last scrape).
    private let fileSeries = NIOLockedValueBox<Set<String>>([])
    /// The endpoints with run counters, and the run statuses counted for each (their `sync_runs_total` series).
    private let runCounterSeries = NIOLockedValueBox<[String: Set<String>]>([:])

    /// A swift-metrics factory over this registry.
    public var swiftMetricsFactory: PrometheusMetricsFactory { PrometheusMetricsFactory(registry: registry) }

    /// Creates an empty set of metrics.
    public init() {}

    /// A reconcile ended with `result` (`applied`, `unchanged`, `invalid`, `refused`, `failed`) and `errors`
    /// manifest errors (0 unless invalid).
    public func reconciled(result: String, manifestErrors errors: Int) {
        counter(.reconciles, [("result", result)]).increment()
        gauge(.manifestErrors, []).set(Int64(errors))
    }

    /// Whether the last reconcile found this replica's manifests behind the store's.
    public func manifestsBehind(_ behind: Bool) {
        gauge(.manifestsBehind, []).set(Int64(behind ? 1 : 0))
    }

    /// A sync run ended.
    public func syncFinished(_ run: SyncRunRecord) {
        let endpoint = ("endpoint", run.endpoint)
        // Counted and recorded together, so a scrape that drops a retired endpoint's counters never misses one.
        runCounterSeries.withLockedValue { series in
            counter(.syncRuns, [endpoint, ("status", run.status.rawValue)]).increment()
            for (change, count) in zip(Self.fileChanges, [run.created, run.updated, run.removed]) {
                counter(.filesChanged, [endpoint, ("change", change)]).increment(by: Int64(count))
            }
            series[run.endpoint, default: []].insert(run.status.rawValue)
        }
        if let finished = run.finishedAt {
            histogram(.syncDuration).recordNanoseconds(Int64(max(0, finished.timeIntervalSince(run.startedAt)) * 1e9))
        }
        if run.status == .succeeded, let finished = run.finishedAt {
            lastSuccess(run.endpoint, at: finished)
        }
    }

    /// One provider API response (or transport failure, `code` = `error`) and how long it took.
    public func apiResponse(provider: String, code: String, duration: Duration, retried: Bool) {
        counter(.apiRequests, [("provider", provider), ("code", code)]).increment()
        if retried { counter(.apiRetries, [("provider", provider)]).increment() }
        let (seconds, attoseconds) = duration.components
        histogram(.apiDuration).recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// A delivery attempt to `sink` ended: `delivered` (with `events` events), `failed`, or `dead_lettered`.
    public func sinkAttempt(_ sink: String, result: String, events: Int = 0) {
        counter(.sinkDeliveries, [("sink", sink), ("result", result)]).increment()
        if events > 0 { counter(.sinkEventsDelivered, [("sink", sink)]).increment(by: Int64(events)) }
    }

    /// The Prometheus text exposition: the store's endpoint, file and sink gauges as of now, the recorded metrics,
    /// and the process metrics.
    public func scrape(store: any EndpointCatalog & CatalogQueries & ChangeLog & SinkDeliveries) async throws -> String {
        let snapshot = try await store.snapshot()
        var states: [String: Int] = ["active": 0, "suspended": 0, "retired": 0]
        for endpoint in snapshot.endpoints.values { states[endpoint.state.rawValue, default: 0] += 1 }
        for (state, count) in states { gauge(.endpoints, [("state", state)]).set(Int64(count)) }
        let active = snapshot.endpoints.values.filter { $0.state == .active }
        let scheduledNames = Set(active.filter { scheduled($0) }.map(\.name))
        let activeSpecs = Set(active.map(\.specHash))
        scheduleGaps.withLockedValue { gaps in gaps = gaps.filter { activeSpecs.contains($0.key) } }
        forgetScheduleGauges(keepingIntervals: scheduledNames, lastSuccesses: Set(active.map(\.name)))
        let retired = Set(snapshot.endpoints.values.filter { $0.state == .retired }.map(\.name))
        forgetRetired(retired)
        let counted = try await store.fileCounts().filter { !retired.contains($0.key) }
        fileSeries.withLockedValue { names in
            for name in names.subtracting(counted.keys) {
                for state in ["present", "removed"] { registry.unregisterGauge(gauge(.files, [("endpoint", name), ("state", state)])) }
            }
            names = Set(counted.keys)
        }
        for (endpoint, counts) in counted {
            gauge(.files, [("endpoint", endpoint), ("state", "present")]).set(Int64(counts.present))
            gauge(.files, [("endpoint", endpoint), ("state", "removed")]).set(Int64(counts.removed))
        }
        let newest = try await store.latestChangeSequence()
        gauge(.changeEventsSequence, []).set(newest)
        gauge(.changeEventsCompacted, []).set(try await store.compactedChangeSequence())
        try await sinkGauges(snapshot.sinks.values.filter { $0.state == .active }.map(\.name), newest: newest, store: store)
        return registry.emitToString() + ProcessMetrics.current().exposition()
    }

    /// The schedule gauges of one active endpoint from its stored record, so every replica (and a restarted
    /// daemon) reports the same: its longest scheduled gap, and its last success when the last run succeeded
    /// (the run's start, which a success seen by this process refines to its end).
    /// - Returns: Whether the endpoint has a schedule (an interval gauge).
    private func scheduled(_ endpoint: StoredEndpoint) -> Bool {
        let labels = [("endpoint", endpoint.name)]
        let gap = scheduleGaps.withLockedValue { gaps in
            if let known = gaps[endpoint.specHash] { return known }
            let gap: TimeInterval? =
                switch endpoint.configuration {
                case .success(let configuration): configuration.schedule.longestGap(after: Date())
                case .failure: nil  // a spec this version cannot use: no schedule to report
                }
            gaps[endpoint.specHash] = gap
            return gap
        }
        if let gap { gauge(.syncInterval, labels).set(gap) }
        if endpoint.lastSyncStatus == .succeeded, let started = endpoint.lastSyncAt {
            lastSuccess(endpoint.name, at: started)
        }
        return gap != nil
    }

    /// Drops the interval series of endpoints that are no longer active or no longer scheduled, and the last-success
    /// series of those no longer active, so the not-synced alert never fires for a retired, suspended or manual one.
    private func forgetScheduleGauges(keepingIntervals intervals: Set<String>, lastSuccesses: Set<String>) {
        intervalSeries.withLockedValue { names in
            for name in names.subtracting(intervals) { registry.unregisterGauge(gauge(.syncInterval, [("endpoint", name)])) }
            names = intervals
        }
        lastSuccessTimes.withLockedValue { times in
            for name in times.keys where !lastSuccesses.contains(name) {
                registry.unregisterGauge(gauge(.lastSuccess, [("endpoint", name)]))
                times[name] = nil
            }
        }
    }

    /// Drops the run and file-change counters of retired endpoints: with endpoints made and retired by the hundred (a
    /// preview per pull request), they would otherwise pile up until a restart. A revived endpoint counts from zero,
    /// which Prometheus reads as a counter reset.
    private func forgetRetired(_ retired: Set<String>) {
        runCounterSeries.withLockedValue { series in
            for name in retired where series[name] != nil {
                for status in series[name] ?? [] {
                    registry.unregisterCounter(counter(.syncRuns, [("endpoint", name), ("status", status)]))
                }
                for change in Self.fileChanges {
                    registry.unregisterCounter(counter(.filesChanged, [("endpoint", name), ("change", change)]))
                }
                series[name] = nil
            }
        }
    }

    /// The `change` label values of `fileconnector_files_changed_total`.
    private static let fileChanges = ["created", "updated", "removed"]

    /// The lag, dead-letter and last-delivery gauges of the active sinks, read from the store (so every replica reports
    /// the same); the series of sinks no longer active go. A sink with no record yet starts after the newest event.
    private func sinkGauges(_ active: [String], newest: Int64, store: any SinkDeliveries) async throws {
        let deliveries = Dictionary(try await store.sinkDeliveries().map { ($0.sink, $0) }, uniquingKeysWith: { first, _ in first })
        sinkSeries.withLockedValue { names in
            for name in names.subtracting(active) {
                registry.unregisterGauge(gauge(.sinkLag, [("sink", name)]))
                registry.unregisterGauge(gauge(.sinkDeadLettered, [("sink", name)]))
                registry.unregisterGauge(gauge(.sinkLastDelivery, [("sink", name)]))
            }
            names = Set(active)
        }
        for name in active {
            let delivery = deliveries[name]
            gauge(.sinkLag, [("sink", name)]).set(max(0, newest - (delivery?.cursor ?? newest)))
            gauge(.sinkDeadLettered, [("sink", name)]).set(Int64(delivery?.deadLetteredAt == nil ? 0 : 1))
            if let last = delivery?.lastDeliveryAt {
                gauge(.sinkLastDelivery, [("sink", name)]).set(last.timeIntervalSince1970)
            }
        }
    }

    /// Moves an endpoint's last-success gauge forward to `date` (never back).
    private func lastSuccess(_ endpoint: String, at date: Date) {
        lastSuccessTimes.withLockedValue { times in
            guard date.timeIntervalSince1970 > times[endpoint, default: 0] else { return }
            times[endpoint] = date.timeIntervalSince1970
            gauge(.lastSuccess, [("endpoint", endpoint)]).set(date.timeIntervalSince1970)
        }
    }

    private func counter(_ name: DaemonMetricName, _ labels: [(String, String)]) -> Counter {
        registry.makeCounter(descriptor: name.descriptor, labels: labels)
    }

    private func gauge(_ name: DaemonMetricName, _ labels: [(String, String)]) -> Gauge {
        registry.makeGauge(descriptor: name.descriptor, labels: labels)
    }

    private func histogram(_ name: DaemonMetricName) -> DurationHistogram {
        registry.makeDurationHistogram(descriptor: name.descriptor, buckets: name.buckets)
    }
}
