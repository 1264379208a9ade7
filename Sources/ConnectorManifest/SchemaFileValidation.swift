import ConnectorJSON
import ConnectorJSONSchema
import ConnectorModel

/// `validate --schema FILE`: any YAML or JSON documents against a schema of the user's,
/// like `check-jsonschema --schemafile`. No substitution, no manifest rules.
public struct SchemaFileValidation: Sendable {
    private let parser = ManifestParser(substitution: nil)
    private let validator: JSONSchemaValidator

    /// Why the schema file cannot be used.
    public struct SchemaFileError: Error, CustomStringConvertible, Sendable {
        /// What went wrong, with the schema's path and location.
        public var description: String
    }

    /// Loads and compiles the schema at `schemaPath` (YAML or JSON; draft-07 or 2020-12 by `$schema`,
    /// 2020-12 when absent), with format assertion on.
    public init(schemaPath: String) throws(SchemaFileError) {
        let (documents, problems) = parser.parse(ManifestInput(path: schemaPath))
        if let problem = problems.first ?? documents.first?.loadProblems.first {
            throw SchemaFileError(description: "\(problem.location): cannot read the schema: \(problem.message)")
        }
        guard documents.count == 1, let schema = documents.first else {
            throw SchemaFileError(description: "\(schemaPath): expected exactly one schema document, got \(documents.count)")
        }
        do {
            validator = try JSONSchemaValidator(
                schema: schema.value, registry: .standard,
                options: .init(formatAssertion: true, defaultDialect: .draft2020_12))
        } catch {
            throw SchemaFileError(description: "\(schemaPath): not a usable JSON Schema: \(error)")
        }
    }

    /// Validates every document under `paths` against the schema.
    public func validate(paths: [String]) -> ManifestLoadResult {
        let (documents, failures, _) = parser.parse(paths: paths)
        let checked = documents.map { document in
            let diagnostics =
                document.loadProblems
                + validator.validate(document.value).map { error in
                    Diagnostic(
                        at: document.location(of: error), pointer: error.instanceLocation,
                        code: "schema", error.message)
                }
            return ValidatedDocument(document: document, diagnostics: diagnostics.sorted(), endpoint: nil)
        }
        return ManifestLoadResult(entries: failures + checked)
    }
}
