import ConnectorJSON
import Foundation

extension SchemaIndex {
    /// Keywords whose value is a single subschema.
    static func singleSchemaKeywords(_ dialect: SchemaDialect) -> [String] {
        switch dialect {
        case .draft07:
            return ["additionalItems", "additionalProperties", "contains", "propertyNames", "not", "if", "then", "else"]
        case .draft2020_12:
            return [
                "items", "additionalProperties", "contains", "propertyNames", "not", "if", "then", "else",
                "unevaluatedItems", "unevaluatedProperties", "contentSchema",
            ]
        }
    }

    /// Keywords whose value is an array of subschemas.
    static func schemaArrayKeywords(_ dialect: SchemaDialect) -> [String] {
        switch dialect {
        case .draft07: return ["allOf", "anyOf", "oneOf"]
        case .draft2020_12: return ["allOf", "anyOf", "oneOf", "prefixItems"]
        }
    }

    /// Keywords whose value is an object of subschemas.
    static func schemaMapKeywords(_ dialect: SchemaDialect) -> [String] {
        switch dialect {
        case .draft07: return ["properties", "patternProperties", "definitions", "dependencies"]
        case .draft2020_12: return ["properties", "patternProperties", "$defs", "dependentSchemas", "dependencies"]
        }
    }

    /// The direct subschemas of a schema object, with their locations, in the given dialect.
    static func subschemas(
        of object: JSONObject, at location: SchemaLocation, dialect: SchemaDialect
    ) -> [(SchemaLocation, JSONValue)] {
        var children: [(SchemaLocation, JSONValue)] = []
        for keyword in singleSchemaKeywords(dialect) {
            if let value = object[keyword] {
                children.append((location.appending(keyword), value))
            }
        }
        for keyword in schemaArrayKeywords(dialect) {
            if case .array(let elements)? = object[keyword] {
                for (index, element) in elements.enumerated() {
                    children.append((location.appending(keyword).appending(index), element))
                }
            }
        }
        for keyword in schemaMapKeywords(dialect) {
            if case .object(let members)? = object[keyword] {
                for (name, member) in members {
                    // `dependencies` mixes subschemas with arrays of property names.
                    if case .array = member { continue }
                    children.append((location.appending(keyword).appending(name), member))
                }
            }
        }
        if dialect == .draft07, let items = object["items"] {
            if case .array(let elements) = items {
                for (index, element) in elements.enumerated() {
                    children.append((location.appending("items").appending(index), element))
                }
            } else {
                children.append((location.appending("items"), items))
            }
        }
        return children
    }
}
