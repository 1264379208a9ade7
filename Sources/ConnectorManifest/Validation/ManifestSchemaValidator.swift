import ConnectorJSON
import ConnectorJSONSchema
import ConnectorModel

/// Validates manifests against the bundled schema of their kind (Endpoint or Sink), with format assertion on.
public struct ManifestSchemaValidator: Sendable {
    private let endpoint: JSONSchemaValidator
    private let sink: JSONSchemaValidator

    /// Compiles the bundled schemas once.
    /// - Throws: when a bundled schema does not compile, which the test suite rules out.
    public init() throws {
        var registry = SchemaRegistry.standard
        for schema in BundledSchema.allCases {
            registry = registry.adding(try JSONParser.parse(schema.text).value, uri: schema.uri)
        }
        func compile(_ schema: BundledSchema) throws -> JSONSchemaValidator {
            try JSONSchemaValidator(
                schema: try JSONParser.parse(schema.text).value, baseURI: schema.uri, registry: registry,
                options: .init(formatAssertion: true))
        }
        endpoint = try compile(.endpoint)
        sink = try compile(.sink)
    }

    /// The schema problems in `document` (by its `kind`: Sink, else Endpoint), located in its file.
    public func diagnostics(for document: ManifestDocument) -> [Diagnostic] {
        let validator = document.value["kind"]?.stringValue == ManifestKind.sink.rawValue ? sink : endpoint
        return validator.validate(document.value).map { error in
            Diagnostic(
                at: document.location(of: error), pointer: error.instanceLocation,
                code: "schema", error.message)
        }
    }
}
