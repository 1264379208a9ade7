import ConnectorJSON
import ConnectorJSONSchema
import ConnectorModel

/// Validates Endpoint documents against the bundled schema, with format assertion on.
public struct EndpointSchemaValidator: Sendable {
    private let validator: JSONSchemaValidator

    /// Compiles the bundled schemas once.
    /// - Throws: when the bundled schema does not compile, which the test suite rules out.
    public init() throws {
        var registry = SchemaRegistry.standard
        for schema in BundledSchema.allCases {
            registry = registry.adding(try JSONParser.parse(schema.text).value, uri: schema.uri)
        }
        let endpoint = try JSONParser.parse(BundledSchema.endpoint.text).value
        validator = try JSONSchemaValidator(
            schema: endpoint, baseURI: BundledSchema.endpoint.uri, registry: registry,
            options: .init(formatAssertion: true))
    }

    /// The schema problems in `document`, located in its file.
    public func diagnostics(for document: ManifestDocument) -> [Diagnostic] {
        validator.validate(document.value).map { error in
            Diagnostic(
                at: document.location(of: error), pointer: error.instanceLocation,
                code: "schema", error.message)
        }
    }
}
