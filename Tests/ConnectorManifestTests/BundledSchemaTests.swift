import ConnectorJSON
import ConnectorJSONSchema
import ConnectorManifest
import ConnectorTestSupport
import Foundation
import Testing

/// The schemas in `schemas/` are the ones in the binary, valid draft-07, and documented for editors.
@Suite struct BundledSchemaTests {
    @Test(arguments: BundledSchema.allCases)
    func embeddedBytesEqualTheFilesInSchemas(schema: BundledSchema) throws {
        let onDisk = try Data(contentsOf: URL(fileURLWithPath: RepositoryLayout.path("schemas/\(schema.fileName)")))
        #expect([UInt8](onDisk) == schema.bytes, "run scripts/sync-schemas.sh after editing schemas/")
    }

    @Test(arguments: BundledSchema.allCases)
    func schemasAreValidAgainstTheDraft07Metaschema(schema: BundledSchema) throws {
        let document = try JSONParser.parse(schema.text).value
        #expect(document["$schema"]?.stringValue == "http://json-schema.org/draft-07/schema#")
        let meta = try JSONSchemaValidator(
            schema: ["$ref": "http://json-schema.org/draft-07/schema#"], options: .init(formatAssertion: true))
        #expect(meta.validate(document).isEmpty)
    }

    @Test(arguments: BundledSchema.allCases)
    func everyPropertyHasADescriptionAndObjectsAreClosed(schema: BundledSchema) throws {
        let document = try JSONParser.parse(schema.text).value
        var problems: [String] = []
        Self.audit(document, at: "", problems: &problems)
        #expect(problems.isEmpty, "\(problems)")
    }

    /// Every property schema has a description; every object schema with properties sets additionalProperties: false.
    static func audit(_ schema: JSONValue, at path: String, problems: inout [String]) {
        guard let object = schema.objectValue else { return }
        if let properties = object["properties"]?.objectValue {
            if object["additionalProperties"] != .bool(false) { problems.append("\(path): additionalProperties is not false") }
            for (name, property) in properties {
                if property["description"]?.stringValue?.isEmpty ?? true { problems.append("\(path)/\(name): no description") }
                audit(property, at: "\(path)/properties/\(name)", problems: &problems)
            }
        }
        for key in ["definitions", "items", "additionalProperties"] {
            if let nested = object[key]?.objectValue {
                if key == "definitions" {
                    for (name, definition) in nested { audit(definition, at: "\(path)/definitions/\(name)", problems: &problems) }
                } else {
                    audit(.object(nested), at: "\(path)/\(key)", problems: &problems)
                }
            }
        }
    }
}

/// Every example in `examples/` validates, including each environment of multi-env.
@Suite struct ExampleTests {
    static let examples = ["quickstart", "google-drive", "autodesk-acc", "microsoft-365", "multi-env/manifests", "sinks"]

    @Test func everyExampleDirectoryIsValidatedHere() throws {
        let directories = try FileManager.default.contentsOfDirectory(atPath: RepositoryLayout.path("examples"))
        for directory in directories where !directory.hasPrefix(".") {
            #expect(Self.examples.contains { $0 == directory || $0.hasPrefix(directory + "/") }, "examples/\(directory) is not validated")
        }
    }

    @Test(arguments: Self.examples)
    func exampleValidates(example: String) throws {
        let result = try ManifestLoader(environment: [:]).load(paths: [RepositoryLayout.path("examples/\(example)")])
        #expect(result.isValid, "\(result.diagnostics.map(\.rendered))")
        #expect(result.manifestCount > 0)
    }

    @Test(arguments: ["dev", "staging", "prod"])
    func multiEnvironmentExampleValidatesInEachEnvironment(environment: String) throws {
        let envFile = try String(contentsOfFile: RepositoryLayout.path("examples/multi-env/\(environment).env"), encoding: .utf8)
        var variables: [String: String] = [:]
        for line in envFile.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            variables[parts[0]] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        let result = try ManifestLoader(environment: variables).load(paths: [RepositoryLayout.path("examples/multi-env/manifests")])
        #expect(result.isValid, "\(result.diagnostics.map(\.rendered))")
        #expect(result.endpoints.allSatisfy { $0.name.hasSuffix("-\(environment)") })
    }
}
