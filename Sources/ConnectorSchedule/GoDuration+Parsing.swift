extension GoDuration {
    /// Parses Go duration syntax exactly as `time.ParseDuration` does.
    ///
    /// A duration is an optional sign followed by one or more decimal numbers, each with an
    /// optional fraction and a unit: "300ms", "-1.5h", "2h45m", "1h30m10s". Units are ns,
    /// us (or µs), ms, s, m and h; there is no day unit. "0" alone needs no unit. The value
    /// must fit Go's range of ±292 years, and fractions are truncated to whole nanoseconds
    /// like Go does.
    ///
    /// - Throws: ``DurationSyntaxError`` with a plain-words message, e.g.
    ///   `expected a duration such as 15m or 1h30m, got "fast"`.
    public init(parsing text: String) throws(DurationSyntaxError) {
        let bytes = Array(text.utf8)
        var index = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        if bytes.count == index + 1, bytes[index] == UInt8(ascii: "0") {
            self.init(nanoseconds: 0)
            return
        }
        guard index < bytes.count else { throw DurationSyntaxError(text: text, reason: .notADuration) }
        let limit: UInt64 = 1 << 63
        var total: UInt64 = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: ".") || Self.isDigit(bytes[index]) else {
                throw DurationSyntaxError(text: text, reason: .notADuration)
            }
            let integerStart = index
            guard var value = Self.leadingInteger(bytes, &index) else {
                throw DurationSyntaxError(text: text, reason: .outOfRange)
            }
            let hasInteger = index != integerStart
            var fraction: UInt64 = 0
            var scale = 1.0
            var hasFraction = false
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                let fractionStart = index
                (fraction, scale) = Self.leadingFraction(bytes, &index)
                hasFraction = index != fractionStart
            }
            guard hasInteger || hasFraction else { throw DurationSyntaxError(text: text, reason: .notADuration) }
            let unitStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "."), !Self.isDigit(bytes[index]) {
                index += 1
            }
            guard index > unitStart else { throw DurationSyntaxError(text: text, reason: .missingUnit) }
            let unitName = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            guard let unit = Self.units[unitName] else {
                throw DurationSyntaxError(text: text, reason: .unknownUnit(unitName))
            }
            guard value <= limit / unit else { throw DurationSyntaxError(text: text, reason: .outOfRange) }
            value *= unit
            if fraction > 0 {
                // As in Go: float64 keeps this nanosecond-accurate, since f*unit/scale <= 3.6e12.
                value += UInt64(Double(fraction) * (Double(unit) / scale))
                guard value <= limit else { throw DurationSyntaxError(text: text, reason: .outOfRange) }
            }
            let (sum, overflowed) = total.addingReportingOverflow(value)
            guard !overflowed, sum <= limit else { throw DurationSyntaxError(text: text, reason: .outOfRange) }
            total = sum
        }
        if negative {
            self.init(nanoseconds: total == limit ? Int64.min : -Int64(total))
        } else {
            guard total < limit else { throw DurationSyntaxError(text: text, reason: .outOfRange) }
            self.init(nanoseconds: Int64(total))
        }
    }

    /// Whether `byte` is an ASCII digit.
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Consumes leading digits; `nil` when the number exceeds 2^63 (Go's `leadingInt`).
    private static func leadingInteger(_ bytes: [UInt8], _ index: inout Int) -> UInt64? {
        var value: UInt64 = 0
        while index < bytes.count, isDigit(bytes[index]) {
            guard value <= (1 << 63) / 10 else { return nil }
            value = value * 10 + UInt64(bytes[index] - UInt8(ascii: "0"))
            guard value <= 1 << 63 else { return nil }
            index += 1
        }
        return value
    }

    /// Consumes leading fraction digits, keeping as many as fit (Go's `leadingFraction`).
    private static func leadingFraction(_ bytes: [UInt8], _ index: inout Int) -> (UInt64, Double) {
        var value: UInt64 = 0
        var scale = 1.0
        var overflow = false
        while index < bytes.count, isDigit(bytes[index]) {
            defer { index += 1 }
            if overflow { continue }
            guard value <= (1 << 63 - 1) / 10 else {
                overflow = true
                continue
            }
            let next = value * 10 + UInt64(bytes[index] - UInt8(ascii: "0"))
            guard next <= 1 << 63 else {
                overflow = true
                continue
            }
            value = next
            scale *= 10
        }
        return (value, scale)
    }
}
