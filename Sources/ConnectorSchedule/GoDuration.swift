/// A span of time written in Go's `time.ParseDuration` syntax ("15m", "1h30m", "300ms",
/// "1.5h"), held exactly as Go holds it: a signed 64-bit count of nanoseconds.
///
/// ``description`` renders it like Go's `Duration.String()` ("1h30m0s");
/// ``abbreviated`` gives the shorter form used in plan output ("1h30m").
public struct GoDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in nanoseconds; negative for negative durations.
    public var nanoseconds: Int64

    /// A duration of exactly `nanoseconds`.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// Nanoseconds per unit, by unit name as Go spells them (both micro signs included).
    static let units: [String: UInt64] = [
        "ns": 1, "us": 1_000, "\u{00B5}s": 1_000, "\u{03BC}s": 1_000, "ms": 1_000_000,
        "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]

    /// A whole number of seconds.
    public static func seconds(_ seconds: Int64) -> GoDuration {
        GoDuration(nanoseconds: seconds * 1_000_000_000)
    }

    /// A whole number of minutes.
    public static func minutes(_ minutes: Int64) -> GoDuration {
        GoDuration(nanoseconds: minutes * 60_000_000_000)
    }

    /// A whole number of hours.
    public static func hours(_ hours: Int64) -> GoDuration {
        GoDuration(nanoseconds: hours * 3_600_000_000_000)
    }

    /// The length in seconds, e.g. 5400.0 for "1h30m" (rounded to the nearest `Double`).
    public var seconds: Double {
        Double(nanoseconds) / 1e9
    }

    /// The same length as a Swift `Duration`.
    public var duration: Duration {
        .nanoseconds(nanoseconds)
    }

    /// Whether the duration is longer than zero.
    public var isPositive: Bool {
        nanoseconds > 0
    }

    /// Orders durations by length.
    public static func < (lhs: GoDuration, rhs: GoDuration) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }
}
