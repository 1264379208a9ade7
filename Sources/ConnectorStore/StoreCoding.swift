import Foundation

/// How both stores write maps and lists into text columns: compact JSON with sorted keys.
public enum StoreCoding {
    /// `{"a":"1"}`, keys sorted. Hand-written: it runs for every file of every sync.
    public static func json(_ map: [String: String]) -> String {
        guard !map.isEmpty else { return "{}" }
        var output = "{"
        for (index, key) in map.keys.sorted().enumerated() {
            if index > 0 { output += "," }
            appendQuoted(key, to: &output)
            output += ":"
            appendQuoted(map[key] ?? "", to: &output)
        }
        return output + "}"
    }

    /// `["a","b"]`.
    public static func json(_ list: [String]) -> String {
        guard !list.isEmpty else { return "[]" }
        var output = "["
        for (index, item) in list.enumerated() {
            if index > 0 { output += "," }
            appendQuoted(item, to: &output)
        }
        return output + "]"
    }

    /// Appends `text` as a JSON string literal (RFC 8259 escaping).
    static func appendQuoted(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    /// Decodes a map column; an empty or damaged value reads as empty.
    public static func map(_ text: String?) -> [String: String] {
        guard let text, let data = text.data(using: .utf8) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }

    /// Decodes a list column; an empty or damaged value reads as empty.
    public static func list(_ text: String?) -> [String] {
        guard let text, let data = text.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }
}
