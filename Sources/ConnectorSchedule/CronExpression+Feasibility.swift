extension CronExpression {
    /// English month names for messages, indexed by month number minus one.
    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// The longest each month can be (February counts its leap day).
    static let longestMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    /// Why the expression can never match any day, or `nil` when it matches some day.
    ///
    /// Only the day-of-month/month combination can make an expression impossible: every
    /// field has at least one value, any day of the week occurs in every month, and each
    /// existing month/day pair falls on every weekday within the 400-year Gregorian cycle.
    /// When both day fields are restricted a matching weekday alone suffices, so only
    /// the case where the day-of-week field starts with `*` needs checking.
    var neverRunsReason: String? {
        guard !dayOfMonthIsStar && dayOfWeekIsStar else { return nil }
        let chosenMonths = values(of: .month)
        let chosenDays = values(of: .dayOfMonth)
        for month in chosenMonths where chosenDays.contains(where: { $0 <= Self.longestMonth[month - 1] }) {
            return nil
        }
        let monthList = Self.naturalList(chosenMonths.map { Self.monthNames[$0 - 1] }, conjunction: "and")
        let dayList = Self.naturalList(chosenDays.map(String.init), conjunction: "or")
        let verb = chosenMonths.count == 1 ? "has" : "have"
        return "\(monthList) \(verb) no day \(dayList)"
    }

    /// "A", "A and B", "A, B and C".
    static func naturalList(_ items: [String], conjunction: String) -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}
