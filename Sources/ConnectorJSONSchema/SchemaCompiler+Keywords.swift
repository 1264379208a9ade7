import ConnectorJSON
import Foundation

extension SchemaCompiler {
    /// Compiles the keywords of one schema object, in evaluation order: references, type and
    /// value assertions, array, object, combinators, conditionals, then `unevaluated*`.
    mutating func compileKeywords(of object: JSONObject, at location: SchemaLocation, scope: SchemaScope) throws -> [SchemaKeyword] {
        let dialect = scope.dialect
        var keywords: [SchemaKeyword] = []
        if let reference = object["$ref"] {
            guard case .string(let text) = reference else {
                throw invalid(location.appending("$ref"), "\"$ref\" must be a string")
            }
            let (target, _) = try referencedNode(text, at: location.appending("$ref"), scope: scope)
            keywords.append(SchemaKeyword(name: "$ref", kind: .reference(target)))
            // In draft-07 a `$ref` replaces the whole schema object.
            if dialect == .draft07 { return keywords }
        }
        if dialect == .draft2020_12, let dynamic = object["$dynamicRef"] {
            keywords.append(try compileDynamicReference(dynamic, at: location.appending("$dynamicRef"), scope: scope))
        }
        try appendValueKeywords(of: object, at: location, dialect: dialect, to: &keywords)
        try appendArrayKeywords(of: object, at: location, dialect: dialect, to: &keywords)
        try appendObjectKeywords(of: object, at: location, dialect: dialect, to: &keywords)
        try appendCombinators(of: object, at: location, dialect: dialect, to: &keywords)
        return keywords
    }

    private mutating func compileDynamicReference(
        _ value: JSONValue, at location: SchemaLocation, scope: SchemaScope
    ) throws -> SchemaKeyword {
        guard case .string(let text) = value else {
            throw invalid(location, "\"$dynamicRef\" must be a string")
        }
        let (target, targetLocation) = try referencedNode(text, at: location, scope: scope)
        let resolved = URIReference(text).resolved(against: URIReference(scope.baseURI))
        var anchor: String?
        if let fragment = resolved.fragment, !fragment.isEmpty, !fragment.hasPrefix("/"),
            index.isDynamicAnchor(fragment, in: resolved.withoutFragment.description, at: targetLocation)
        {
            // Only a reference whose static target declares the same `$dynamicAnchor` is dynamic.
            anchor = fragment
        }
        return SchemaKeyword(name: "$dynamicRef", kind: .dynamicReference(target, anchor: anchor))
    }

    private mutating func appendValueKeywords(
        of object: JSONObject, at location: SchemaLocation, dialect: SchemaDialect, to keywords: inout [SchemaKeyword]
    ) throws {
        if let type = object["type"] {
            keywords.append(SchemaKeyword(name: "type", kind: .type(try typeSet(type, at: location.appending("type")))))
        }
        if let values = object["enum"] {
            guard case .array(let elements) = values else {
                throw invalid(location.appending("enum"), "\"enum\" must be an array")
            }
            keywords.append(SchemaKeyword(name: "enum", kind: .enumeration(elements, Set(elements))))
        }
        if let constant = object["const"] {
            keywords.append(SchemaKeyword(name: "const", kind: .constant(constant)))
        }
        if let divisor = object["multipleOf"] {
            guard let number = divisor.doubleValue, number > 0 else {
                throw invalid(location.appending("multipleOf"), "\"multipleOf\" must be a number greater than 0")
            }
            keywords.append(SchemaKeyword(name: "multipleOf", kind: .multipleOf(divisor)))
        }
        try appendBounds(of: object, at: location, to: &keywords)
        if let limit = try count(object, "minLength", at: location) {
            keywords.append(SchemaKeyword(name: "minLength", kind: .minLength(limit)))
        }
        if let limit = try count(object, "maxLength", at: location) {
            keywords.append(SchemaKeyword(name: "maxLength", kind: .maxLength(limit)))
        }
        if let source = object["pattern"] {
            guard case .string(let text) = source else {
                throw invalid(location.appending("pattern"), "\"pattern\" must be a string")
            }
            keywords.append(SchemaKeyword(name: "pattern", kind: .pattern(try pattern(text, at: location.appending("pattern")))))
        }
        if formatAssertion, case .string(let name)? = object["format"], let format = KnownFormat(rawValue: name) {
            keywords.append(SchemaKeyword(name: "format", kind: .format(format)))
        }
    }

