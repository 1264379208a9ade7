import NIOConcurrencyHelpers

/// A pause shared by every request of one app against one service account or tenant: when the service answers one
/// request with a rate limit and a `Retry-After`, every request that shares the pause waits it out, not only the one
/// that was told (Microsoft asks this of SharePoint clients: throttled calls still count against the budget).
///
/// Pass the same instance in the ``RequestContext`` of every endpoint that shares the budget. ``ProviderHTTPClient``
/// waits on it before each attempt and extends it when a rate-limited answer names a `Retry-After`.
public final class ThrottlePause: Sendable {
    private let clock: ElapsedClock
    /// Until when requests wait, on the elapsed clock; zero when no pause was ever asked for.
    private let until = NIOLockedValueBox(Duration.zero)

    /// Creates a pause that holds nothing back.
    /// - Parameter clock: The clock to measure and wait on.
    public init(clock: any Clock<Duration> = ContinuousClock()) {
        self.clock = ElapsedClock(clock)
    }

    /// Holds every request back for `duration` from now, unless a longer pause is already in force.
    /// - Parameter duration: The service's `Retry-After`.
    public func extend(by duration: Duration) {
        let end = clock.now() + duration
        until.withLockedValue { until in until = max(until, end) }
    }

    /// How long requests are still held back; zero when they may go.
    public var remaining: Duration {
        let left = until.withLockedValue { $0 } - clock.now()
        return left > .zero ? left : .zero
    }

    /// Waits until the pause (and any extended while waiting) is over.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    public func wait() async throws {
        while true {
            let left = remaining
            guard left > .zero else { return }
            try await clock.sleep(for: left)
        }
    }
}
