import ConnectorJSON
import Foundation

/// A keyword as it appears in the evaluation path, plus what it does.
struct SchemaKeyword: Sendable {
    /// The keyword name, used in error keyword locations.
    var name: String
    /// The compiled behaviour.
    var kind: Kind
}

extension SchemaKeyword {
    /// What a compiled keyword does. Child schemas are node indexes into `CompiledSchema.nodes`.
    enum Kind: Sendable {
        case reference(Int)
        case dynamicReference(Int, anchor: String?)
        case type(JSONTypeSet)
        case enumeration([JSONValue], Set<JSONValue>)
        case constant(JSONValue)
        case multipleOf(JSONValue)
        case minimum(JSONValue, exclusive: Bool)
        case maximum(JSONValue, exclusive: Bool)
        case minLength(Int)
        case maxLength(Int)
        case pattern(ECMAScriptPattern)
        case format(KnownFormat)
        case items(ItemApplicators)
        case contains(ContainsRule)
        case minItems(Int)
        case maxItems(Int)
        case uniqueItems
        case required([String])
        case properties(PropertyApplicators)
        case propertyNames(Int)
        case minProperties(Int)
        case maxProperties(Int)
        case dependentRequired([(property: String, requires: [String])])
        case dependentSchemas([(property: String, schema: Int)])
        case allOf([Int])
        case anyOf([Int])
        case oneOf([Int])
        case not(Int)
        case conditional(ConditionalApplicators)
        case unevaluatedItems(Int)
        case unevaluatedProperties(Int)
    }

    /// `properties`, `patternProperties` and `additionalProperties` of one schema, applied together
    /// because `additionalProperties` depends on the other two.
    struct PropertyApplicators: Sendable {
        var named: [String: Int]
        var patterns: [(pattern: ECMAScriptPattern, schema: Int)]
        var additional: Int?
    }

    /// `prefixItems` + `items` (2020-12) or array-form `items` + `additionalItems` (draft-07),
    /// or a single `items` schema applying to every element.
    struct ItemApplicators: Sendable {
        /// Schemas for the leading positions.
        var prefix: [Int]
        /// The keyword naming the leading schemas (`prefixItems` or `items`).
        var prefixKeyword: String
        /// The schema for every later element, if any.
        var rest: Int?
        /// The keyword naming that schema (`items` or `additionalItems`).
        var restKeyword: String
    }

    /// `contains` with its `minContains`/`maxContains` bounds.
    struct ContainsRule: Sendable {
        var schema: Int
        var minimum: Int
        var maximum: Int?
        /// Whether `minContains` was written (so a shortfall is reported under that name).
        var hasExplicitMinimum: Bool
    }

    /// `if` with its optional `then` and `else`.
    struct ConditionalApplicators: Sendable {
        var condition: Int
        var then: Int?
        var otherwise: Int?
    }
}
