import ConnectorSchedule
import Foundation

/// RFC 3339 timestamps in UTC, as plans, tables, JSON output and the SQLite store write them.
public enum Timestamp {
    /// `2026-11-29T01:27:05Z`.
    public static func rfc3339(_ date: Date) -> String {
        date.ISO8601Format()
    }

    /// `date` down to its whole millisecond, the precision cursors and the SQLite store keep: a time that is written
    /// in one and compared with another must be cut the same way on both sides.
    public static func wholeMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(Int64((date.timeIntervalSince1970 * 1000).rounded(.down))) / 1000)
    }

    /// `2026-11-29T01:27:05.123Z`: millisecond precision, sortable as text. Hand-written (civil
    /// date from days since the epoch): the stores format a few of these for every file they write.
    public static func rfc3339Milliseconds(_ date: Date) -> String {
        rfc3339Milliseconds(millisecondsSince1970: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// The same from whole milliseconds since 1970 (exact: no floating point on the way).
    public static func rfc3339Milliseconds(millisecondsSince1970 milliseconds: Int64) -> String {
        let (days, millisecondOfDay) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (dayNumber, dayMilliseconds) = millisecondOfDay < 0 ? (days - 1, millisecondOfDay + 86_400_000) : (days, millisecondOfDay)
        let date = CivilDate(daysSinceEpoch: dayNumber)
        let (year, month, day) = (date.year, Int64(date.month), Int64(date.day))
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
        digits(year, 4)
        bytes.append(45)
        digits(month, 2)
        bytes.append(45)
        digits(day, 2)
        bytes.append(84)
        digits(dayMilliseconds / 3_600_000, 2)
        bytes.append(58)
        digits(dayMilliseconds / 60_000 % 60, 2)
        bytes.append(58)
        digits(dayMilliseconds / 1000 % 60, 2)
        bytes.append(46)
        digits(dayMilliseconds % 1000, 3)
        bytes.append(90)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` by hand (providers parse two per file); with
    /// `zoneOptional`, a time without a zone is read as UTC (Autodesk's filters and some of its values).
    /// - Returns: The instant, or nil when the text is not of that form.
    public static func parse(_ text: String, zoneOptional: Bool = false) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0, zoneOptional: zoneOptional) }
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>, zoneOptional: Bool) -> Date? {
        func number(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for index in start..<start + count {
                let digit = Int64(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard bytes.count >= 19, let year = number(0, 4), bytes[4] == 45, let month = number(5, 2), bytes[7] == 45,
            let day = number(8, 2), bytes[10] == 84 || bytes[10] == 116, let hour = number(11, 2), bytes[13] == 58,
            let minute = number(14, 2), bytes[16] == 58, let second = number(17, 2), (1...12).contains(month),
            (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            let first = index
            // Whole digits divided once (not summed digit by digit), so `.125` is exactly 0.125; beyond nanoseconds ignored.
            var digits: Int64 = 0
            var divisor = 1.0
            while index < bytes.count, (48...57).contains(bytes[index]) {
                if divisor < 1e9 {
                    digits = digits * 10 + Int64(bytes[index] - 48)
                    divisor *= 10
                }
                index += 1
            }
            guard index > first else { return nil }
            fraction = Double(digits) / divisor
        }
        var offset: Int64 = 0
        if index == bytes.count {
            guard zoneOptional else { return nil }
        } else if bytes[index] == 90 || bytes[index] == 122 {
            guard index + 1 == bytes.count else { return nil }
        } else if bytes[index] == 43 || bytes[index] == 45, index + 6 == bytes.count, bytes[index + 3] == 58,
            let hours = number(index + 1, 2), let minutes = number(index + 4, 2)
        {
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == 45 ? -1 : 1)
        } else {
            return nil
        }
        let days = CivilDate(year: year, month: Int(month), day: Int(day)).daysSinceEpoch
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
