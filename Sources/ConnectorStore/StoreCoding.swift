import Foundation

/// How both stores write maps and lists into text columns: compact JSON with sorted keys.
public enum StoreCoding {
    /// `{"a":"1"}`.
    public static func json(_ map: [String: String]) -> String {
        encode(map) ?? "{}"
    }

    /// `["a","b"]`.
    public static func json(_ list: [String]) -> String {
        encode(list) ?? "[]"
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

    private static func encode<Value: Encodable>(_ value: Value) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }
}
