/// Why a duration such as an endpoint's `interval` was rejected, in plain words.
public struct DurationSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// The text is not Go duration syntax at all ("fast", "", "1h 30m").
        case notADuration
        /// A number has no unit after it ("15").
        case missingUnit
        /// A number has a unit Go does not know ("1d" has unit "d").
        case unknownUnit(String)
        /// The value does not fit Go's range of about ±292 years.
        case outOfRange
        /// The duration is valid but zero or negative where a positive one is required.
        case notPositive
    }

    /// The text as given.
    public var text: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error for `text`.
    public init(text: String, reason: Reason) {
        self.text = text
        self.reason = reason
    }

    /// The plain-words message, e.g. `expected a duration such as 15m or 1h30m, got "fast"`.
    public var message: String {
        let got = "expected a duration such as 15m or 1h30m, got \(text.quotedForMessage)"
        switch reason {
        case .notADuration:
            return got
        case .missingUnit:
            return got + "; a number needs a unit: ns, us, ms, s, m or h"
        case .unknownUnit(let unit):
            return got + "; \(unit.quotedForMessage) is not a unit" + Self.unitHint(unit)
        case .outOfRange:
            return "\(text.quotedForMessage) is too long: durations are limited to about 292 years"
        case .notPositive:
            return "expected a duration longer than zero, such as 15m or 1h30m, got \(text.quotedForMessage)"
        }
    }

    /// The plain-words message.
    public var description: String { message }

    /// Advice for units people commonly expect to exist.
    private static func unitHint(_ unit: String) -> String {
        if unit.contains(where: \.isWhitespace) {
            return "; durations contain no blanks, e.g. 1h30m"
        }
        return switch unit.lowercased() {
        case "d", "day", "days": "; Go durations have no days, write 24h"
        case "w", "wk", "week", "weeks": "; Go durations have no weeks, write 168h"
        case "min", "mins", "minute", "minutes": "; write m for minutes"
        case "sec", "secs", "second", "seconds": "; write s for seconds"
        case "hr", "hrs", "hour", "hours": "; write h for hours"
        default: "; use ns, us, ms, s, m or h"
        }
    }
}
