/// An independent description of a cron expression for the property tests: its text and the
/// value sets that text should denote, built side by side so neither depends on the parser.
struct CronModel: Sendable, CustomStringConvertible {
    /// One field: its text and the values it matches (day-of-week already folds 7 onto 0).
    struct Field: Sendable {
        var text: String
        var values: Set<Int>
    }

    /// The expression text handed to the parser.
    var text: String
    /// Minute, hour, day-of-month, month and day-of-week, in that order.
    var fields: [Field]

    /// A five-field expression from its fields.
    init(_ fields: [Field]) {
        self.fields = fields
        text = fields.map(\.text).joined(separator: " ")
    }

    /// A macro whose meaning is spelled out by `fields`.
    init(macro: String, _ fields: [Field]) {
        self.fields = fields
        text = macro
    }

    var description: String { text }

    /// Vixie's MIN_STAR/HR_STAR rule: fixed-time unless minute or hour is written starting with `*`.
    var isFixedTime: Bool { !fields[0].text.hasPrefix("*") && !fields[1].text.hasPrefix("*") }
    /// Whether a day matching either day field runs (both fields written without a leading `*`).
    var matchesEitherDay: Bool { !fields[2].text.hasPrefix("*") && !fields[4].text.hasPrefix("*") }

    /// Whether some (month, day) pair exists; with either-day matching any weekday would do.
    var canRun: Bool {
        if matchesEitherDay { return true }
        let longest = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return fields[3].values.contains { month in fields[2].values.contains { $0 <= longest[month] } }
    }
}

extension CronModel.Field {
    /// `*`, over `range`.
    static func star(_ range: ClosedRange<Int>) -> Self {
        Self(text: "*", values: Set(range)).foldingSunday(range)
    }

    /// A list of explicit values, written as given (not for day-of-week 7).
    static func list(_ values: [Int]) -> Self {
        Self(text: values.map(String.init).joined(separator: ","), values: Set(values))
    }

    /// `text` covering `values` (for hand-written cases).
    static func written(_ text: String, _ values: [Int]) -> Self {
        Self(text: text, values: Set(values))
    }

    /// Day-of-week fields count 7 as Sunday (0).
    func foldingSunday(_ range: ClosedRange<Int>) -> Self {
        guard range.upperBound == 7 else { return self }
        return Self(text: text, values: Set(values.map { $0 == 7 ? 0 : $0 }))
    }
}
