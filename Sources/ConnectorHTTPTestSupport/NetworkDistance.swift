import NIOConcurrencyHelpers

/// Network distance for a fake API: every answer leaves after a fixed delay plus a seeded random share of a jitter,
/// as a real API at least a continent away does. The wait happens off the fake's own lock, so requests in flight
/// overlap as they would, and the most of them at once is counted (the client's concurrency).
public final class NetworkDistance: Sendable {
    private struct State {
        var fixed: Duration = .zero
        var jitter: Duration = .zero
        var random = SeededRandomSource(seed: 1)
        var inFlight = 0
        var maxInFlight = 0
    }

    private let state = NIOLockedValueBox(State())

    /// No distance: answers leave at once.
    public init() {}

    /// Delays every answer by `fixed` plus up to `jitter` (uniformly), reproducibly for a `seed`.
    public func set(fixed: Duration, jitter: Duration = .zero, seed: UInt64 = 1) {
        state.withLockedValue { state in
            state.fixed = fixed
            state.jitter = jitter
            state.random = SeededRandomSource(seed: seed)
        }
    }

    /// The answer `reply` makes, as it reaches the client: after the delay, if any.
    public func answer<Reply>(_ reply: () -> Reply) async -> Reply {
        let delay = state.withLockedValue { state in
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            return state.jitter > .zero ? state.fixed + state.jitter * state.random.nextUnit() : state.fixed
        }
        let answer = reply()
        if delay > .zero { try? await Task.sleep(for: delay) }
        state.withLockedValue { $0.inFlight -= 1 }
        return answer
    }

    /// The most requests answered at once so far.
    public var maxRequestsInFlight: Int { state.withLockedValue { $0.maxInFlight } }
}