    private func appendBounds(of object: JSONObject, at location: SchemaLocation, to keywords: inout [SchemaKeyword]) throws {
        for name in ["minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"] {
            guard let bound = object[name] else { continue }
            if case .bool(let exclusive) = bound, name.hasPrefix("exclusive") {
                // Draft-04 style: a Boolean that makes `minimum`/`maximum` exclusive.
                guard exclusive else { continue }
                let base = name == "exclusiveMinimum" ? "minimum" : "maximum"
                if let index = keywords.lastIndex(where: { $0.name == base }), let limit = object[base] {
                    keywords[index] = SchemaKeyword(
                        name: name, kind: base == "minimum" ? .minimum(limit, exclusive: true) : .maximum(limit, exclusive: true)
                    )
                }
                continue
            }
            guard bound.isNumber else {
                throw invalid(location.appending(name), "\"\(name)\" must be a number")
            }
            let exclusive = name.hasPrefix("exclusive")
            let kind: SchemaKeyword.Kind =
                name.hasSuffix("inimum") ? .minimum(bound, exclusive: exclusive) : .maximum(bound, exclusive: exclusive)
            keywords.append(SchemaKeyword(name: name, kind: kind))
        }
    }

    private mutating func appendArrayKeywords(
        of object: JSONObject, at location: SchemaLocation, dialect: SchemaDialect, to keywords: inout [SchemaKeyword]
    ) throws {
        var applicators = SchemaKeyword.ItemApplicators(prefix: [], prefixKeyword: "items", rest: nil, restKeyword: "items")
        switch dialect {
        case .draft07:
            if case .array(let schemas)? = object["items"] {
                applicators.prefix = schemas.indices.map { nodeID(for: location.appending("items").appending($0)) }
                if object["additionalItems"] != nil {
                    applicators.rest = nodeID(for: location.appending("additionalItems"))
                    applicators.restKeyword = "additionalItems"
                }
            } else if object["items"] != nil {
                applicators.rest = nodeID(for: location.appending("items"))
            }
        case .draft2020_12:
            if let prefix = object["prefixItems"] {
                guard case .array(let schemas) = prefix else {
                    throw invalid(location.appending("prefixItems"), "\"prefixItems\" must be an array of schemas")
                }
                applicators.prefix = schemas.indices.map { nodeID(for: location.appending("prefixItems").appending($0)) }
                applicators.prefixKeyword = "prefixItems"
            }
            if let items = object["items"] {
                if case .array = items {
                    throw invalid(
                        location.appending("items"), "\"items\" must be a schema in draft 2020-12 (use \"prefixItems\" for positions)")
                }
                applicators.rest = nodeID(for: location.appending("items"))
            }
        }
        if !applicators.prefix.isEmpty || applicators.rest != nil {
            keywords.append(
                SchemaKeyword(
                    name: applicators.rest == nil ? applicators.prefixKeyword : applicators.restKeyword, kind: .items(applicators)))
        }
        if object["contains"] != nil {
            var rule = SchemaKeyword.ContainsRule(
                schema: nodeID(for: location.appending("contains")), minimum: 1, maximum: nil, hasExplicitMinimum: false)
            if dialect == .draft2020_12 {
                if let minimum = try count(object, "minContains", at: location) {
                    rule.minimum = minimum
                    rule.hasExplicitMinimum = true
                }
                rule.maximum = try count(object, "maxContains", at: location)
            }
            keywords.append(SchemaKeyword(name: "contains", kind: .contains(rule)))
        }
        if let limit = try count(object, "minItems", at: location) {
            keywords.append(SchemaKeyword(name: "minItems", kind: .minItems(limit)))
        }
        if let limit = try count(object, "maxItems", at: location) {
            keywords.append(SchemaKeyword(name: "maxItems", kind: .maxItems(limit)))
        }
        if let unique = object["uniqueItems"] {
            guard case .bool(let flag) = unique else {
                throw invalid(location.appending("uniqueItems"), "\"uniqueItems\" must be a Boolean")
            }
            if flag { keywords.append(SchemaKeyword(name: "uniqueItems", kind: .uniqueItems)) }
        }
    }

    /// A non-negative integer keyword value (`2.0` counts as 2), or `nil` when absent.
    func count(_ object: JSONObject, _ name: String, at location: SchemaLocation) throws -> Int? {
        guard let value = object[name] else { return nil }
        guard let number = value.intValue, number >= 0 else {
            throw invalid(location.appending(name), "\"\(name)\" must be a non-negative integer")
        }
        return number
    }

    private func typeSet(_ value: JSONValue, at location: SchemaLocation) throws -> JSONTypeSet {
        let names: [JSONValue]
        switch value {
        case .string: names = [value]
        case .array(let elements): names = elements
        default: throw invalid(location, "\"type\" must be a type name or an array of type names")
        }
        var set: JSONTypeSet = []
        for name in names {
            guard let text = name.stringValue, let member = JSONTypeSet(name: text) else {
                throw invalid(
                    location,
                    "\(ValueDescription.short(name)) is not a JSON Schema type (expected null, boolean, object, array, number, string or integer)"
                )
            }
            set.insert(member)
        }
        return set
    }
}
