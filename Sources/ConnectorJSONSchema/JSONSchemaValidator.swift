import ConnectorJSON
import Foundation

/// A JSON Schema (draft-07 or draft 2020-12) compiled once and ready to validate many instances.
///
/// ```swift
/// let validator = try JSONSchemaValidator(schema: schema)
/// for error in validator.validate(instance) {
///     print(error.instanceLocation, error.message)
/// }
/// ```
///
/// The dialect comes from the schema's `$schema` (or `Options.defaultDialect` without one).
/// References are resolved at initialization, against the schema itself and the registry;
/// nothing is fetched from the network. The validator is immutable and can be shared freely
/// between threads and tasks.
public struct JSONSchemaValidator: Sendable {
    /// How schemas are interpreted.
    public struct Options: Sendable, Hashable {
        /// Whether `format` is an assertion (invalid dates, emails... fail validation) instead
        /// of an annotation only. Off by default, as draft 2020-12 specifies.
        public var formatAssertion: Bool
        /// The dialect of a schema that has no `$schema`.
        public var defaultDialect: SchemaDialect

        /// Creates options.
        public init(formatAssertion: Bool = false, defaultDialect: SchemaDialect = .draft2020_12) {
            self.formatAssertion = formatAssertion
            self.defaultDialect = defaultDialect
        }
    }

    private let compiled: CompiledSchema
    /// The options the schema was compiled with.
    public let options: Options

    /// Compiles `schema`.
    ///
    /// - Parameters:
    ///   - schema: The schema (an object or a Boolean).
    ///   - baseURI: The URI the schema was retrieved from, against which a relative `$id` and
    ///     `$ref` resolve; `nil` when it has none.
    ///   - registry: Documents that absolute references can reach (the metaschemas by default).
    ///   - options: Format assertion and default dialect.
    /// - Throws: `SchemaError` when a keyword is malformed, a pattern is invalid or a reference
    ///   cannot be resolved.
    public init(
        schema: JSONValue, baseURI: String? = nil, registry: SchemaRegistry = .standard, options: Options = .init()
    ) throws {
        compiled = try SchemaCompiler.compile(schema, baseURI: baseURI, registry: registry, options: options)
        self.options = options
    }

    /// Every way `instance` fails the schema, ordered as the failing values appear in the
    /// instance (a container's own errors before those of its members); empty when valid.
    public func validate(_ instance: JSONValue) -> [ValidationError] {
        var context = EvaluationContext()
        var annotations: EvaluatedLocations?
        _ = SchemaEvaluator(schema: compiled).evaluate(compiled.root, instance, &context, &annotations)
        let errors = context.errors.map(\.error)
        guard errors.count > 1 else { return errors }
        let keys = errors.map { JSONSchemaValidator.documentOrder(of: $0.instanceLocation, in: instance) }
        let order = errors.indices.sorted { left, right in
            keys[left] == keys[right] ? left < right : keys[left].lexicographicallyPrecedes(keys[right])
        }
        return order.map { errors[$0] }
    }

    /// Whether `instance` satisfies the schema; faster than `validate` since it stops at the
    /// first failure and builds no messages.
    public func isValid(_ instance: JSONValue) -> Bool {
        var context = EvaluationContext()
        context.collectsErrors = false
        var annotations: EvaluatedLocations?
        return SchemaEvaluator(schema: compiled).evaluate(compiled.root, instance, &context, &annotations)
    }

    /// The positions of each pointer token among its siblings (member order, array index), so
    /// sorting by it gives document order.
    private static func documentOrder(of pointer: JSONPointer, in instance: JSONValue) -> [Int] {
        var key: [Int] = []
        var current = instance
        for token in pointer.tokens {
            switch current {
            case .object(let object):
                guard let position = object.keys.firstIndex(of: token), let next = object[token] else {
                    return key + [Int.max]
                }
                key.append(position)
                current = next
            case .array(let elements):
                guard let position = JSONPointer.arrayIndex(token), position < elements.count else {
                    return key + [Int.max]
                }
                key.append(position)
                current = elements[position]
            default:
                return key + [Int.max]
            }
        }
        return key
    }
}
