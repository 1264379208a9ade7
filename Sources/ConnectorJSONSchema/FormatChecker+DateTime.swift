import ConnectorJSON
import Foundation

extension FormatChecker {
    /// RFC 3339 `date-time`: `full-date "T" full-time`, `T` and `Z` in either case.
    static func isDateTime(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count > 11, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else { return false }
        return isDate(Array(bytes[0..<10])) && isTime(Array(bytes[11...]))
    }

    /// RFC 3339 `full-date`: `YYYY-MM-DD` with a day that exists in that month.
    static func isDate(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(bytes, 0..<4), let month = number(bytes, 5..<7), let day = number(bytes, 8..<10)
        else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    /// RFC 3339 `full-time`: `HH:MM:SS[.frac](Z|+HH:MM|-HH:MM)`; second 60 only when the
    /// time is 23:59 in UTC (a leap second).
    static func isTime(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 9, bytes[2] == UInt8(ascii: ":"), bytes[5] == UInt8(ascii: ":"),
            let hour = number(bytes, 0..<2), let minute = number(bytes, 3..<5), let second = number(bytes, 6..<8),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        var index = 8
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > fractionStart else { return false }
        }
        guard index < bytes.count else { return false }
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard bytes.count - index == 6, bytes[index + 3] == UInt8(ascii: ":"),
                let offsetHour = number(bytes, (index + 1)..<(index + 3)),
                let offsetMinute = number(bytes, (index + 4)..<(index + 6)),
                offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        if second == 60 {
            let utcMinutes = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utcMinutes == 23 * 60 + 59
        }
        return true
    }

    /// ISO 8601 duration as RFC 3339 appendix A defines it: `P` then date units in the order
    /// Y, M, D without gaps, optionally `T` and time units H, M, S without gaps; or `PnW` alone.
    static func isDuration(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.first == UInt8(ascii: "P"), bytes.count > 1 else { return false }
        var index = 1
        func components(units: [UInt8]) -> [UInt8]? {
            var found: [UInt8] = []
            while index < bytes.count, isDigit(bytes[index]) {
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                guard index < bytes.count else { return nil }
                found.append(bytes[index])
                index += 1
            }
            // Units must be consecutive entries of `units`, in order.
            guard let first = found.first, let start = units.firstIndex(of: first) else { return found.isEmpty ? [] : nil }
            guard start + found.count <= units.count, Array(units[start..<(start + found.count)]) == found else { return nil }
            return found
        }
        if bytes.last == UInt8(ascii: "W") {
            return bytes.count > 2 && bytes.dropFirst().dropLast().allSatisfy(isDigit)
        }
        guard let dateUnits = components(units: Array("YMD".utf8)) else { return false }
        if index == bytes.count { return !dateUnits.isEmpty }
        guard bytes[index] == UInt8(ascii: "T") else { return false }
        index += 1
        guard let timeUnits = components(units: Array("HMS".utf8)), !timeUnits.isEmpty else { return false }
        return index == bytes.count
    }

    /// The ASCII decimal number in `range`, or `nil` when any byte is not a digit.
    private static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var result = 0
        for index in range {
            guard index < bytes.count, isDigit(bytes[index]) else { return nil }
            result = result * 10 + Int(bytes[index] - UInt8(ascii: "0"))
        }
        return result
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return isLeap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }
}
