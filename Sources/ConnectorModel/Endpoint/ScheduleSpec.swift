/// The `schedule` block: exactly one of `interval`, `cron` or `manual`.
public struct ScheduleSpec: Sendable, Hashable, Codable {
    /// A Go-style duration between sync starts (`15m`, `1h30m`).
    public var interval: String?
    /// A 5-field cron expression or `@hourly`-style macro.
    public var cron: String?
    /// The IANA time zone the cron expression is read in (default UTC).
    public var timezone: String?
    /// Only run on `file-connector sync` or the API.
    public var manual: Bool?
    /// Random delay added to each interval start, as a duration.
    public var jitter: String?

    /// Creates a schedule block; give exactly one of interval, cron or manual.
    public init(interval: String? = nil, cron: String? = nil, timezone: String? = nil, manual: Bool? = nil, jitter: String? = nil) {
        self.interval = interval
        self.cron = cron
        self.timezone = timezone
        self.manual = manual
        self.jitter = jitter
    }
}

/// The `sync` block: how a sync runs.
public struct SyncSettings: Sendable, Hashable, Codable {
    /// `incremental` or `full`.
    public var mode: String?
    /// How often an incremental endpoint still does a full listing.
    public var fullResyncEvery: String?
    /// Items per provider page.
    public var pageSize: Int?
    /// Per-endpoint request rate limit.
    public var rateLimit: RateLimit?
    /// Longest a sync may run.
    public var timeout: String?
    /// The most provider requests in flight at once during a listing (default ``defaultMaxConcurrentRequests``).
    public var maxConcurrentRequests: Int?

    /// The default of `maxConcurrentRequests`.
    public static let defaultMaxConcurrentRequests = 8

    /// Creates a sync block.
    public init(
        mode: String? = nil, fullResyncEvery: String? = nil, pageSize: Int? = nil, rateLimit: RateLimit? = nil, timeout: String? = nil,
        maxConcurrentRequests: Int? = nil
    ) {
        self.mode = mode
        self.fullResyncEvery = fullResyncEvery
        self.pageSize = pageSize
        self.rateLimit = rateLimit
        self.timeout = timeout
        self.maxConcurrentRequests = maxConcurrentRequests
    }

    /// A token bucket.
    public struct RateLimit: Sendable, Hashable, Codable {
        /// Sustained rate.
        public var requestsPerSecond: Double
        /// Bucket size.
        public var burst: Int?

        /// Creates a rate limit.
        public init(requestsPerSecond: Double, burst: Int? = nil) {
            self.requestsPerSecond = requestsPerSecond
            self.burst = burst
        }
    }
}
