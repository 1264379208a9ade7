/// How often and how long ``ProviderHTTPClient`` waits between attempts: exponential backoff with full jitter and a
/// cap, or the server's `Retry-After` when it sends one.
public struct RetryPolicy: Sendable, Hashable {
    /// The most times one request is sent, including the first; `1` disables retries.
    public var maxAttempts: Int
    /// The backoff ceiling before the first retry; it doubles for each further retry.
    public var baseDelay: Duration
    /// The largest backoff ceiling (the cap).
    public var maxDelay: Duration
    /// The longest `Retry-After` that is honoured. A server asking for more fails the call at once with a
    /// ``HTTPError/Code/rateLimited`` error instead of parking the sync for that long.
    public var maxRetryAfter: Duration
    /// How rate-limit replies are waited out; they are bounded by time, not by ``maxAttempts``.
    public var rateLimit: RateLimitBackoff

    /// Creates a policy.
    /// - Parameters:
    ///   - maxAttempts: The most times one request is sent, including the first (at least 1).
    ///   - baseDelay: The backoff ceiling before the first retry.
    ///   - maxDelay: The largest backoff ceiling.
    ///   - maxRetryAfter: The longest `Retry-After` that is honoured.
    ///   - rateLimit: How rate-limit replies are waited out.
    public init(
        maxAttempts: Int = 6,
        baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(300),
        rateLimit: RateLimitBackoff = .truncatedExponential
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.rateLimit = rateLimit
    }

    /// The default policy: 6 attempts, 0.5 s base, 30 s cap, `Retry-After` honoured up to 5 minutes; rate limits
    /// waited out with Google's truncated exponential backoff for up to 5 minutes.
    public static let standard = RetryPolicy()

    /// The backoff ceiling before retry number `retry` (0 for the first retry): `min(maxDelay, baseDelay · 2^retry)`.
    /// - Parameter retry: The zero-based retry index.
    public func ceiling(forRetry retry: Int) -> Duration {
        let exponent = min(max(retry, 0), 62)
        let base = baseDelay.seconds
        let ceiling = base * Double(sign: .plus, exponent: exponent, significand: 1)
        return ceiling >= maxDelay.seconds ? maxDelay : .seconds(ceiling)
    }

    /// The full-jitter delay before retry number `retry`: `unit · ceiling(forRetry: retry)`.
    /// - Parameters:
    ///   - retry: The zero-based retry index.
    ///   - unit: A random number in `0 ..< 1`, from the client's ``RandomSource``.
    public func backoff(forRetry retry: Int, unit: Double) -> Duration {
        let fraction = min(max(unit, 0), 1)
        return .seconds(ceiling(forRetry: retry).seconds * fraction)
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
