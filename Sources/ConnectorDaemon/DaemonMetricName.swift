import Prometheus

/// The metric families documented in docs/api.md, with their help texts and (for histograms) buckets.
enum DaemonMetricName: String {
    case reconciles = "fileconnector_reconciles_total"
    case manifestErrors = "fileconnector_manifest_errors"
    case endpoints = "fileconnector_endpoints"
    case syncRuns = "fileconnector_sync_runs_total"
    case syncDuration = "fileconnector_sync_duration_seconds"
    case files = "fileconnector_files"
    case filesChanged = "fileconnector_files_changed_total"
    case apiRequests = "fileconnector_api_requests_total"
    case apiRetries = "fileconnector_api_retries_total"
    case apiDuration = "fileconnector_api_request_duration_seconds"
    case lastSuccess = "fileconnector_last_success_timestamp_seconds"
    case syncInterval = "fileconnector_sync_interval_seconds"
    case changeEventsSequence = "fileconnector_change_events_sequence"
    case changeEventsCompacted = "fileconnector_change_events_compacted_sequence"
    case manifestsBehind = "fileconnector_manifests_behind"
    case sinkDeliveries = "fileconnector_sink_deliveries_total"
    case sinkEventsDelivered = "fileconnector_sink_events_delivered_total"
    case sinkLag = "fileconnector_sink_lag_events"
    case sinkLastDelivery = "fileconnector_sink_last_delivery_timestamp_seconds"
    case sinkDeadLettered = "fileconnector_sink_dead_lettered"

    var help: String {
        switch self {
        case .reconciles: "Reconciles of the manifests into the store, by result."
        case .manifestErrors: "Errors in the manifests at the last reconcile (0 when they are valid)."
        case .endpoints: "Endpoints in the store, by state."
        case .syncRuns: "Sync runs ended, by endpoint and status."
        case .syncDuration: "How long sync runs took."
        case .files: "Files in the catalog, by endpoint and state."
        case .filesChanged: "Files created, updated or removed by syncs, by endpoint."
        case .apiRequests: "Requests to provider APIs, by provider and HTTP status (error for a transport failure)."
        case .apiRetries: "Provider API requests that were retries, by provider."
        case .apiDuration: "How long provider API requests took."
        case .lastSuccess: "When each endpoint last synced successfully, as a Unix time."
        case .syncInterval: "The longest time between two scheduled syncs of each active endpoint (absent when manual)."
        case .changeEventsSequence: "The newest change event's sequence number in the store (its rate is the events written)."
        case .changeEventsCompacted: "The newest change event sequence number the log's compaction deleted."
        case .manifestsBehind:
            "1 while this replica's manifests are older than the ones the store last applied (it applies nothing), else 0."
        case .sinkDeliveries: "Webhook deliveries attempted by this process, by sink and result (delivered, failed, dead_lettered)."
        case .sinkEventsDelivered: "Change events the sink's receiver accepted from this process, by sink."
        case .sinkLag: "Change events in the store after the sink's cursor (the events it has still to pass), by active sink."
        case .sinkLastDelivery: "When the sink's receiver last accepted a batch, as a Unix time (absent before the first)."
        case .sinkDeadLettered: "1 when the sink's delivery gave up (dead-lettered) and waits to be resumed, else 0, by active sink."
        }
    }

    var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(metricName: rawValue, unitName: "", helpText: help)
    }

    var buckets: [Duration] {
        let seconds: [Double] =
            switch self {
            case .syncDuration: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 1800]
            default: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
            }
        return seconds.map { .milliseconds(Int64($0 * 1000)) }
    }
}
