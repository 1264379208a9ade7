import ConnectorJSON
import Foundation

/// Turns a schema document (and whatever it references) into a `CompiledSchema`.
///
/// Compilation is a worklist over schema locations: asking for a location's node index
/// allocates the index and queues the location, so mutually recursive references never
/// recurse in the compiler itself, and each location is compiled exactly once.
struct SchemaCompiler {
    var index: SchemaIndex
    let formatAssertion: Bool
    private(set) var nodes: [SchemaNode] = []
    private var nodeIDs: [SchemaLocation: Int] = [:]
    private var queue: [SchemaLocation] = []
    private var resourceIDs: [String: Int] = [:]
    private var resourceURIs: [String] = []
    private var patternCache: [String: ECMAScriptPattern] = [:]

    /// Compiles `schema` whose base URI is `baseURI` (or none).
    static func compile(
        _ schema: JSONValue, baseURI: String?, registry: SchemaRegistry, options: JSONSchemaValidator.Options
    ) throws -> CompiledSchema {
        var compiler = SchemaCompiler(
            index: SchemaIndex(registry: registry, defaultDialect: options.defaultDialect),
            formatAssertion: options.formatAssertion
        )
        let rootLocation = compiler.index.load(schema, uri: baseURI ?? "", dialect: options.defaultDialect)
        let root = compiler.nodeID(for: rootLocation)
        while let location = compiler.queue.popLast() {
            guard let id = compiler.nodeIDs[location] else { continue }
            compiler.nodes[id] = try compiler.buildNode(at: location)
        }
        let dynamicAnchors = compiler.resourceURIs.map { uri in
            (compiler.index.dynamicAnchors[uri] ?? [:]).compactMapValues { compiler.nodeIDs[$0] }
        }
        return CompiledSchema(
            nodes: compiler.nodes, root: root, dynamicAnchors: dynamicAnchors, resourceURIs: compiler.resourceURIs
        )
    }

    private init(index: SchemaIndex, formatAssertion: Bool) {
        self.index = index
        self.formatAssertion = formatAssertion
    }

    /// The node index for `location`, queueing it for compilation on first request.
    mutating func nodeID(for location: SchemaLocation) -> Int {
        if let id = nodeIDs[location] {
            return id
        }
        index.ensureScope(for: location)
        let id = nodes.count
        nodes.append(.placeholder)
        nodeIDs[location] = id
        queue.append(location)
        if let scope = index.scopes[location] {
            _ = resourceID(for: scope.baseURI)
        }
        return id
    }

    /// The index of resource `uri`; the first time a resource is seen its dynamic anchors are
    /// queued too, since `$dynamicRef` may jump to them from anywhere.
    mutating func resourceID(for uri: String) -> Int {
        if let id = resourceIDs[uri] {
            return id
        }
        let id = resourceURIs.count
        resourceURIs.append(uri)
        resourceIDs[uri] = id
        for location in (index.dynamicAnchors[uri] ?? [:]).values {
            _ = nodeID(for: location)
        }
        return id
    }

    private mutating func buildNode(at location: SchemaLocation) throws -> SchemaNode {
        guard let value = index.value(at: location) else {
            throw SchemaError(kind: .unresolvableReference, schemaLocation: index.describe(location), message: "no schema exists here")
        }
        let scope = index.scopes[location] ?? SchemaScope(baseURI: "", dialect: index.defaultDialect)
        let resource = resourceID(for: scope.baseURI)
        switch value {
        case .bool(let accepts):
            return SchemaNode(keywords: [], isFalse: !accepts, expected: nil, resource: resource, tracksEvaluation: false)
        case .object(let object):
            let keywords = try compileKeywords(of: object, at: location, scope: scope)
            let tracksEvaluation = keywords.contains { keyword in
                switch keyword.kind {
                case .unevaluatedItems, .unevaluatedProperties: return true
                default: return false
                }
            }
            return SchemaNode(
                keywords: keywords, isFalse: false, expected: object["x-expected"]?.stringValue,
                resource: resource, tracksEvaluation: tracksEvaluation
            )
        default:
            throw invalid(location, "a schema must be an object or a boolean, got \(ValueDescription.kind(of: value))")
        }
    }

    /// Resolves a reference written at `location` to the node it names.
    mutating func referencedNode(_ reference: String, at location: SchemaLocation, scope: SchemaScope) throws -> (Int, SchemaLocation) {
        switch index.resolveReference(reference, baseURI: scope.baseURI, dialect: scope.dialect) {
        case .success(let target):
            return (nodeID(for: target), target)
        case .failure(let failure):
            throw SchemaError(
                kind: .unresolvableReference, schemaLocation: index.describe(location),
                message: "cannot resolve \(ValueDescription.quoted(reference)): \(failure.message)"
            )
        }
    }

    /// The compiled pattern for `source`, shared by every keyword that uses the same text.
    mutating func pattern(_ source: String, at location: SchemaLocation) throws -> ECMAScriptPattern {
        if let cached = patternCache[source] {
            return cached
        }
        do {
            let compiled = try ECMAScriptPattern(source)
            patternCache[source] = compiled
            return compiled
        } catch let error as ECMAScriptPattern.Invalid {
            throw SchemaError(
                kind: .invalidPattern, schemaLocation: index.describe(location),
                message: "the pattern \(ValueDescription.quoted(source)) is invalid: \(error.reason)"
            )
        }
    }

    /// A `SchemaError` for a keyword with a malformed value.
    func invalid(_ location: SchemaLocation, _ message: String) -> SchemaError {
        SchemaError(kind: .invalidKeyword, schemaLocation: index.describe(location), message: message)
    }
}
