import Foundation

/// Parses the `Retry-After` response header (RFC 9110 §10.2.3).
///
/// Both forms are accepted: delta-seconds (`Retry-After: 25`) and an HTTP-date in any of the three formats a
/// recipient must accept: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`)
/// and asctime (`Sun Nov  6 08:49:37 1994`).
public enum RetryAfter {
    /// The longest delay a header can express here: about 68 years, far beyond any retry cap.
    static let largestSeconds = Int64(Int32.max)

    /// The delay the header asks for, or `nil` when it is neither delta-seconds nor an HTTP-date.
    ///
    /// A date in the past gives `.zero`; an absurdly large number of seconds is clamped to about 68 years.
    /// - Parameters:
    ///   - header: The header value.
    ///   - now: The current wall-clock time, used to turn a date into a delay.
    public static func parse(_ header: String, now: Date) -> Duration? {
        let value = header.trimmingCharacters(in: .whitespaces)
        guard let first = value.first else { return nil }
        if first.isASCII, first.isNumber {
            guard value.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            let significant = value.drop { $0 == "0" }
            guard significant.count <= 10, let seconds = Int64(significant.isEmpty ? "0" : String(significant)) else {
                return .seconds(largestSeconds)
            }
            return .seconds(min(seconds, largestSeconds))
        }
        guard let date = httpDate(value) else { return nil }
        let delta = date.timeIntervalSince(now)
        guard delta > 0 else { return .zero }
        return .seconds(Int64(min(delta.rounded(.up), Double(largestSeconds))))
    }

    /// Parses an HTTP-date in IMF-fixdate, RFC 850 or asctime format.
    /// - Parameter value: The date text.
    /// - Returns: The date, or `nil` when the text is not an HTTP-date.
    public static func httpDate(_ value: String) -> Date? {
        let fields = value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        let day: Int
        let month: Int
        let year: Int
        let time: String
        if fields.count == 6, fields[5] == "GMT" {
            // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            guard fields[3].count == 4, let parsedDay = Int(fields[1]), let parsedMonth = monthNumber(fields[2]),
                let parsedYear = Int(fields[3])
            else { return nil }
            (day, month, year, time) = (parsedDay, parsedMonth, parsedYear, fields[4])
        } else if fields.count == 4, fields[3] == "GMT" {
            // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
            let dateFields = fields[1].split(separator: "-").map(String.init)
            guard dateFields.count == 3, dateFields[2].count == 2, let parsedDay = Int(dateFields[0]),
                let parsedMonth = monthNumber(dateFields[1]), let shortYear = Int(dateFields[2])
            else { return nil }
            // RFC 9110: a two-digit year more than 50 years in the future means the previous century.
            (day, month, year, time) = (parsedDay, parsedMonth, shortYear < 70 ? 2000 + shortYear : 1900 + shortYear, fields[2])
        } else if fields.count == 5 {
            // asctime: Sun Nov  6 08:49:37 1994
            guard fields[4].count == 4, let parsedMonth = monthNumber(fields[1]), let parsedDay = Int(fields[2]),
                let parsedYear = Int(fields[4])
            else { return nil }
            (day, month, year, time) = (parsedDay, parsedMonth, parsedYear, fields[3])
        } else {
            return nil
        }
        return makeDate(day: day, month: month, year: year, time: time)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func monthNumber(_ name: String) -> Int? {
        months.firstIndex(of: name.lowercased()).map { $0 + 1 }
    }

    /// Builds a UTC date from its civil parts and `HH:MM:SS`, rejecting out-of-range fields.
    private static func makeDate(day: Int, month: Int, year: Int, time: String) -> Date? {
        let clock = time.split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (0..<24).contains(clock[0]), (0..<60).contains(clock[1]), (0...60).contains(clock[2]),
            (1...31).contains(day), (1...12).contains(month), (1...9999).contains(year)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + clock[0] * 3_600 + clock[1] * 60 + clock[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
