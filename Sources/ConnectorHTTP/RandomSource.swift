/// A source of uniformly distributed random numbers, injected so that backoff jitter is reproducible in tests.
///
/// Implementations must be safe to call from several tasks at once.
public protocol RandomSource: Sendable {
    /// Returns the next number, uniformly distributed in `0 ..< 1`.
    func nextUnit() -> Double
}

/// The production ``RandomSource``: the system's cryptographically seeded generator.
public struct SystemRandomSource: RandomSource {
    /// Creates a source backed by `SystemRandomNumberGenerator`.
    public init() {}

    /// Returns the next number, uniformly distributed in `0 ..< 1`.
    public func nextUnit() -> Double {
        Double.random(in: 0..<1)
    }
}
