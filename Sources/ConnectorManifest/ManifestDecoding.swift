import ConnectorJSON
import ConnectorModel
import Foundation

/// Builds the typed ``Endpoint`` or ``Sink`` (its configuration) from a document that passed every check. A value the
/// typed configuration cannot hold is a located diagnostic, never a missing endpoint or sink: what `validate` accepts,
/// `plan` applies.
enum ManifestDecoding {
    /// The endpoint, or the diagnostic that says why the document cannot be one.
    static func endpoint(from document: ManifestDocument) -> Result<Endpoint, DecodingFailure> {
        decode(EndpointSpec.self, from: document) { name, spec throws(EndpointConfigurationError) in
            try EndpointConfiguration(spec, endpoint: name)
        }.map { name, metadata, configuration in
            Endpoint(
                name: name, labels: stringMap(metadata["labels"]), annotations: stringMap(metadata["annotations"]),
                configuration: configuration, origin: SourceLocation(file: document.file, line: document.line, column: 1))
        }
    }

    /// The sink, or the diagnostic that says why the document cannot be one.
    static func sink(from document: ManifestDocument) -> Result<Sink, DecodingFailure> {
        decode(SinkSpec.self, from: document) { _, spec throws(EndpointConfigurationError) in
            try SinkConfiguration(spec)
        }.map { name, metadata, configuration in
            Sink(
                name: name, labels: stringMap(metadata["labels"]), annotations: stringMap(metadata["annotations"]),
                configuration: configuration, origin: SourceLocation(file: document.file, line: document.line, column: 1))
        }
    }

    /// Decodes `spec` as `Spec` and types it with `configure`; a failure is located at the value it concerns.
    private static func decode<Spec: Decodable, Configuration>(
        _: Spec.Type, from document: ManifestDocument,
        configure: (String, Spec) throws(EndpointConfigurationError) -> Configuration
    ) -> Result<(String, JSONValue, Configuration), DecodingFailure> {
        let specPointer = JSONPointer(tokens: ["spec"])
        guard let metadata = document.value["metadata"], let name = metadata["name"]?.stringValue,
            let spec = document.value["spec"]
        else {
            return .failure(
                DecodingFailure(
                    Diagnostic(
                        at: document.location(of: .root), pointer: .root, code: "decoding", "expected metadata.name and spec")))
        }
        let decoded: Spec
        do {
            decoded = try JSONDecoder().decode(Spec.self, from: Data(spec.jsonString().utf8))
        } catch let error as DecodingError {
            let path: [String] = Self.codingPath(of: error).map { key in key.intValue.map { String($0) } ?? key.stringValue }
            let pointer = JSONPointer(tokens: ["spec"] + path)
            return .failure(
                DecodingFailure(
                    Diagnostic(
                        at: document.location(of: pointer), pointer: pointer, code: "decoding",
                        Self.message(error, value: pointer.resolve(in: document.value)))))
        } catch {
            return .failure(
                DecodingFailure(
                    Diagnostic(
                        at: document.location(of: specPointer), pointer: specPointer, code: "decoding", "the spec cannot be read: \(error)")
                ))
        }
        do {
            return .success((name, metadata, try configure(name, decoded)))
        } catch {
            let pointer = JSONPointer(tokens: ["spec"] + error.path)
            return .failure(
                DecodingFailure(
                    Diagnostic(
                        at: document.location(of: pointer), pointer: pointer,
                        code: error.path.first == "schedule" ? "schedule" : "decoding",
                        error.message)))
        }
    }

    /// Why a document is no endpoint or sink.
    struct DecodingFailure: Error {
        var diagnostic: Diagnostic
        init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
    }

    private static func message(_ error: DecodingError, value: JSONValue?) -> String {
        let got = value.map { " got \($0.jsonString())" } ?? ""
        switch error {
        case .typeMismatch(let type, _), .valueNotFound(let type, _):
            return "expected a value that fits \(Self.describe(type)),\(got)"
        case .dataCorrupted:
            return "expected a value the endpoint spec can hold,\(got)"
        case .keyNotFound(let key, _):
            return "missing \(key.stringValue)"
        @unknown default:
            return "the value cannot be read,\(got)"
        }
    }

    private static func codingPath(of error: DecodingError) -> [any CodingKey] {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): context.codingPath
        case .keyNotFound(let key, let context): context.codingPath + [key]
        @unknown default: []
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type: "a 64-bit integer"
        case is Double.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        default: "\(type)"
        }
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
