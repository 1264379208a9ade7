import ConnectorJSONSchema
import ConnectorModel
import Foundation

/// Builds the typed ``Endpoint`` from a document that passed every check.
enum EndpointDecoding {
    static func endpoint(from document: ManifestDocument) -> Endpoint? {
        guard let metadata = document.value["metadata"], let name = metadata["name"]?.stringValue,
              let spec = document.value["spec"],
              let decoded = try? JSONDecoder().decode(EndpointSpec.self, from: Data(spec.jsonString().utf8))
        else { return nil }
        return Endpoint(
            name: name,
            labels: stringMap(metadata["labels"]),
            annotations: stringMap(metadata["annotations"]),
            spec: decoded,
            origin: SourceLocation(file: document.file, line: document.line, column: 1))
    }

    private static func stringMap(_ value: JSONValue?) -> [String: String] {
        guard let object = value?.objectValue else { return [:] }
        var map: [String: String] = [:]
        for (key, member) in object {
            if let text = member.stringValue { map[key] = text }
        }
        return map
    }
}
