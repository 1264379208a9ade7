import ConnectorJSON
import ConnectorModel

/// The fields that differ between a stored endpoint and a desired one, as dotted paths.
enum SpecDifference {
    static func fields(stored: StoredEndpoint, desired: DesiredEndpoint) -> [FieldChange] {
        var old = flatten(stored.spec)
        var new = flatten(desired.canonicalSpec)
        for (key, value) in stored.labels { old["metadata.labels.\(key)"] = value }
        for (key, value) in desired.endpoint.labels { new["metadata.labels.\(key)"] = value }
        for (key, value) in stored.annotations { old["metadata.annotations.\(key)"] = value }
        for (key, value) in desired.endpoint.annotations { new["metadata.annotations.\(key)"] = value }
        return Set(old.keys).union(new.keys).sorted().compactMap { path in
            old[path] == new[path] ? nil : FieldChange(path: path, old: old[path], new: new[path])
        }
    }

    /// `{"schedule":{"interval":"15m"}}` → `["schedule.interval": "15m"]`; arrays stay whole.
    static func flatten(_ json: String) -> [String: String] {
        guard let value = try? JSONParser.parse(json).value else { return [:] }
        var result: [String: String] = [:]
        flatten(value, prefix: "", into: &result)
        return result
    }

    private static func flatten(_ value: JSONValue, prefix: String, into result: inout [String: String]) {
        switch value {
        case .object(let object):
            for (key, member) in object {
                flatten(member, prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &result)
            }
        case .string(let text):
            result[prefix] = text
        default:
            result[prefix] = value.jsonString()
        }
    }
}
