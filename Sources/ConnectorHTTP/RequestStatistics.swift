import NIOConcurrencyHelpers

/// Thread-safe counters of the requests one sync run (or any caller) made, read by the sync engine for its
/// `sync_runs` row and metrics.
///
/// Every attempt that reaches the network counts as a request; every attempt after the first of a call counts as a
/// retry (including the resend after a token refresh).
public final class RequestStatistics: Sendable {
    /// A consistent copy of the counters.
    public struct Snapshot: Sendable, Hashable {
        /// Attempts sent.
        public var requests: Int = 0
        /// Attempts that were retries.
        public var retries: Int = 0
        /// Responses by status code.
        public var statusCounts: [Int: Int] = [:]
        /// Attempts that ended in a transport error or timeout, without a response.
        public var transportErrors: Int = 0
        /// Calls rejected by an open circuit without being sent.
        public var circuitRejections: Int = 0

        /// Creates empty counters.
        public init() {}
    }

    private let counters = NIOLockedValueBox(Snapshot())

    /// Creates zeroed counters.
    public init() {}

    /// A consistent copy of all counters.
    public var snapshot: Snapshot {
        counters.withLockedValue { $0 }
    }

    /// Attempts sent so far.
    public var requests: Int { snapshot.requests }

    /// Retries so far.
    public var retries: Int { snapshot.retries }

    /// How many responses had `status`.
    /// - Parameter status: A status code.
    public func count(status: Int) -> Int {
        counters.withLockedValue { $0.statusCounts[status, default: 0] }
    }

    func recordAttempt(isRetry: Bool) {
        counters.withLockedValue { counters in
            counters.requests += 1
            if isRetry { counters.retries += 1 }
        }
    }

    func recordStatus(_ status: Int) {
        counters.withLockedValue { $0.statusCounts[status, default: 0] += 1 }
    }

    func recordTransportError() {
        counters.withLockedValue { $0.transportErrors += 1 }
    }

    func recordCircuitRejection() {
        counters.withLockedValue { $0.circuitRejections += 1 }
    }
}
