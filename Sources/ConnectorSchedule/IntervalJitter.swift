import Foundation

/// A random delay of up to `maximum` added to each interval (`schedule.jitter`), so endpoints that started
/// together (a daemon restart, a batch of new manifests) drift apart instead of syncing in lockstep.
///
/// The delay is drawn from a hash of the endpoint's identity and the run it follows, not from a random
/// generator: every replica and every plan compute the same next time, and tests are repeatable.
public struct IntervalJitter: Sendable, Hashable {
    /// The longest delay.
    public var maximum: GoDuration
    /// Distinguishes endpoints (a hash of the name).
    public var seed: UInt64

    /// A jitter of up to `maximum` for the endpoint named `endpoint`.
    public init(maximum: GoDuration, endpoint: String) {
        self.maximum = maximum
        // FNV-1a: stable across processes and releases, unlike Hasher.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in endpoint.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        seed = hash
    }

    /// The delay after a run that started at `lastStart`: in `0 ..< maximum`.
    public func delay(after lastStart: Date) -> TimeInterval {
        // SplitMix64 over the seed and the start (milliseconds), to a fraction in [0, 1).
        var value = seed ^ UInt64(bitPattern: Int64((lastStart.timeIntervalSince1970 * 1000).rounded(.down)))
        value = (value ^ (value >> 30)) &* 0xbf58_476d_1ce4_e5b9
        value = (value ^ (value >> 27)) &* 0x94d0_49bb_1331_11eb
        value ^= value >> 31
        return Double(value >> 11) / Double(1 << 53) * maximum.seconds
    }
}
