/// A type-erased view of an injected `Clock<Duration>`: time elapsed since this view was made, and sleeping.
///
/// The pacing and breaker types store plain `Duration` offsets instead of the clock's own `Instant`, which keeps their
/// state machines free of generics and lets one injected clock (the real one, or a test's manual clock) drive all.
struct ElapsedClock: Sendable {
    private let elapsed: @Sendable () -> Duration
    private let sleeper: @Sendable (Duration) async throws -> Void

    /// Wraps `clock`; offsets are measured from the moment of this call.
    init(_ clock: any Clock<Duration>) {
        (elapsed, sleeper) = Self.erase(clock)
    }

    private static func erase<C: Clock<Duration>>(
        _ clock: C
    ) -> (@Sendable () -> Duration, @Sendable (Duration) async throws -> Void) {
        let origin = clock.now
        return ({ origin.duration(to: clock.now) }, { try await clock.sleep(for: $0) })
    }

    /// Time elapsed on the clock since this view was made.
    func now() -> Duration {
        elapsed()
    }

    /// Suspends for `duration` on the clock; returns at once for zero or negative durations.
    /// - Throws: `CancellationError` when the task is cancelled while sleeping.
    func sleep(for duration: Duration) async throws {
        guard duration > .zero else {
            try Task.checkCancellation()
            return
        }
        try await sleeper(duration)
    }
}
