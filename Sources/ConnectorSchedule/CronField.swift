/// One of the five fields of a cron expression, in the order they are written.
///
/// The field names double as the vocabulary of ``CronSyntaxError`` messages
/// ("minute field: 61 is out of range 0-59").
public enum CronField: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Minute of the hour, 0-59.
    case minute
    /// Hour of the day, 0-23.
    case hour
    /// Day of the month, 1-31.
    case dayOfMonth
    /// Month of the year, 1-12 or JAN-DEC.
    case month
    /// Day of the week, 0-7 or SUN-SAT, where both 0 and 7 mean Sunday.
    case dayOfWeek

    /// The field's name as used in messages: "minute", "hour", "day-of-month", "month", "day-of-week".
    public var description: String {
        switch self {
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day-of-month"
        case .month: "month"
        case .dayOfWeek: "day-of-week"
        }
    }

    /// The values a field accepts as written. Day-of-week accepts 7 as a second spelling of Sunday.
    public var writtenRange: ClosedRange<Int> {
        switch self {
        case .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 0...7
        }
    }

    /// Three-letter names accepted in place of numbers, indexed from the field's first value
    /// (JAN is 1, SUN is 0); `nil` for fields without names.
    var names: [String]? {
        switch self {
        case .month: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        case .dayOfWeek: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
        default: nil
        }
    }

    /// The value a name stands for, case-insensitively ("mar" → 3), or `nil`.
    func value(ofName name: String) -> Int? {
        guard let names, let index = names.firstIndex(of: name.uppercased()) else { return nil }
        return index + (self == .month ? 1 : 0)
    }

    /// "0-59", or "1-12 or JAN-DEC" for fields with names.
    var rangeDescription: String {
        let numeric = "\(writtenRange.lowerBound)-\(writtenRange.upperBound)"
        switch self {
        case .month: return numeric + " or JAN-DEC"
        case .dayOfWeek: return numeric + " or SUN-SAT"
        default: return numeric
        }
    }

    /// What a single value of this field is called in messages ("a month", "a weekday", "a number").
    var valueNoun: String {
        switch self {
        case .month: "a month"
        case .dayOfWeek: "a weekday"
        default: "a number"
        }
    }
}
