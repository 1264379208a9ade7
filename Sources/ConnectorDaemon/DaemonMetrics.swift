import ConnectorStore
import Foundation
import Metrics
import Prometheus

/// The daemon's metrics (SPEC §7), kept in its own Prometheus registry through swift-metrics, so tests and several
/// daemons in one process never share a global.
///
/// Counters and histograms are updated as things happen; the endpoint and file gauges are read from the store at
/// each scrape, and process metrics from `/proc`.
public final class DaemonMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let factory: PrometheusMetricsFactory

    /// Creates an empty set of metrics.
    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        let seconds: [Duration] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 1800].map { .milliseconds(Int64($0 * 1000)) }
        factory.durationHistogramBuckets = [
            "fileconnector_sync_duration_seconds": seconds,
            "fileconnector_api_request_duration_seconds": [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30].map { .milliseconds(Int64($0 * 1000)) },
        ]
        self.factory = factory
    }

    /// A reconcile ended with `result` (`applied`, `unchanged`, `invalid`, `refused`, `failed`) and `errors`
    /// manifest errors (0 unless invalid).
    public func reconciled(result: String, manifestErrors errors: Int) {
        Counter(label: "fileconnector_reconciles_total", dimensions: [("result", result)], factory: factory).increment()
        Gauge(label: "fileconnector_manifest_errors", factory: factory).record(errors)
    }

    /// A sync run ended.
    public func syncFinished(_ run: SyncRunRecord) {
        let endpoint = ("endpoint", run.endpoint)
        Counter(label: "fileconnector_sync_runs_total", dimensions: [endpoint, ("status", run.status)], factory: factory).increment()
        if let finished = run.finishedAt {
            Timer(label: "fileconnector_sync_duration_seconds", factory: factory)
                .recordNanoseconds(Int64(max(0, finished.timeIntervalSince(run.startedAt)) * 1e9))
        }
        for (change, count) in [("created", run.created), ("updated", run.updated), ("removed", run.removed)] {
            Counter(label: "fileconnector_files_changed_total", dimensions: [endpoint, ("change", change)], factory: factory)
                .increment(by: count)
        }
        if run.status == "succeeded", let finished = run.finishedAt {
            Gauge(label: "fileconnector_last_success_timestamp_seconds", dimensions: [endpoint], factory: factory)
                .record(finished.timeIntervalSince1970)
        }
    }

    /// One provider API response (or transport failure, `code` = `error`) and how long it took.
    public func apiResponse(provider: String, code: String, duration: Duration, retried: Bool) {
        Counter(label: "fileconnector_api_requests_total", dimensions: [("provider", provider), ("code", code)], factory: factory).increment()
        if retried {
            Counter(label: "fileconnector_api_retries_total", dimensions: [("provider", provider)], factory: factory).increment()
        }
        Timer(label: "fileconnector_api_request_duration_seconds", factory: factory).recordInterval(duration)
    }

    /// The Prometheus text exposition: the store's endpoint and file gauges as of now, the recorded metrics, and
    /// the process metrics.
    public func scrape(store: any CatalogStore) async throws -> String {
        let snapshot = try await store.snapshot()
        var states: [String: Int] = ["active": 0, "suspended": 0, "retired": 0]
        for endpoint in snapshot.endpoints.values { states[endpoint.state.rawValue, default: 0] += 1 }
        for (state, count) in states {
            Gauge(label: "fileconnector_endpoints", dimensions: [("state", state)], factory: factory).record(count)
        }
        for (endpoint, counts) in try await store.fileCounts() {
            for (state, count) in [("present", counts.present), ("removed", counts.removed)] {
                Gauge(label: "fileconnector_files", dimensions: [("endpoint", endpoint), ("state", state)], factory: factory).record(count)
            }
        }
        return registry.emitToString() + ProcessMetrics.current().exposition()
    }
}

extension Timer {
    /// Records a `Duration`.
    func recordInterval(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
