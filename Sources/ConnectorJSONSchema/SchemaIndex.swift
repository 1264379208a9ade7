import ConnectorJSON
import Foundation

/// Every schema document loaded while compiling, with the identifiers found inside them.
///
/// Indexing walks only the keywords that hold subschemas in the location's dialect, so an
/// `$id` inside `enum`, `const` or an unknown keyword is not mistaken for a schema resource.
struct SchemaIndex {
    /// Loaded documents by index.
    private(set) var documents: [JSONValue] = []
    /// The URI each document was loaded from (empty for a root schema without a base URI).
    private(set) var documentURIs: [String] = []
    /// The base URI and dialect at every indexed schema location.
    private(set) var scopes: [SchemaLocation: SchemaScope] = [:]
    /// Schema resources by absolute URI (no fragment).
    private(set) var resources: [String: SchemaLocation] = [:]
    /// Plain-name fragments (`$anchor`, `$dynamicAnchor`, draft-07 `"$id": "#name"`) by `uri#name`.
    private(set) var anchors: [String: SchemaLocation] = [:]
    /// `$dynamicAnchor`s by resource URI, then by name.
    private(set) var dynamicAnchors: [String: [String: SchemaLocation]] = [:]

    let registry: SchemaRegistry
    let defaultDialect: SchemaDialect

    init(registry: SchemaRegistry, defaultDialect: SchemaDialect) {
        self.registry = registry
        self.defaultDialect = defaultDialect
    }

    /// The JSON value at `location`, if the pointer exists.
    func value(at location: SchemaLocation) -> JSONValue? {
        guard documents.indices.contains(location.document) else { return nil }
        return location.pointer.resolve(in: documents[location.document])
    }

    /// Adds a document retrieved from (or given the base) `uri` and indexes it.
    mutating func load(_ document: JSONValue, uri: String, dialect: SchemaDialect) -> SchemaLocation {
        let root = SchemaLocation(document: documents.count, pointer: .root)
        documents.append(document)
        let key = SchemaRegistry.documentKey(uri)
        documentURIs.append(key)
        if resources[key] == nil {
            resources[key] = root
        }
        indexSubtree(at: root, scope: SchemaScope(baseURI: key, dialect: dialect), isDocumentRoot: true)
        return root
    }

    /// Makes sure `location` has a scope, indexing its subtree with the scope of the nearest
    /// indexed ancestor when a reference points somewhere the walk did not reach.
    mutating func ensureScope(for location: SchemaLocation) {
        guard scopes[location] == nil else { return }
        var ancestor = location.pointer
        var inherited = SchemaScope(baseURI: "", dialect: defaultDialect)
        while let parent = ancestor.parent {
            ancestor = parent
            if let scope = scopes[SchemaLocation(document: location.document, pointer: ancestor)] {
                inherited = scope
                break
            }
        }
        indexSubtree(at: location, scope: inherited, isDocumentRoot: false)
        if scopes[location] == nil {
            scopes[location] = inherited
        }
    }

    /// A readable name for `location`: the document URI and a JSON Pointer fragment.
    func describe(_ location: SchemaLocation) -> String {
        let uri = documentURIs.indices.contains(location.document) ? documentURIs[location.document] : ""
        return uri + "#" + location.pointer.description
    }

    /// The dialect named by a `$schema` value: a known metaschema, or a registered custom
    /// metaschema whose own `$schema` leads to one.
    func dialect(forMetaschema uri: String, fallback: SchemaDialect) -> SchemaDialect {
        var current = uri
        for _ in 0..<8 {
            if let dialect = SchemaDialect(metaschemaURI: current) { return dialect }
            guard let metaschema = registry.document(at: current),
                let next = metaschema["$schema"]?.stringValue, next != current
            else { break }
            current = next
        }
        return fallback
    }

    private mutating func indexSubtree(at start: SchemaLocation, scope: SchemaScope, isDocumentRoot: Bool) {
        guard let startValue = value(at: start) else { return }
        var pending: [(SchemaLocation, JSONValue, SchemaScope, Bool)] = [(start, startValue, scope, isDocumentRoot)]
        while let (location, value, inherited, isRoot) = pending.popLast() {
            guard case .object(let object) = value else {
                if case .bool = value, scopes[location] == nil { scopes[location] = inherited }
                continue
            }
            let scope = registerIdentifiers(of: object, at: location, inherited: inherited, isDocumentRoot: isRoot)
            if scopes[location] == nil {
                scopes[location] = scope
            }
            for (childLocation, childValue) in SchemaIndex.subschemas(of: object, at: location, dialect: scope.dialect) {
                pending.append((childLocation, childValue, scope, false))
            }
        }
    }

    /// Records `$id`, `$anchor` and `$dynamicAnchor` of one schema object and returns the scope
    /// in effect inside it.
    private mutating func registerIdentifiers(
        of object: JSONObject, at location: SchemaLocation, inherited: SchemaScope, isDocumentRoot: Bool
    ) -> SchemaScope {
        var scope = inherited
        let id = object["$id"]?.stringValue
        if isDocumentRoot || id != nil, let metaschema = object["$schema"]?.stringValue {
            scope.dialect = dialect(forMetaschema: metaschema, fallback: scope.dialect)
        }
        let base = URIReference(scope.baseURI)
        switch scope.dialect {
        case .draft07:
            // A draft-07 `$ref` makes every sibling keyword, `$id` included, ignored.
            guard let id, object["$ref"] == nil else { break }
            let resolved = URIReference(id).resolved(against: base)
            let fragment = resolved.fragment ?? ""
            if !id.hasPrefix("#") {
                scope.baseURI = resolved.withoutFragment.description
                register(resource: scope.baseURI, at: location)
            }
            if !fragment.isEmpty && !fragment.hasPrefix("/") {
                register(anchor: fragment, in: scope.baseURI, at: location)
            }
        case .draft2020_12:
            if let id {
                scope.baseURI = URIReference(id).resolved(against: base).withoutFragment.description
                register(resource: scope.baseURI, at: location)
            }
            if let anchor = object["$anchor"]?.stringValue {
                register(anchor: anchor, in: scope.baseURI, at: location)
            }
            if let dynamicAnchor = object["$dynamicAnchor"]?.stringValue {
                register(anchor: dynamicAnchor, in: scope.baseURI, at: location)
                if dynamicAnchors[scope.baseURI, default: [:]][dynamicAnchor] == nil {
                    dynamicAnchors[scope.baseURI, default: [:]][dynamicAnchor] = location
                }
            }
        }
        return scope
    }

    private mutating func register(resource uri: String, at location: SchemaLocation) {
        if resources[uri] == nil {
            resources[uri] = location
        }
    }

    private mutating func register(anchor name: String, in resource: String, at location: SchemaLocation) {
        let key = resource + "#" + name
        if anchors[key] == nil {
            anchors[key] = location
        }
    }
}
