import ConnectorJSON

/// How both stores write maps and lists into text columns: compact JSON with sorted keys.
public enum StoreCoding {
    /// `{"a":"1"}`, keys sorted. Hand-written: it runs for every file of every sync.
    public static func json(_ map: [String: String]) -> String {
        guard !map.isEmpty else { return "{}" }
        // Written as bytes and made a string once (every row of a listing comes through here, most with one checksum).
        var bytes: [UInt8] = [0x7B]
        bytes.reserveCapacity(96)
        func member(_ key: String, _ value: String) {
            JSONValue.writeString(key, into: &bytes)
            bytes.append(0x3A)
            JSONValue.writeString(value, into: &bytes)
        }
        if map.count == 1, let only = map.first {
            member(only.key, only.value)
        } else {
            for (index, key) in map.keys.sorted().enumerated() {
                if index > 0 { bytes.append(0x2C) }
                member(key, map[key] ?? "")
            }
        }
        bytes.append(0x7D)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `["a","b"]`.
    public static func json(_ list: [String]) -> String {
        guard !list.isEmpty else { return "[]" }
        var bytes: [UInt8] = [0x5B]
        bytes.reserveCapacity(64)
        for (index, item) in list.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            JSONValue.writeString(item, into: &bytes)
        }
        bytes.append(0x5D)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes a map column; an empty or damaged value reads as empty. The common `{}` costs no decoder: every row of
    /// a listing goes through here.
    public static func map(_ text: String?) -> [String: String] {
        guard let text, text != "{}", case .object(let object)? = try? JSONParser.parse(text).value else { return [:] }
        var map: [String: String] = [:]
        for member in object {
            guard case .string(let value) = member.value else { return [:] }
            map[member.key] = value
        }
        return map
    }

    /// Decodes a list column; an empty or damaged value reads as empty (`[]` without a decoder).
    public static func list(_ text: String?) -> [String] {
        guard let text, text != "[]", case .array(let elements)? = try? JSONParser.parse(text).value else { return [] }
        var list: [String] = []
        for element in elements {
            guard case .string(let value) = element else { return [] }
            list.append(value)
        }
        return list
    }

    /// The value of an enum column's stored text (a run's status, mode or trigger).
    /// - Throws: ``StoreError`` (`corrupt`) for text this binary never writes.
    public static func value<Value: RawRepresentable>(
        _ text: String, of column: String, store: String
    ) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            throw StoreError(.corrupt, store: store, "\(column) holds \(text.debugDescription), which this version never writes")
        }
        return value
    }
}
