import ConnectorSchedule

/// The `sync` block, typed, with its defaults applied.
public struct SyncConfiguration: Sendable, Hashable {
    /// Incremental (the default) or full.
    public var mode: SyncMode
    /// How often an incremental endpoint still lists everything (default 24h).
    public var fullResyncEvery: Duration
    /// Items per provider page, 1 to 1,000 (default 1,000).
    public var pageSize: Int
    /// The per-endpoint request budget, when one is set.
    public var rateLimit: RateLimit?
    /// The longest a run may take (default 30m); the run stops after the page in flight.
    public var timeout: Duration
    /// The most provider requests in flight at once during a listing (default 8).
    public var maxConcurrentRequests: Int

    /// The defaults: what an endpoint without a `sync` block gets.
    public static let defaults = SyncConfiguration(
        mode: .incremental, fullResyncEvery: .seconds(24 * 3600), pageSize: 1000, rateLimit: nil, timeout: .seconds(30 * 60),
        maxConcurrentRequests: SyncSettings.defaultMaxConcurrentRequests)

    /// Creates a configuration.
    public init(
        mode: SyncMode, fullResyncEvery: Duration, pageSize: Int, rateLimit: RateLimit?, timeout: Duration,
        maxConcurrentRequests: Int
    ) {
        self.mode = mode
        self.fullResyncEvery = fullResyncEvery
        self.pageSize = pageSize
        self.rateLimit = rateLimit
        self.timeout = timeout
        self.maxConcurrentRequests = maxConcurrentRequests
    }

    /// Types a `sync` block (nil gives ``defaults``).
    /// - Throws: ``EndpointConfigurationError`` naming the value that cannot be used.
    init(_ settings: SyncSettings?) throws(EndpointConfigurationError) {
        self = .defaults
        guard let settings else { return }
        if let mode = settings.mode {
            guard let typed = SyncMode(rawValue: mode) else {
                throw EndpointConfigurationError(
                    path: ["sync", "mode"],
                    message: "expected one of \(SyncMode.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(mode)\"")
            }
            self.mode = typed
        }
        if let text = settings.fullResyncEvery {
            fullResyncEvery = try EndpointConfigurationError.positiveDuration(text, at: ["sync", "fullResyncEvery"])
        }
        if let size = settings.pageSize {
            guard (1...1000).contains(size) else {
                throw EndpointConfigurationError(path: ["sync", "pageSize"], message: "expected 1 to 1000, got \(size)")
            }
            pageSize = size
        }
        if let limit = settings.rateLimit {
            guard limit.requestsPerSecond > 0, limit.requestsPerSecond.isFinite else {
                throw EndpointConfigurationError(
                    path: ["sync", "rateLimit", "requestsPerSecond"], message: "expected a positive number, got \(limit.requestsPerSecond)")
            }
            if let burst = limit.burst, burst < 1 {
                throw EndpointConfigurationError(path: ["sync", "rateLimit", "burst"], message: "expected at least 1, got \(burst)")
            }
            rateLimit = RateLimit(
                requestsPerSecond: limit.requestsPerSecond, burst: limit.burst ?? max(1, Int(limit.requestsPerSecond.rounded(.up))))
        }
        if let text = settings.timeout {
            timeout = try EndpointConfigurationError.positiveDuration(text, at: ["sync", "timeout"])
        }
        if let count = settings.maxConcurrentRequests {
            guard count >= 1 else {
                throw EndpointConfigurationError(path: ["sync", "maxConcurrentRequests"], message: "expected at least 1, got \(count)")
            }
            maxConcurrentRequests = count
        }
    }

    /// A token bucket on provider requests.
    public struct RateLimit: Sendable, Hashable {
        /// The sustained rate.
        public var requestsPerSecond: Double
        /// Requests allowed at once (default: the rate rounded up).
        public var burst: Int

        /// Creates a rate limit.
        public init(requestsPerSecond: Double, burst: Int) {
            self.requestsPerSecond = requestsPerSecond
            self.burst = burst
        }
    }
}
