import ConnectorJSON

/// The manifest configuration reference (`docs/configuration.md`), rendered from the bundled schemas' descriptions so
/// that the documentation cannot drift from what `validate` checks: one section per object (`metadata`, `spec`,
/// `spec.schedule`, ...) with a table of its fields, then the shared value types.
///
/// `file-connector schema --reference` prints it; a test compares it with the committed file.
public struct ConfigurationReference {
    private let definitions: JSONObject
    private let root: JSONValue
    private let sink: JSONValue

    /// Reads the bundled schemas.
    ///
    /// - Throws: `JSONSyntaxError` if a bundled schema is not JSON (a build defect; the tests catch it).
    public init() throws {
        root = try JSONParser.parse(BundledSchema.endpoint.text).value
        sink = try JSONParser.parse(BundledSchema.sink.text).value
        definitions = try JSONParser.parse(BundledSchema.definitions.text).value["definitions"]?.objectValue ?? JSONObject()
    }

    /// The reference as Markdown: the Endpoint's sections, the Sink's, then the value types both use.
    public func markdown() -> String {
        var typesUsed: [String] = []
        let sections = sections(of: root, kind: "", typesUsed: &typesUsed) + sections(of: sink, kind: "Sink ", typesUsed: &typesUsed)
        let types = typesUsed.map { name in
            let schema = definitions[name] ?? .null
            return "### `\(name)`\n\n\(ReferenceSection.cell(schema["description"]?.stringValue ?? ""))\n\n"
                + ReferenceSection.constraints(of: schema).map { "- \($0)\n" }.joined()
        }
        return Self.preamble + sections.joined(separator: "\n") + "\n## Value types\n\n" + types.joined(separator: "\n")
    }

    /// One manifest's sections, breadth first from its root; the shared types it uses are added to `typesUsed`.
    private func sections(of root: JSONValue, kind: String, typesUsed: inout [String]) -> [String] {
        var sections: [String] = []
        var pending: [(path: String, schema: JSONValue)] = [("", root)]
        while !pending.isEmpty {
            let (path, schema) = pending.removeFirst()
            var section = ReferenceSection(path: path, schema: schema, kind: kind)
            for (name, property) in zip(schema["properties"]?.objectValue?.keys ?? [], schema["properties"]?.objectValue?.values ?? []) {
                let fieldPath = path.isEmpty ? name : "\(path).\(name)"
                let (resolved, typeName) = resolve(property)
                if resolved["properties"] != nil {
                    pending.append((fieldPath, resolved))
                } else if let items = resolved["items"], resolve(items).schema["properties"] != nil {
                    pending.append((fieldPath + "[]", resolve(items).schema))
                }
                if let typeName, !typesUsed.contains(typeName), resolved["properties"] == nil { typesUsed.append(typeName) }
                section.add(name: name, path: fieldPath, property: property, resolved: resolved, typeName: typeName)
            }
            sections.append(section.markdown)
        }
        return sections
    }

    /// A property's schema with its `$ref` followed (the property's own description kept), and the definition's name.
    func resolve(_ schema: JSONValue) -> (schema: JSONValue, typeName: String?) {
        guard let reference = schema["$ref"]?.stringValue, let name = reference.split(separator: "/").last.map(String.init),
            let definition = definitions[name], case .object(var merged) = definition
        else {
            return (schema, nil)
        }
        if let description = schema["description"] { merged["description"] = description }
        return (.object(merged), name)
    }

    static let preamble = """
        # Configuration reference

        <!-- Generated from schemas/endpoint.v1.schema.json, schemas/sink.v1.schema.json and schemas/definitions.v1.schema.json by
             `file-connector schema --reference > docs/configuration.md`. Do not edit by hand: edit the schema's
             descriptions and regenerate. A test fails when this file is stale. -->

        A manifest is an `Endpoint` (a source of files) or a `Sink` (a receiver of change events; docs/events.md), in
        YAML or JSON, several per file with `---`. `file-connector validate` checks all of this, with the file, line and
        column of each problem; editors do too, through the schemas (`file-connector schema endpoint`, `schema sink`).
        Fields not listed here are errors.


        """
}
