import ConnectorJSON
import ConnectorModel
import Foundation

/// The fields that differ between a stored endpoint or sink and a desired one, as dotted paths.
enum SpecDifference {
    static func fields(stored: StoredEndpoint, desired: DesiredEndpoint) -> [FieldChange] {
        fields(
            old: (stored.spec, stored.labels, stored.annotations),
            new: (desired.canonicalSpec, desired.endpoint.labels, desired.endpoint.annotations))
    }

    /// A sink's fields; its receiver's URL is shown as its origin (scheme, host and port), since a path may carry a
    /// token, and as `(path changed)` when only the rest differs.
    static func fields(stored: StoredSink, desired: DesiredSink) -> [FieldChange] {
        let urlPath = "webhook.url"
        return fields(
            old: (stored.spec, stored.labels, stored.annotations),
            new: (desired.canonicalSpec, desired.sink.labels, desired.sink.annotations)
        ).map { change in
            guard change.path == urlPath else { return change }
            let old = change.old.flatMap(URL.init(string:)).map(SinkConfiguration.origin(of:))
            let new = change.new.flatMap(URL.init(string:)).map(SinkConfiguration.origin(of:))
            return FieldChange(path: urlPath, old: old, new: old == new ? new.map { "\($0) (path changed)" } : new)
        }
    }

    private static func fields(
        old: (spec: String, labels: [String: String], annotations: [String: String]),
        new: (spec: String, labels: [String: String], annotations: [String: String])
    ) -> [FieldChange] {
        var before = flatten(old.spec)
        var after = flatten(new.spec)
        for (key, value) in old.labels { before["metadata.labels.\(key)"] = value }
        for (key, value) in new.labels { after["metadata.labels.\(key)"] = value }
        for (key, value) in old.annotations { before["metadata.annotations.\(key)"] = value }
        for (key, value) in new.annotations { after["metadata.annotations.\(key)"] = value }
        return Set(before.keys).union(after.keys).sorted().compactMap { path in
            before[path] == after[path] ? nil : FieldChange(path: path, old: before[path], new: after[path])
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
