import Foundation

/// RFC 3339 timestamps in UTC, as plans, tables, JSON output and the SQLite store write them.
public enum Timestamp {
    /// `2026-11-29T01:27:05Z`.
    public static func rfc3339(_ date: Date) -> String {
        date.ISO8601Format()
    }

    /// `2026-11-29T01:27:05.123Z`: millisecond precision, sortable as text. Hand-written (civil
    /// date from days since the epoch): the stores format a few of these for every file they write.
    public static func rfc3339Milliseconds(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (days, millisecondOfDay) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (dayNumber, dayMilliseconds) = millisecondOfDay < 0 ? (days - 1, millisecondOfDay + 86_400_000) : (days, millisecondOfDay)
        // Howard Hinnant's days-to-civil algorithm.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(48 + (rest / divisor) % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(year, 4); bytes.append(45); digits(month, 2); bytes.append(45); digits(day, 2); bytes.append(84)
        digits(dayMilliseconds / 3_600_000, 2); bytes.append(58); digits(dayMilliseconds / 60_000 % 60, 2); bytes.append(58)
        digits(dayMilliseconds / 1000 % 60, 2); bytes.append(46); digits(dayMilliseconds % 1000, 3); bytes.append(90)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses either form (and offsets other than Z); nil when the text is not RFC 3339.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
