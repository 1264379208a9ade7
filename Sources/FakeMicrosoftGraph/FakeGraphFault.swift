import ConnectorHTTPTestSupport

/// A failure the fake can inject instead of answering; answered before any state changes.
public enum FakeGraphFault: Sendable, Hashable, CaseIterable {
    /// 429 `activityLimitReached` with `Retry-After: 1`.
    case throttled
    /// 503 `serviceNotAvailable` with `Retry-After: 1`.
    case unavailable
    /// 500 `generalException`.
    case internalError
    /// 502 `badGateway`.
    case badGateway
    /// 504 `gatewayTimeout`.
    case gatewayTimeout
    /// The connection is reset without an answer.
    case connectionReset

    /// Faults that make sense on the token endpoint (server errors and drops, no Graph throttling).
    static let tokenEndpointFaults: Set<FakeGraphFault> = [.internalError, .unavailable, .connectionReset]

    /// The reply, in Graph's error shape.
    func reply(_ context: FakeGraphErrors.Context) -> ServerReply {
        switch self {
        case .throttled:
            FakeGraphErrors.graph(
                429, "activityLimitReached", "The request has been throttled", nested: "throttledRequest", context: context,
                headers: [("Retry-After", "1")])
        case .unavailable:
            FakeGraphErrors.graph(
                503, "serviceNotAvailable", "The service is temporarily unavailable. Please retry later.", context: context,
                headers: [("Retry-After", "1")])
        case .internalError:
            FakeGraphErrors.graph(500, "generalException", "An unspecified error has occurred.", context: context)
        case .badGateway:
            FakeGraphErrors.graph(502, "badGateway", "The service is unreachable.", context: context)
        case .gatewayTimeout:
            FakeGraphErrors.graph(504, "gatewayTimeout", "The operation timed out.", context: context)
        case .connectionReset:
            .reset
        }
    }
}

/// When to inject faults: queued ones first, then at a seeded rate.
struct FakeGraphFaultPlan {
    var queued: [FakeGraphFault] = []
    var rate = 0.0
    var kinds: [FakeGraphFault] = FakeGraphFault.allCases
    var random = SeededRandomSource(seed: 1)
    var injected = 0

    mutating func next(route: String) -> FakeGraphFault? {
        if !queued.isEmpty, route != "token" || FakeGraphFault.tokenEndpointFaults.contains(queued[0]) {
            injected += 1
            return queued.removeFirst()
        }
        guard rate > 0, random.nextUnit() < rate else { return nil }
        let pool = route == "token" ? kinds.filter(FakeGraphFault.tokenEndpointFaults.contains) : kinds
        guard !pool.isEmpty else { return nil }
        injected += 1
        return pool[Int(random.nextBits() % UInt64(pool.count))]
    }
}

extension FakeMicrosoftGraph {
    /// Fails about `rate` of all requests (0…1) with faults drawn from `kinds`, reproducibly for a `seed`.
    public func injectFaults(rate: Double, seed: UInt64 = 1, kinds: [FakeGraphFault] = FakeGraphFault.allCases) {
        state.withLockedValue { state in
            state.faults.rate = rate
            state.faults.kinds = kinds
            state.faults.random = SeededRandomSource(seed: seed)
        }
    }

    /// Answers the next requests with `faults`, in order (the token endpoint takes only server errors and resets).
    public func failNext(_ faults: FakeGraphFault...) {
        state.withLockedValue { $0.faults.queued += faults }
    }

    /// Faults injected so far.
    public var injectedFaultCount: Int { state.withLockedValue { $0.faults.injected } }
}
