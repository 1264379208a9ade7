import ConnectorJSON
import Foundation

/// Short renderings of instance values for messages.
enum ValueDescription {
    /// Strings longer than this many characters are cut and end in `...`.
    static let maximumStringLength = 60

    /// The kind of value in words: `a string`, `a number`, `a boolean`, `null`, `an array`, `an object`.
    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The value itself when short (`"fast"`, `42`, `true`, `null`), its kind for containers
    /// (`an object`, `an array`). Long strings are truncated.
    static func short(_ value: JSONValue) -> String {
        switch value {
        case .string(let text):
            return quoted(text)
        case .array:
            return "an array"
        case .object:
            return "an object"
        default:
            return value.jsonString()
        }
    }

    /// `text` as a JSON string literal, truncated to `maximumStringLength` characters.
    static func quoted(_ text: String) -> String {
        var shown = text
        if text.count > maximumStringLength {
            shown = String(text.prefix(maximumStringLength - 3)) + "..."
        }
        var output = ""
        JSONValue.writeString(shown, into: &output)
        return output
    }

    /// A value as written in a schema (for `enum`/`const`): like `short`, but small containers
    /// are shown as compact JSON.
    static func literal(_ value: JSONValue) -> String {
        switch value {
        case .array, .object:
            let text = value.jsonString()
            return text.count <= maximumStringLength ? text : short(value)
        default:
            return short(value)
        }
    }

    /// `"a", "b", "c"`, shortened to the first `limit` entries followed by `...`.
    static func list(_ values: [JSONValue], limit: Int = 12) -> String {
        var parts = values.prefix(limit).map(literal)
        if values.count > limit {
            parts.append("...")
        }
        return parts.joined(separator: ", ")
    }

    /// `1 item` / `3 items`.
    static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
        "\(number) \(number == 1 ? singular : plural)"
    }
}
