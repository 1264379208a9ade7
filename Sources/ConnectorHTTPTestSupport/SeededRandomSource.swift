import ConnectorHTTP
import NIOConcurrencyHelpers

/// A reproducible ``RandomSource`` (SplitMix64), so tests can predict every jittered delay.
///
/// Two sources created with the same seed produce the same sequence.
public final class SeededRandomSource: RandomSource {
    private let state: NIOLockedValueBox<UInt64>

    /// Creates a source.
    /// - Parameter seed: Any value; the same seed gives the same sequence.
    public init(seed: UInt64) {
        state = NIOLockedValueBox(seed)
    }

    /// Returns the next number, uniformly distributed in `0 ..< 1` (53 random bits).
    public func nextUnit() -> Double {
        Double(nextBits() >> 11) * 0x1.0p-53
    }

    /// The next 64 random bits.
    public func nextBits() -> UInt64 {
        state.withLockedValue { state in
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }
}
