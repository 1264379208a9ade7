/// The state machine of one host's circuit breaker, free of I/O and clocks: callers pass the time in.
///
/// - **closed**: requests flow; consecutive failures are counted and a success resets the count. Reaching
///   ``CircuitBreakerPolicy/failureThreshold`` opens the circuit.
/// - **open**: requests are rejected without being sent until ``CircuitBreakerPolicy/openDuration`` has passed.
/// - **halfOpen**: the first request after that is let through as the only probe; its success closes the circuit,
///   its failure opens it again, and an abandoned probe (cancelled) lets the next request probe instead.
///
/// Times are `Duration` offsets on one monotonic clock (see ``CircuitBreaker``).
public struct CircuitBreakerState: Sendable, Hashable {
    /// Where the breaker is.
    public enum Phase: Sendable, Hashable {
        /// Requests flow; `failures` consecutive failures so far.
        case closed(failures: Int)
        /// Requests are rejected until `until`.
        case open(until: Duration)
        /// One probe may be sent; `probeInFlight` once it has been.
        case halfOpen(probeInFlight: Bool)
    }

    /// Something that happened to a request to the host.
    public enum Event: Sendable, Hashable {
        /// A request wants to be sent at `now`.
        case requestWillStart(now: Duration)
        /// The request got an answer that shows the host is healthy (any 2xx–4xx, including 429).
        case succeeded
        /// The request failed with a transport error, a timeout or a 5xx, at `now`.
        case failed(now: Duration)
        /// The request ended without telling anything about the host (e.g. the caller was cancelled).
        case abandoned
    }

    /// What the caller should do, or the transition that just happened (for logging).
    public enum Action: Sendable, Hashable {
        /// Send the request.
        case proceed
        /// Send the request as the half-open probe.
        case probe
        /// Do not send; the circuit is open for `retryIn` more (`nil` while a probe is in flight).
        case reject(retryIn: Duration?)
        /// The circuit just opened until `until`.
        case opened(until: Duration)
        /// The circuit just closed after a successful probe.
        case closed
        /// Nothing to do.
        case none
    }

    /// The current phase.
    public private(set) var phase: Phase
    /// The policy in force.
    public let policy: CircuitBreakerPolicy

    /// Creates a closed breaker.
    /// - Parameter policy: The thresholds.
    public init(policy: CircuitBreakerPolicy) {
        self.phase = .closed(failures: 0)
        self.policy = policy
    }

    /// Feeds one event and returns what to do.
    ///
    /// `requestWillStart` answers ``Action/proceed``, ``Action/probe`` or ``Action/reject(retryIn:)``; the outcome
    /// events answer ``Action/opened(until:)``, ``Action/closed`` or ``Action/none``. Outcomes of the probe settle the
    /// half-open phase; outcomes of requests that started earlier are ignored while the circuit is open or half-open.
    /// - Parameters:
    ///   - event: What happened.
    ///   - isProbe: Whether the outcome belongs to the request that was answered ``Action/probe``.
    public mutating func event(_ event: Event, isProbe: Bool = false) -> Action {
        guard policy.failureThreshold > 0 else {
            if case .requestWillStart = event { return .proceed }
            return .none
        }
        switch (phase, event) {
        case (.closed, .requestWillStart):
            return .proceed
        case (.closed, .succeeded):
            phase = .closed(failures: 0)
            return .none
        case (.closed(let failures), .failed(let now)):
            guard failures + 1 >= policy.failureThreshold else {
                phase = .closed(failures: failures + 1)
                return .none
            }
            return open(now: now)
        case (.closed, .abandoned):
            return .none

        case (.open(let until), .requestWillStart(let now)):
            guard now >= until else { return .reject(retryIn: until - now) }
            phase = .halfOpen(probeInFlight: true)
            return .probe
        case (.open, _):
            return .none

        case (.halfOpen(let probeInFlight), .requestWillStart):
            guard !probeInFlight else { return .reject(retryIn: nil) }
            phase = .halfOpen(probeInFlight: true)
            return .probe
        case (.halfOpen, .succeeded) where isProbe:
            phase = .closed(failures: 0)
            return .closed
        case (.halfOpen, .failed(let now)) where isProbe:
            return open(now: now)
        case (.halfOpen, .abandoned) where isProbe:
            phase = .halfOpen(probeInFlight: false)
            return .none
        case (.halfOpen, _):
            return .none
        }
    }

    private mutating func open(now: Duration) -> Action {
        let until = now + policy.openDuration
        phase = .open(until: until)
        return .opened(until: until)
    }
}
