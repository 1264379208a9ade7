import ConnectorHTTPTestSupport

/// Network distance: every answer leaves after a fixed delay plus a seeded random share of a jitter. The wait happens
/// off the fake's lock, so requests in flight overlap as they would, and the fake counts how many are in flight at once.
extension FakeMicrosoftGraph {
    /// Delays every answer by `fixed` plus up to `jitter` (uniformly), reproducibly for a `seed`.
    public func injectLatency(fixed: Duration, jitter: Duration = .zero, seed: UInt64 = 1) {
        distance.set(fixed: fixed, jitter: jitter, seed: seed)
    }

    /// The answer to `request` as it reaches the client: after the injected latency, if any.
    func serve(_ request: RecordedRequest) async -> ServerReply {
        await distance.answer { reply(to: request) }
    }

    /// The most requests the fake was answering at once (with latency injected, the client's concurrency).
    public var maxRequestsInFlight: Int { distance.maxRequestsInFlight }
}
