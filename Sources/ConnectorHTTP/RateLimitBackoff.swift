/// How a rate-limit reply that names no `Retry-After` (Drive's 403 `userRateLimitExceeded` and `rateLimitExceeded`,
/// 429, `RESOURCE_EXHAUSTED`) is waited out: Google's truncated exponential backoff. Retry `n` waits `2^n` times the
/// base plus up to ``maxJitter`` of random time, never more than ``maxDelay``, and the call gives up once the waits
/// would pass ``maxTotalWait`` in all. A quota refills within a minute or so; the standard backoff (six attempts in
/// about 15 s) gives up before it does.
public struct RateLimitBackoff: Sendable, Hashable {
    /// The wait before the first retry, without jitter.
    public var baseDelay: Duration
    /// The longest single wait (Google's `maximum_backoff`).
    public var maxDelay: Duration
    /// The most random time added to a wait.
    public var maxJitter: Duration
    /// The most time one call spends waiting out rate limits, `Retry-After` waits included.
    public var maxTotalWait: Duration

    /// Creates a backoff.
    /// - Parameters:
    ///   - baseDelay: The wait before the first retry; 1 s by default.
    ///   - maxDelay: The longest single wait; 64 s by default.
    ///   - maxJitter: The most random time added to a wait; 1 s by default.
    ///   - maxTotalWait: The most time spent waiting in one call; 5 minutes by default.
    public init(
        baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(64), maxJitter: Duration = .seconds(1),
        maxTotalWait: Duration = .seconds(300)
    ) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxJitter = maxJitter
        self.maxTotalWait = maxTotalWait
    }

    /// Google's documented values: 1 s doubling, plus up to 1 s of jitter, at most 64 s, for up to 5 minutes.
    public static let truncatedExponential = RateLimitBackoff()

    /// The wait before rate-limit retry number `retry` (0 for the first): `min(maxDelay, baseDelay · 2^retry + unit · maxJitter)`.
    /// - Parameters:
    ///   - retry: The zero-based rate-limit retry index.
    ///   - unit: A random number in `0 ..< 1`, from the client's ``RandomSource``.
    public func delay(forRetry retry: Int, unit: Double) -> Duration {
        let exponent = min(max(retry, 0), 62)
        let grown = baseDelay.seconds * Double(sign: .plus, exponent: exponent, significand: 1)
        let jittered = grown + min(max(unit, 0), 1) * maxJitter.seconds
        return jittered >= maxDelay.seconds ? maxDelay : .seconds(jittered)
    }
}
