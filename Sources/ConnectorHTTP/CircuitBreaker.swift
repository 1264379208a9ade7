import NIOConcurrencyHelpers

/// One host's circuit breaker: a ``CircuitBreakerState`` behind a lock, timed by the client's clock.
///
/// ``ProviderHTTPClient`` keeps one per host (`host:port`) and consults it before every attempt, so a host that keeps
/// failing is not hammered by every sync at once: after ``CircuitBreakerPolicy/failureThreshold`` consecutive
/// failures, calls fail fast with ``HTTPError/Code/circuitOpen`` until one probe succeeds.
public final class CircuitBreaker: Sendable {
    /// The permission to send one request, returned by ``admit()``; report its outcome with ``record(_:for:)``.
    public struct Admission: Sendable, Hashable {
        /// Whether this request is the half-open probe.
        public let isProbe: Bool
    }

    /// The host this breaker guards.
    public let host: String
    private let clock: ElapsedClock
    private let state: NIOLockedValueBox<CircuitBreakerState>

    /// Creates a closed breaker.
    /// - Parameters:
    ///   - host: The host it guards (for logs).
    ///   - policy: The thresholds.
    ///   - clock: The clock that times the open phase.
    public convenience init(host: String, policy: CircuitBreakerPolicy, clock: any Clock<Duration> = ContinuousClock()) {
        self.init(host: host, policy: policy, elapsedClock: ElapsedClock(clock))
    }

    init(host: String, policy: CircuitBreakerPolicy, elapsedClock: ElapsedClock) {
        self.host = host
        self.clock = elapsedClock
        self.state = NIOLockedValueBox(CircuitBreakerState(policy: policy))
    }

    /// The current phase (for metrics and readiness reports).
    public var phase: CircuitBreakerState.Phase {
        state.withLockedValue { $0.phase }
    }

    /// Asks to send one request.
    /// - Returns: An admission, or the time left until a probe may go (`nil` while a probe is in flight) on rejection.
    public func admit() -> Result<Admission, Rejection> {
        let now = clock.now()
        switch state.withLockedValue({ $0.event(.requestWillStart(now: now)) }) {
        case .proceed: return .success(Admission(isProbe: false))
        case .probe: return .success(Admission(isProbe: true))
        case .reject(let retryIn): return .failure(Rejection(retryIn: retryIn))
        case .opened, .closed, .none: return .success(Admission(isProbe: false))
        }
    }

    /// Reports how an admitted request ended.
    /// - Parameters:
    ///   - outcome: `.succeeded`, `.failed(now:)` (the time is filled in here) or `.abandoned`.
    ///   - admission: The admission returned by ``admit()``.
    /// - Returns: The transition, if the outcome changed the phase.
    @discardableResult
    public func record(_ outcome: Outcome, for admission: Admission) -> CircuitBreakerState.Action {
        let event: CircuitBreakerState.Event
        switch outcome {
        case .succeeded: event = .succeeded
        case .failed: event = .failed(now: clock.now())
        case .abandoned: event = .abandoned
        }
        return state.withLockedValue { $0.event(event, isProbe: admission.isProbe) }
    }

    /// How an admitted request ended, as far as the host's health is concerned.
    public enum Outcome: Sendable, Hashable {
        /// The host answered (2xx–4xx).
        case succeeded
        /// A transport error, a timeout or a 5xx.
        case failed
        /// The request ended without a verdict (cancelled, or stopped by our own body limit).
        case abandoned
    }

    /// A refusal to send because the circuit is open.
    public struct Rejection: Error, Sendable, Hashable {
        /// How long until a probe may be sent, or `nil` while a probe is in flight.
        public let retryIn: Duration?
    }
}
