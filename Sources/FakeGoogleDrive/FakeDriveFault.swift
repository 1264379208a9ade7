import ConnectorHTTPTestSupport
import NIOConcurrencyHelpers

/// A failure the fake can inject instead of answering.
public enum FakeDriveFault: Sendable, Hashable, CaseIterable {
    /// 403 `userRateLimitExceeded` (classic body).
    case userRateLimit
    /// 403 `rateLimitExceeded` (classic body).
    case projectRateLimit
    /// 429 `rateLimitExceeded` with `Retry-After: 0`.
    case tooManyRequestsWithRetryAfter
    /// 429 `RESOURCE_EXHAUSTED` (newer body) without `Retry-After`.
    case resourceExhausted
    /// 403 with the newer body: `RESOURCE_EXHAUSTED` / ErrorInfo `RATE_LIMIT_EXCEEDED`.
    case quotaExceeded
    /// 500 `backendError`.
    case backendError
    /// 503.
    case unavailable
    /// The connection is reset without an answer.
    case droppedConnection
    /// 401 as for an expired access token.
    case expiredToken

    /// Faults that make sense on the token endpoint (it does not rate-limit with Drive's bodies or check tokens).
    static let tokenEndpointFaults: Set<FakeDriveFault> = [.backendError, .unavailable, .droppedConnection]

    var reply: ServerReply {
        switch self {
        case .userRateLimit:
            FakeDriveErrors.classic(403, "User rate limit exceeded.", reason: "userRateLimitExceeded", domain: "usageLimits")
        case .projectRateLimit:
            FakeDriveErrors.classic(403, "Rate limit exceeded.", reason: "rateLimitExceeded", domain: "usageLimits")
        case .tooManyRequestsWithRetryAfter:
            FakeDriveErrors.classic(
                429, "Resource has been exhausted (e.g. check quota).", reason: "rateLimitExceeded", status: "RESOURCE_EXHAUSTED",
                headers: [("Retry-After", "0")])
        case .resourceExhausted:
            FakeDriveErrors.modern(
                429, "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user'.", status: "RESOURCE_EXHAUSTED",
                reason: "RATE_LIMIT_EXCEEDED")
        case .quotaExceeded:
            FakeDriveErrors.modern(
                403, "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute'.", status: "RESOURCE_EXHAUSTED",
                reason: "RATE_LIMIT_EXCEEDED")
        case .backendError:
            FakeDriveErrors.classic(500, "Internal Error", reason: "backendError")
        case .unavailable:
            FakeDriveErrors.classic(503, "The service is currently unavailable.", reason: "backendError", status: "UNAVAILABLE")
        case .droppedConnection:
            .reset
        case .expiredToken:
            FakeDriveErrors.unauthenticated
        }
    }
}

/// When to inject faults: queued ones first, then at a seeded rate.
struct FakeDriveFaultPlan {
    var queued: [FakeDriveFault] = []
    /// While set, every request is answered with this fault (an outage).
    var outage: FakeDriveFault?
    var rate = 0.0
    var kinds: [FakeDriveFault] = FakeDriveFault.allCases
    var random = SeededRandomSource(seed: 1)
    var injected = 0

    mutating func next(route: String) -> ServerReply? {
        if let outage {
            injected += 1
            return outage.reply
        }
        if !queued.isEmpty, route != "token" || FakeDriveFault.tokenEndpointFaults.contains(queued[0]) {
            injected += 1
            return queued.removeFirst().reply
        }
        guard rate > 0, random.nextUnit() < rate else { return nil }
        let pool = route == "token" ? kinds.filter(FakeDriveFault.tokenEndpointFaults.contains) : kinds
        guard !pool.isEmpty else { return nil }
        injected += 1
        return pool[Int(random.nextBits() % UInt64(pool.count))].reply
    }
}

extension FakeGoogleDrive {
    /// Fails about `rate` of all requests (0…1) with faults drawn from `kinds`, reproducibly for a `seed`.
    public func injectFaults(rate: Double, seed: UInt64 = 1, kinds: [FakeDriveFault] = FakeDriveFault.allCases) {
        state.withLockedValue { state in
            state.faults.rate = rate
            state.faults.kinds = kinds
            state.faults.random = SeededRandomSource(seed: seed)
        }
    }

    /// Answers the next requests with `faults`, in order (the token endpoint only takes server errors and drops).
    public func failNext(_ faults: FakeDriveFault...) {
        state.withLockedValue { $0.faults.queued += faults }
    }

    /// Answers every request with `fault` from now on (an outage), or, with nil, ends the outage.
    public func outage(_ fault: FakeDriveFault?) {
        state.withLockedValue { $0.faults.outage = fault }
    }

    /// Faults injected so far.
    public var injectedFaultCount: Int { state.withLockedValue { $0.faults.injected } }
}
