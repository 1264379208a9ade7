import ConnectorHTTPTestSupport

/// Network distance: every answer leaves after a fixed delay plus a seeded random share of a jitter. The wait happens
/// off the fake's lock, so requests in flight overlap as they would, and the fake counts how many are in flight at once.
extension FakeMicrosoftGraph {
    /// Latency added to every answer.
    struct Latency {
        var fixed: Duration = .zero
        var jitter: Duration = .zero
        var random = SeededRandomSource(seed: 1)

        /// The delay for the next answer.
        func next() -> Duration {
            guard jitter > .zero else { return fixed }
            return fixed + jitter * random.nextUnit()
        }
    }

    /// Delays every answer by `fixed` plus up to `jitter` (uniformly), reproducibly for a `seed`.
    public func injectLatency(fixed: Duration, jitter: Duration = .zero, seed: UInt64 = 1) {
        state.withLockedValue { state in
            state.latency = Latency(fixed: fixed, jitter: jitter, random: SeededRandomSource(seed: seed))
        }
    }

    /// The answer to `request` as it reaches the client: after the injected latency, if any.
    func serve(_ request: RecordedRequest) async -> ServerReply {
        let delay = state.withLockedValue { state in
            state.requestsInFlight += 1
            state.maxRequestsInFlight = max(state.maxRequestsInFlight, state.requestsInFlight)
            return state.latency.next()
        }
        let reply = reply(to: request)
        if delay > .zero { try? await Task.sleep(for: delay) }
        state.withLockedValue { $0.requestsInFlight -= 1 }
        return reply
    }

    /// The most requests the fake was answering at once (with latency injected, the client's concurrency).
    public var maxRequestsInFlight: Int { state.withLockedValue { $0.maxRequestsInFlight } }
}
