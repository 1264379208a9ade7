import Foundation

extension JSONValue {
    /// Compares two numbers exactly (an `Int` and a `Double` are compared without rounding):
    /// negative, zero or positive like `strcmp`; `nil` when either value is not a number.
    package static func compareNumbers(_ left: JSONValue, _ right: JSONValue) -> Int? {
        switch (left, right) {
        case (.integer(let a), .integer(let b)):
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.number(let a), .number(let b)):
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.integer(let a), .number(let b)):
            return compare(a, b)
        case (.number(let a), .integer(let b)):
            return -compare(b, a)
        default:
            return nil
        }
    }

    /// Compares an integer with a double exactly.
    private static func compare(_ integer: Int, _ double: Double) -> Int {
        if double.isNaN { return 0 }
        if double >= 9_223_372_036_854_775_808.0 { return -1 }
        if double < -9_223_372_036_854_775_808.0 { return 1 }
        let floor = double.rounded(.down)
        let whole = Int(floor)
        if integer < whole { return -1 }
        if integer > whole { return 1 }
        return floor == double ? 0 : -1
    }

    /// Whether `value` is an integer multiple of `divisor` (both numbers, divisor > 0).
    ///
    /// Integers are checked exactly; otherwise the quotient must be within floating-point
    /// rounding of a whole number (so `0.0075` is a multiple of `0.0001`). When the quotient
    /// overflows, only integers against steps like `0.5` (that divide 1) count as multiples.
    package static func isMultiple(_ value: JSONValue, of divisor: JSONValue) -> Bool {
        if case .integer(let number) = value, case .integer(let step) = divisor, step != 0 {
            return number % step == 0
        }
        guard let number = value.doubleValue, let step = divisor.doubleValue, step != 0 else { return false }
        let quotient = number / step
        guard quotient.isFinite else {
            // The quotient overflowed: an integer is still a multiple of a step that divides 1.
            let reciprocal = 1 / step
            return value.isInteger && reciprocal.isFinite && reciprocal.rounded() == reciprocal
        }
        let nearest = quotient.rounded()
        if nearest == quotient { return true }
        return abs(quotient - nearest) <= 1e-9 * max(1, abs(quotient))
    }
}
