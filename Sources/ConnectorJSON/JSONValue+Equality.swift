import Foundation

extension JSONValue: Equatable {
    /// JSON Schema equality: numbers compare by mathematical value (`1 == 1.0`), strings by
    /// code points, objects ignore member order, and different kinds are never equal (`false != 0`).
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            return true
        case (.bool(let left), .bool(let right)):
            return left == right
        case (.integer(let left), .integer(let right)):
            return left == right
        case (.number(let left), .number(let right)):
            return left == right
        case (.integer(let left), .number(let right)), (.number(let right), .integer(let left)):
            return Int(exactly: right) == left
        case (.string(let left), .string(let right)):
            // Code point equality: Swift's `==` would also equate canonically equivalent
            // strings ("é" and "e\u{301}"), which JSON Schema treats as different.
            return left.utf8.count == right.utf8.count && left == right && left.utf8.elementsEqual(right.utf8)
        case (.array(let left), .array(let right)):
            return left == right
        case (.object(let left), .object(let right)):
            return left == right
        default:
            return false
        }
    }
}

extension JSONValue: Hashable {
    /// Hashes consistently with `==`: integral numbers hash as integers.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null:
            hasher.combine(0)
        case .bool(let value):
            hasher.combine(1)
            hasher.combine(value)
        case .integer(let value):
            hasher.combine(2)
            hasher.combine(value)
        case .number(let value):
            if let exact = Int(exactly: value) {
                hasher.combine(2)
                hasher.combine(exact)
            } else {
                hasher.combine(3)
                hasher.combine(value)
            }
        case .string(let value):
            hasher.combine(4)
            hasher.combine(value)
        case .array(let elements):
            hasher.combine(5)
            hasher.combine(elements)
        case .object(let object):
            hasher.combine(6)
            hasher.combine(object)
        }
    }
}
