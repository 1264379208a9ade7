/// Parses the text of one cron field ("1-30/5,45", "MON-FRI", "*/15") into a bit set.
///
/// Grammar, following Vixie cron: a field is a comma-separated list of entries; an entry is
/// `*`, a value, or a range `a-b`, optionally followed by `/step`. A value followed directly
/// by a step (`5/10`) means the range from that value to the field's maximum.
struct CronFieldParser {
    /// The field being parsed; decides the range, the names and the wording of errors.
    let field: CronField
    /// The field's characters.
    let characters: [Character]
    /// Character offset of the field's first character in the whole expression.
    let offset: Int

    /// Creates a parser for `text`, found at `offset` in the expression.
    init(field: CronField, text: String, offset: Int) {
        self.field = field
        characters = Array(text)
        self.offset = offset
    }

    /// Returns the matched values as bits (bit `n` for value `n`, as written: day-of-week 7 stays 7).
    func parse() throws(CronSyntaxError) -> UInt64 {
        var bits: UInt64 = 0
        var start = 0
        for index in 0...characters.count where index == characters.count || characters[index] == "," {
            guard index > start else {
                throw CronSyntaxError.inField(
                    field, text: String(characters), offset: offset,
                    expected: "a value, range or step between the commas",
                    problem: "\(String(characters).quotedForMessage) has an empty list entry"
                )
            }
            bits |= try parseEntry(start..<index)
            start = index + 1
        }
        return bits
    }

    /// Parses one list entry: `*`, `a`, `a-b`, each optionally with `/step`.
    private func parseEntry(_ range: Range<Int>) throws(CronSyntaxError) -> UInt64 {
        let entry = String(characters[range])
        let slashes = range.filter { characters[$0] == "/" }
        guard slashes.count <= 1 else {
            throw error(
                entry, at: range.lowerBound, expected: "at most one /step",
                problem: "\(entry.quotedForMessage) has more than one step")
        }
        let baseRange = range.lowerBound..<(slashes.first ?? range.upperBound)
        var step = 1
        if let slash = slashes.first {
            step = try parseStep(slash + 1..<range.upperBound, entry: entry, entryStart: range.lowerBound)
        }
        guard !baseRange.isEmpty else {
            throw error(
                entry, at: range.lowerBound, expected: "*, a value or a range before the step",
                problem: "\(entry.quotedForMessage) has nothing before \"/\"")
        }
        let (low, high) = try parseBase(baseRange, hasStep: !slashes.isEmpty)
        var bits: UInt64 = 0
        for value in stride(from: low, through: high, by: step) {
            bits |= 1 << UInt64(value)
        }
        return bits
    }

    /// Parses the part after `/`: a number from 1 to the field's maximum.
    private func parseStep(_ range: Range<Int>, entry: String, entryStart: Int) throws(CronSyntaxError) -> Int {
        let text = String(characters[range])
        let maximum = field.writtenRange.upperBound
        guard !text.isEmpty else {
            throw error(
                entry, at: entryStart, expected: "a step such as */15",
                problem: "\(entry.quotedForMessage) has nothing after \"/\"")
        }
        guard let step = Self.decimal(text) else {
            throw error(
                text, at: range.lowerBound, expected: "a step in 1-\(maximum)",
                problem: "step \(text.quotedForMessage) is not a number")
        }
        guard (1...maximum).contains(step) else {
            throw error(
                text, at: range.lowerBound, expected: "a step in 1-\(maximum)",
                problem: "step \(text) is out of range 1-\(maximum)")
        }
        return step
    }

    /// Parses `*`, `a` or `a-b` into the bounds of the values it covers.
    private func parseBase(_ range: Range<Int>, hasStep: Bool) throws(CronSyntaxError) -> (Int, Int) {
        let text = String(characters[range])
        if text == "*" {
            return (field.writtenRange.lowerBound, field.writtenRange.upperBound)
        }
        guard let dash = range.first(where: { characters[$0] == "-" }) else {
            let value = try parseValue(range)
            return (value, hasStep ? field.writtenRange.upperBound : value)
        }
        guard dash > range.lowerBound, dash + 1 < range.upperBound else {
            throw error(
                text, at: range.lowerBound, expected: "a range such as 1-5",
                problem: "\(text.quotedForMessage) is an incomplete range")
        }
        let low = try parseValue(range.lowerBound..<dash)
        let high = try parseValue(dash + 1..<range.upperBound)
        guard low <= high else {
            var problem = "\(text.quotedForMessage) is a range that runs backwards"
            if field == .dayOfWeek && high == 0 {
                problem += "; Sunday is 0 at the start of a range and 7 at the end"
            }
            throw error(text, at: range.lowerBound, expected: "a range from low to high", problem: problem)
        }
        return (low, high)
    }

    /// Parses a number or a name and checks it against the field's range.
    private func parseValue(_ range: Range<Int>) throws(CronSyntaxError) -> Int {
        let text = String(characters[range])
        let start = range.lowerBound
        let expected = "a value in \(field.rangeDescription)"
        if let number = Self.decimal(text) {
            guard field.writtenRange.contains(number) else {
                throw error(
                    text, at: start, expected: expected,
                    problem: "\(text) is out of range \(field.writtenRange.lowerBound)-\(field.writtenRange.upperBound)")
            }
            return number
        }
        if text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            // Too many digits for an Int: certainly out of range.
            throw error(
                text, at: start, expected: expected,
                problem: "\(text) is out of range \(field.writtenRange.lowerBound)-\(field.writtenRange.upperBound)")
        }
        if let value = field.value(ofName: text) {
            return value
        }
        if let unsupported = Self.quartzFeature(text) {
            throw error(
                text, at: start, expected: expected,
                problem: "\(text.quotedForMessage) is not supported: \(unsupported)")
        }
        throw error(
            text, at: start, expected: expected,
            problem: "\(text.quotedForMessage) is not \(field.valueNoun); expected \(field.rangeDescription)")
    }

    /// Explains Quartz/Spring cron extensions that Vixie cron does not have, or returns `nil`.
    private static func quartzFeature(_ text: String) -> String? {
        let upper = text.uppercased()
        if upper == "?" { return "\"?\" is Quartz syntax; use * for any day" }
        if upper.contains("#") { return "\"#\" (nth weekday of the month) is Quartz syntax" }
        if upper == "L" || upper == "LW"
            || (upper.count > 1 && (upper.hasSuffix("L") || upper.hasSuffix("W"))
                && upper.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }))
        {
            return "\"L\" and \"W\" (last day, nearest weekday) are Quartz syntax"
        }
        return nil
    }

    /// The value of a string of ASCII digits that fits comfortably in an `Int`, or `nil`.
    static func decimal(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// An error in this field.
    private func error(_ text: String, at index: Int, expected: String, problem: String) -> CronSyntaxError {
        .inField(field, text: text, offset: offset + index, expected: expected, problem: problem)
    }
}
