extension GoDuration {
    /// The duration exactly as Go's `Duration.String()` renders it: "1h30m0s", "4m5.001s",
    /// "1.1µs", "2.2ms", "0s", "-2562047h47m16.854775808s".
    public var description: String {
        var magnitude = nanoseconds.magnitude
        let sign = nanoseconds < 0 ? "-" : ""
        guard magnitude >= 1_000_000_000 else {
            return sign + Self.subsecond(magnitude)
        }
        let (secondsPart, wholeSeconds) = Self.fixedPoint(magnitude, decimals: 9)
        magnitude = wholeSeconds
        var text = "\(magnitude % 60)\(secondsPart)s"
        magnitude /= 60
        if magnitude > 0 {
            text = "\(magnitude % 60)m" + text
            magnitude /= 60
            if magnitude > 0 {
                text = "\(magnitude)h" + text
            }
        }
        return sign + text
    }

    /// A short form for plan output that leaves out zero parts: "1h30m", "15m", "30s",
    /// "1h0m30s" becomes "1h30s", "1.5s" and "300ms" stay as they are, zero is "0s".
    public var abbreviated: String {
        let magnitude = nanoseconds.magnitude
        let sign = nanoseconds < 0 ? "-" : ""
        guard magnitude >= 1_000_000_000 else {
            return sign + Self.subsecond(magnitude)
        }
        let (fraction, wholeSeconds) = Self.fixedPoint(magnitude, decimals: 9)
        let hours = wholeSeconds / 3600
        let minutes = wholeSeconds / 60 % 60
        let seconds = wholeSeconds % 60
        var text = hours > 0 ? "\(hours)h" : ""
        if minutes > 0 { text += "\(minutes)m" }
        if seconds > 0 || !fraction.isEmpty { text += "\(seconds)\(fraction)s" }
        return sign + text
    }

    /// Go's rendering of a magnitude below one second: "0s", "1ns", "1.1µs", "2.2ms".
    private static func subsecond(_ magnitude: UInt64) -> String {
        switch magnitude {
        case 0:
            return "0s"
        case ..<1_000:
            return "\(magnitude)ns"
        case ..<1_000_000:
            let (fraction, whole) = fixedPoint(magnitude, decimals: 3)
            return "\(whole)\(fraction)\u{00B5}s"
        default:
            let (fraction, whole) = fixedPoint(magnitude, decimals: 6)
            return "\(whole)\(fraction)ms"
        }
    }

    /// Splits `value / 10^decimals` into ".fraction" without trailing zeros (empty when the
    /// fraction is zero) and the integer part, like Go's `fmtFrac`.
    private static func fixedPoint(_ value: UInt64, decimals: Int) -> (String, UInt64) {
        var value = value
        var digits: [Character] = []
        var printing = false
        for _ in 0..<decimals {
            let digit = value % 10
            printing = printing || digit != 0
            if printing {
                digits.append(Character(String(digit)))
            }
            value /= 10
        }
        let fraction = digits.isEmpty ? "" : "." + String(digits.reversed())
        return (fraction, value)
    }
}
