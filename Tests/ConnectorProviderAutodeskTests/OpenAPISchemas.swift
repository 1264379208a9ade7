import ConnectorJSON
import ConnectorJSONSchema
import Foundation
import Yams

/// The component schemas of the APS OpenAPI files in `Fixtures/`, compiled by the repository's JSON Schema
/// validator: each component is checked as `{"$ref": "#/components/schemas/<Name>", "components": ...}`, so
/// `$ref`s between components resolve as JSON pointers. OpenAPI 3.0 extras (`discriminator`, `x-*`, `example`)
/// are unknown keywords and ignored; `oneOf` is enough to tell folders from items by their `type` enum.
struct OpenAPISchemas {
    let components: JSONValue

    /// Loads `Fixtures/<file>`.
    init(file: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(
            file)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let document = try Yams.load(yaml: text) as? [String: Any], let components = document["components"] else {
            throw SchemaFileError(file: file)
        }
        self.components = Self.json(components)
    }

    /// A validator for component schema `name`.
    func validator(_ name: String) throws -> JSONSchemaValidator {
        let schema = JSONValue.object(
            JSONObject([
                ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
                ("$ref", .string("#/components/schemas/\(name)")),
                ("components", components),
            ]))
        return try JSONSchemaValidator(schema: schema)
    }

    /// YAML values (as Yams loads them) as JSON values; timestamps Yams recognised become ISO strings.
    static func json(_ value: Any) -> JSONValue {
        switch value {
        case let dictionary as [String: Any]:
            return .object(JSONObject(dictionary.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) }))
        case let dictionary as [AnyHashable: Any]:
            return .object(JSONObject(dictionary.map { ("\($0.key)", json($0.value)) }.sorted { $0.0 < $1.0 }))
        case let array as [Any]:
            return .array(array.map(json))
        case let bool as Bool:
            return .bool(bool)
        case let int as Int:
            return .integer(int)
        case let double as Double:
            return .number(double)
        case let string as String:
            return .string(string)
        case let date as Date:
            return .string(ISO8601DateFormatter().string(from: date))
        default:
            return .null
        }
    }
}

struct SchemaFileError: Error, CustomStringConvertible {
    var file: String
    var description: String { "\(file) has no components" }
}
