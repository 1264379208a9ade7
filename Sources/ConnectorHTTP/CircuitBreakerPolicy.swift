/// When a host's circuit breaker opens and how it recovers.
public struct CircuitBreakerPolicy: Sendable, Hashable {
    /// Consecutive failures (transport errors, timeouts, 5xx) that open the circuit; `0` disables the breaker.
    public var failureThreshold: Int
    /// How long the circuit stays open before one probe request is let through.
    public var openDuration: Duration

    /// Creates a policy.
    /// - Parameters:
    ///   - failureThreshold: Consecutive failures that open the circuit; `0` disables the breaker.
    ///   - openDuration: How long the circuit stays open before a probe.
    public init(failureThreshold: Int = 5, openDuration: Duration = .seconds(30)) {
        self.failureThreshold = max(0, failureThreshold)
        self.openDuration = openDuration
    }

    /// The default policy: open after 5 consecutive failures, probe after 30 s.
    public static let standard = CircuitBreakerPolicy()

    /// A policy that never opens.
    public static let disabled = CircuitBreakerPolicy(failureThreshold: 0)
}
