import ArgumentParser
import ConnectorManifest
import ConnectorPlan

/// `file-connector schema [KIND]`: print the bundled JSON Schemas.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a bundled JSON Schema (draft-07), or list them.",
        discussion: """
            Editors validate manifests with the schema through the YAML language server modeline:
              # yaml-language-server: $schema=https://.../schemas/endpoint.v1.schema.json
            endpoint.v1.schema.json refers to definitions.v1.schema.json beside it: save both.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "endpoint, definitions or event; omit to list them.")
    var kind: String?

    @Flag(help: "Print the configuration reference (Markdown, as docs/configuration.md) instead.")
    var reference = false

    func validate() throws {
        if reference, kind != nil { throw ValidationError("--reference covers every schema: give no kind with it") }
    }

    func run() throws {
        if reference {
            print(try ConfigurationReference().markdown(), terminator: "")
            return
        }
        guard let kind else {
            for schema in BundledSchema.allCases {
                print("\(schema.rawValue.padded(toWidth: 12)) \(schema.fileName)  \(schema.summary)")
            }
            return
        }
        guard let schema = BundledSchema(rawValue: kind.lowercased()) else {
            let known = BundledSchema.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown schema kind \"\(kind)\": expected one of \(known)")
        }
        print(schema.text, terminator: schema.text.hasSuffix("\n") ? "" : "\n")
    }
}
