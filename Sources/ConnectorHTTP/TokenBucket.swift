import NIOConcurrencyHelpers

/// A token bucket that paces one endpoint's requests: `requestsPerSecond` on average, up to `burst` at once.
///
/// This is the `sync.rateLimit` of an endpoint manifest. Waiting callers reserve their slot when they call
/// ``acquire()``, so concurrent callers are served in call order and each sleeps only its own share; a caller
/// cancelled while waiting gives its slot back.
public final class TokenBucket: Sendable {
    private struct State {
        /// Tokens available now; negative while callers wait on reserved tokens.
        var tokens: Double
        /// When `tokens` was last brought up to date, on the elapsed clock.
        var updatedAt: Duration
    }

    /// The sustained rate in requests per second.
    public let requestsPerSecond: Double
    /// The most requests let through at once after a quiet period.
    public let burst: Int
    private let clock: ElapsedClock
    private let state: NIOLockedValueBox<State>

    /// Creates a full bucket.
    /// - Parameters:
    ///   - requestsPerSecond: The sustained rate; values below 0.001 (and non-finite ones) are raised to 0.001.
    ///   - burst: The bucket size (at least 1).
    ///   - clock: The clock to measure and wait on.
    public init(requestsPerSecond: Double, burst: Int, clock: any Clock<Duration> = ContinuousClock()) {
        self.requestsPerSecond = requestsPerSecond.isFinite ? max(requestsPerSecond, 0.001) : 0.001
        self.burst = max(1, burst)
        self.clock = ElapsedClock(clock)
        self.state = NIOLockedValueBox(State(tokens: Double(max(1, burst)), updatedAt: .zero))
    }

    /// Waits until the caller may send one request.
    /// - Throws: `CancellationError` when the task is cancelled while waiting (the slot is returned).
    public func acquire() async throws {
        try Task.checkCancellation()
        let wait = reserve()
        guard wait > .zero else { return }
        do {
            try await clock.sleep(for: wait)
        } catch {
            state.withLockedValue { $0.tokens += 1 }
            throw error
        }
    }

    /// Takes one token and returns how long the caller must wait before using it.
    func reserve() -> Duration {
        let now = clock.now()
        return state.withLockedValue { state in
            let elapsed = max(.zero, now - state.updatedAt).seconds
            state.tokens = min(Double(self.burst), state.tokens + elapsed * self.requestsPerSecond)
            state.updatedAt = now
            state.tokens -= 1
            guard state.tokens < 0 else { return .zero }
            return .seconds(-state.tokens / self.requestsPerSecond)
        }
    }
}
