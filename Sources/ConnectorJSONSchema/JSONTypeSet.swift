import ConnectorJSON
import Foundation

/// A set of JSON Schema type names (`"type": ["string", "null"]`) as a bit mask.
struct JSONTypeSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    static let null = JSONTypeSet(rawValue: 1 << 0)
    static let boolean = JSONTypeSet(rawValue: 1 << 1)
    static let object = JSONTypeSet(rawValue: 1 << 2)
    static let array = JSONTypeSet(rawValue: 1 << 3)
    static let number = JSONTypeSet(rawValue: 1 << 4)
    static let string = JSONTypeSet(rawValue: 1 << 5)
    static let integer = JSONTypeSet(rawValue: 1 << 6)

    /// The set for one type name, or `nil` for an unknown name.
    init?(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "object": self = .object
        case "array": self = .array
        case "number": self = .number
        case "string": self = .string
        case "integer": self = .integer
        default: return nil
        }
    }

    /// Whether `value` has one of the types (an integral number is also an `integer`).
    func admits(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .object: return contains(.object)
        case .array: return contains(.array)
        case .string: return contains(.string)
        case .integer: return contains(.number) || contains(.integer)
        case .number: return contains(.number) || (contains(.integer) && value.isInteger)
        }
    }

    /// The types in words, e.g. `a string or null`, `an object, an array or null`.
    var phrase: String {
        var words: [String] = []
        if contains(.string) { words.append("a string") }
        if contains(.integer) && !contains(.number) { words.append("an integer") }
        if contains(.number) { words.append("a number") }
        if contains(.boolean) { words.append("a boolean") }
        if contains(.object) { words.append("an object") }
        if contains(.array) { words.append("an array") }
        if contains(.null) { words.append("null") }
        switch words.count {
        case 0: return "nothing"
        case 1: return words[0]
        default: return words.dropLast().joined(separator: ", ") + " or " + (words.last ?? "")
        }
    }
}
