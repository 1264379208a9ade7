import ConnectorJSON
import Foundation

extension SchemaCompiler {
    mutating func appendObjectKeywords(
        of object: JSONObject, at location: SchemaLocation, dialect: SchemaDialect, to keywords: inout [SchemaKeyword]
    ) throws {
        if let required = object["required"] {
            keywords.append(SchemaKeyword(name: "required", kind: .required(try stringList(required, at: location.appending("required")))))
        }
        let hasProperties = object["properties"] != nil || object["patternProperties"] != nil || object["additionalProperties"] != nil
        if hasProperties {
            var applicators = SchemaKeyword.PropertyApplicators(named: [:], patterns: [], additional: nil)
            for name in try memberNames(object, "properties", at: location) {
                applicators.named[name] = nodeID(for: location.appending("properties").appending(name))
            }
            for source in try memberNames(object, "patternProperties", at: location) {
                let compiled = try pattern(source, at: location.appending("patternProperties").appending(source))
                applicators.patterns.append((compiled, nodeID(for: location.appending("patternProperties").appending(source))))
            }
            if object["additionalProperties"] != nil {
                applicators.additional = nodeID(for: location.appending("additionalProperties"))
            }
            keywords.append(SchemaKeyword(name: "properties", kind: .properties(applicators)))
        }
        if object["propertyNames"] != nil {
            keywords.append(SchemaKeyword(name: "propertyNames", kind: .propertyNames(nodeID(for: location.appending("propertyNames")))))
        }
        if let limit = try count(object, "minProperties", at: location) {
            keywords.append(SchemaKeyword(name: "minProperties", kind: .minProperties(limit)))
        }
        if let limit = try count(object, "maxProperties", at: location) {
            keywords.append(SchemaKeyword(name: "maxProperties", kind: .maxProperties(limit)))
        }
        switch dialect {
        case .draft07:
            try appendDependencies(of: object, at: location, to: &keywords)
        case .draft2020_12:
            // The pre-2019 `dependencies` is still honoured, as many 2020-12 schemas carry it.
            try appendDependencies(of: object, at: location, to: &keywords)
            if case .object(let dependencies)? = object["dependentRequired"] {
                var rules: [(property: String, requires: [String])] = []
                for (name, value) in dependencies {
                    rules.append((name, try stringList(value, at: location.appending("dependentRequired").appending(name))))
                }
                keywords.append(SchemaKeyword(name: "dependentRequired", kind: .dependentRequired(rules)))
            }
            let schemaNames = try memberNames(object, "dependentSchemas", at: location)
            if !schemaNames.isEmpty {
                let rules = schemaNames.map { (property: $0, schema: nodeID(for: location.appending("dependentSchemas").appending($0))) }
                keywords.append(SchemaKeyword(name: "dependentSchemas", kind: .dependentSchemas(rules)))
            }
        }
    }

    /// `dependencies` (draft-07, and tolerated in 2020-12): arrays become `dependentRequired`,
    /// schemas `dependentSchemas`.
    private mutating func appendDependencies(of object: JSONObject, at location: SchemaLocation, to keywords: inout [SchemaKeyword]) throws
    {
        guard let value = object["dependencies"] else { return }
        guard case .object(let dependencies) = value else {
            throw invalid(location.appending("dependencies"), "\"dependencies\" must be an object")
        }
        var required: [(property: String, requires: [String])] = []
        var schemas: [(property: String, schema: Int)] = []
        for (name, dependency) in dependencies {
            if case .array = dependency {
                required.append((name, try stringList(dependency, at: location.appending("dependencies").appending(name))))
            } else {
                schemas.append((name, nodeID(for: location.appending("dependencies").appending(name))))
            }
        }
        if !required.isEmpty { keywords.append(SchemaKeyword(name: "dependencies", kind: .dependentRequired(required))) }
        if !schemas.isEmpty { keywords.append(SchemaKeyword(name: "dependencies", kind: .dependentSchemas(schemas))) }
    }

    mutating func appendCombinators(
        of object: JSONObject, at location: SchemaLocation, dialect: SchemaDialect, to keywords: inout [SchemaKeyword]
    ) throws {
        for name in ["allOf", "anyOf", "oneOf"] {
            guard let value = object[name] else { continue }
            guard case .array(let schemas) = value, !schemas.isEmpty else {
                throw invalid(location.appending(name), "\"\(name)\" must be a non-empty array of schemas")
            }
            let children = schemas.indices.map { nodeID(for: location.appending(name).appending($0)) }
            let kind: SchemaKeyword.Kind = name == "allOf" ? .allOf(children) : name == "anyOf" ? .anyOf(children) : .oneOf(children)
            keywords.append(SchemaKeyword(name: name, kind: kind))
        }
        if object["not"] != nil {
            keywords.append(SchemaKeyword(name: "not", kind: .not(nodeID(for: location.appending("not")))))
        }
        if object["if"] != nil {
            let conditional = SchemaKeyword.ConditionalApplicators(
                condition: nodeID(for: location.appending("if")),
                then: object["then"] == nil ? nil : nodeID(for: location.appending("then")),
                otherwise: object["else"] == nil ? nil : nodeID(for: location.appending("else"))
            )
            keywords.append(SchemaKeyword(name: "if", kind: .conditional(conditional)))
        }
        guard dialect == .draft2020_12 else { return }
        if object["unevaluatedItems"] != nil {
            keywords.append(
                SchemaKeyword(name: "unevaluatedItems", kind: .unevaluatedItems(nodeID(for: location.appending("unevaluatedItems")))))
        }
        if object["unevaluatedProperties"] != nil {
            keywords.append(
                SchemaKeyword(
                    name: "unevaluatedProperties", kind: .unevaluatedProperties(nodeID(for: location.appending("unevaluatedProperties")))
                ))
        }
    }

    /// The member names of an object-valued keyword (empty when absent).
    private func memberNames(_ object: JSONObject, _ name: String, at location: SchemaLocation) throws -> [String] {
        guard let value = object[name] else { return [] }
        guard case .object(let members) = value else {
            throw invalid(location.appending(name), "\"\(name)\" must be an object")
        }
        return members.keys
    }

    private func stringList(_ value: JSONValue, at location: SchemaLocation) throws -> [String] {
        guard case .array(let elements) = value else {
            throw invalid(location, "expected an array of property names")
        }
        return try elements.map { element in
            guard case .string(let name) = element else {
                throw invalid(location, "expected an array of property names, found \(ValueDescription.short(element))")
            }
            return name
        }
    }
}
