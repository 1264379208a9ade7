/// A parsed five-field cron expression with Vixie-cron semantics.
///
/// Syntax: `minute hour day-of-month month day-of-week`, or one of the macros
/// `@yearly @annually @monthly @weekly @daily @midnight @hourly`. Each field is a
/// comma-separated list of `*`, `n`, `a-b`, `*/s`, `a-b/s` and `a/s` (which means `a-max/s`).
/// Months accept JAN-DEC, weekdays SUN-SAT (case-insensitive); weekday 7 is Sunday like 0.
///
/// Days follow Vixie cron: when both day fields are restricted (neither is written starting
/// with `*`), a day matching *either* runs; otherwise a day must match both.
///
/// Two expressions are equal when their normalized text (``description``) is equal, so
/// `0 0 * * mon` equals `0  0 * * MON` but not `@daily` or `0 0 * * 1`.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The normalized expression: fields separated by single spaces and names in capitals,
    /// or the macro in lower case ("*/15 * * * *", "0 9 * * MON-FRI", "@weekly").
    public let description: String
    /// Bit `n` set when minute `n` matches.
    let minutes: UInt64
    /// Bit `n` set when hour `n` matches.
    let hours: UInt64
    /// Bit `n` (1-31) set when day `n` of the month matches.
    let daysOfMonth: UInt64
    /// Bit `n` (1-12) set when month `n` matches.
    let months: UInt64
    /// Bit `n` (0-6, Sunday is 0) set when that weekday matches.
    let daysOfWeek: UInt64
    /// Whether the day-of-month field was written starting with `*` (Vixie's DOM_STAR).
    let dayOfMonthIsStar: Bool
    /// Whether the day-of-week field was written starting with `*` (Vixie's DOW_STAR).
    let dayOfWeekIsStar: Bool
    /// Whether the job runs at fixed local times, which decides how it behaves across
    /// daylight-saving changes.
    ///
    /// True when neither the minute field nor the hour field is written starting with `*`
    /// (Vixie cron's MIN_STAR and HR_STAR flags): `30 2 * * *`, `0,30 9-17 * * *` and `@daily`
    /// are fixed-time; `*/15 2 * * *`, `30 * * * *` and `@hourly` are not. See
    /// ``nextDate(after:in:)`` for what the classification changes.
    public let isFixedTime: Bool

    /// Builds an expression from already validated parts.
    init(description: String, fieldTexts: [String], bits: [UInt64]) {
        self.description = description
        minutes = bits[0]
        hours = bits[1]
        daysOfMonth = bits[2]
        months = bits[3]
        // Sunday may be written 0 or 7; fold bit 7 onto bit 0.
        daysOfWeek = (bits[4] | (bits[4] >> 7)) & 0x7F
        dayOfMonthIsStar = fieldTexts[2].hasPrefix("*")
        dayOfWeekIsStar = fieldTexts[4].hasPrefix("*")
        isFixedTime = !fieldTexts[0].hasPrefix("*") && !fieldTexts[1].hasPrefix("*")
    }

    /// The values a field matches, ascending. Day-of-week reports Sunday as 0, never 7.
    ///
    /// Day-of-month and day-of-week are reported as written; whether a day must match one
    /// or both of them is decided by ``matchesEitherDayField``.
    public func values(of field: CronField) -> [Int] {
        let bits: UInt64
        switch field {
        case .minute: bits = minutes
        case .hour: bits = hours
        case .dayOfMonth: bits = daysOfMonth
        case .month: bits = months
        case .dayOfWeek: bits = daysOfWeek
        }
        return (0..<64).filter { bits & (1 << UInt64($0)) != 0 }
    }

    /// True when both day fields are restricted, so a day matching either of them runs
    /// (`0 0 1,15 * MON` runs on the 1st, the 15th and every Monday).
    public var matchesEitherDayField: Bool {
        !dayOfMonthIsStar && !dayOfWeekIsStar
    }
}
