import NIOConcurrencyHelpers

/// A `Clock` that only moves when a test moves it, so backoff, pacing and expiry can be tested without waiting.
///
/// Two modes:
/// - **manual** (default): ``sleep(until:tolerance:)`` suspends until ``advance(by:)``, ``advance(to:)`` or
///   ``advanceToNextDeadline()`` moves `now` to the deadline (or the sleeping task is cancelled).
/// - **auto-advance**: every sleep returns at once and `now` jumps to its deadline, so a whole retry sequence runs
///   instantly while the clock still reads as if the time had passed.
///
/// In both modes every requested sleep is recorded in ``recordedSleeps`` (the duration asked for, measured from
/// `now` at the time of the call), so tests can assert exact backoff delays.
public final class ManualClock: Clock, Sendable {
    /// A point on a ``ManualClock``: the time elapsed since the clock was created.
    public struct Instant: InstantProtocol, Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The time since the clock's origin.
        public var offset: Duration

        /// Creates an instant `offset` after the origin.
        /// - Parameter offset: The time since the origin.
        public init(offset: Duration) { self.offset = offset }

        /// The instant `duration` later.
        /// - Parameter duration: The distance.
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }

        /// The distance to `other`.
        /// - Parameter other: Another instant.
        public func duration(to other: Instant) -> Duration { other.offset - offset }

        /// Orders instants by offset.
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }

        /// `+1.5 seconds`.
        public var description: String { "+\(offset)" }
    }

    private struct Sleeper {
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var autoAdvance: Bool
        var sleepers: [Int: Sleeper] = [:]
        var nextID = 0
        var recorded: [Duration] = []
    }

    private let state: NIOLockedValueBox<State>

    /// Creates a clock at offset zero.
    /// - Parameter autoAdvance: Whether sleeps complete at once, moving `now` to their deadline.
    public init(autoAdvance: Bool = false) {
        state = NIOLockedValueBox(State(autoAdvance: autoAdvance))
    }

    /// The current instant.
    public var now: Instant { state.withLockedValue { $0.now } }

    /// Zero: the clock has no granularity.
    public var minimumResolution: Duration { .zero }

    /// Whether sleeps complete at once; switching it on releases current sleepers too.
    public var autoAdvance: Bool {
        get { state.withLockedValue { $0.autoAdvance } }
        set {
            state.withLockedValue { $0.autoAdvance = newValue }
            if newValue { advanceToNextDeadline(releasingAll: true) }
        }
    }

    /// Every sleep requested so far, in call order: the deadline minus `now` at the time of the call.
    public var recordedSleeps: [Duration] { state.withLockedValue { $0.recorded } }

    /// The sum of ``recordedSleeps``.
    public var totalRecordedSleep: Duration { recordedSleeps.reduce(.zero, +) }

    /// Forgets the recorded sleeps.
    public func clearRecordedSleeps() { state.withLockedValue { $0.recorded = [] } }

    /// How many tasks are suspended in ``sleep(until:tolerance:)`` now.
    public var sleeperCount: Int { state.withLockedValue { $0.sleepers.count } }

    /// The earliest deadline among current sleepers.
    public var nextDeadline: Instant? { state.withLockedValue { $0.sleepers.values.map(\.deadline).min() } }

    /// Suspends until `now` reaches `deadline` (manual mode) or moves `now` there at once (auto-advance mode).
    /// - Parameters:
    ///   - deadline: When to wake.
    ///   - tolerance: Ignored.
    /// - Throws: `CancellationError` when the task is cancelled before the deadline.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let id: Int? = state.withLockedValue { state in
            state.recorded.append(max(.zero, state.now.duration(to: deadline)))
            if state.autoAdvance {
                state.now = max(state.now, deadline)
                return nil
            }
            if deadline <= state.now { return nil }
            state.nextID += 1
            return state.nextID
        }
        guard let id else {
            await Task.yield()
            return
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let immediate: Result<Void, any Error>? = state.withLockedValue { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let sleeper = state.withLockedValue { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves `now` forward by `duration` and wakes every sleeper whose deadline has come.
    /// - Parameter duration: How far to move (negative values are ignored).
    public func advance(by duration: Duration) {
        let target = state.withLockedValue { $0.now.advanced(by: max(.zero, duration)) }
        advance(to: target)
    }

    /// Moves `now` to `instant` (if later) and wakes every sleeper whose deadline has come.
    /// - Parameter instant: The new time.
    public func advance(to instant: Instant) {
        let woken = state.withLockedValue { state -> [CheckedContinuation<Void, any Error>] in
            state.now = max(state.now, instant)
            let due = state.sleepers.filter { $0.value.deadline <= state.now }
            for id in due.keys { state.sleepers[id] = nil }
            return due.values.sorted { $0.deadline < $1.deadline }.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Moves `now` to the earliest sleeper's deadline and wakes the sleepers due then.
    /// - Returns: Whether there was a sleeper to wake.
    @discardableResult
    public func advanceToNextDeadline() -> Bool {
        advanceToNextDeadline(releasingAll: false)
    }

    @discardableResult
    private func advanceToNextDeadline(releasingAll: Bool) -> Bool {
        let deadline = state.withLockedValue { state in
            releasingAll ? state.sleepers.values.map(\.deadline).max() : state.sleepers.values.map(\.deadline).min()
        }
        guard let deadline else { return false }
        advance(to: deadline)
        return true
    }

    /// Waits (in real time, polling) until at least `count` tasks sleep on this clock.
    /// - Parameters:
    ///   - count: The number of sleepers to wait for.
    ///   - timeout: The real time to wait at most.
    /// - Throws: ``ManualClockTimeout`` when they do not arrive in time, or `CancellationError`.
    public func waitForSleepers(_ count: Int = 1, timeout: Duration = .seconds(60)) async throws {
        let start = ContinuousClock.now
        while sleeperCount < count {
            guard ContinuousClock.now - start < timeout else { throw ManualClockTimeout(expected: count, actual: sleeperCount) }
            try await Task.sleep(for: .milliseconds(1))
        }
    }
}

/// Thrown by ``ManualClock/waitForSleepers(_:timeout:)`` when too few tasks went to sleep in time.
public struct ManualClockTimeout: Error, Sendable, CustomStringConvertible {
    /// Sleepers waited for.
    public let expected: Int
    /// Sleepers present at the timeout.
    public let actual: Int

    /// `expected 2 sleepers on the manual clock, found 1`.
    public var description: String { "expected \(expected) sleepers on the manual clock, found \(actual)" }
}
