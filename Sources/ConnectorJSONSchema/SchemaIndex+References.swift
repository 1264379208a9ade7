import ConnectorJSON
import Foundation

extension SchemaIndex {
    /// Resolves a `$ref`-style reference written at a location whose base URI is `baseURI`.
    ///
    /// Documents not yet loaded are fetched from the registry. A JSON Pointer fragment is
    /// applied from the root of the resource the URI names; a plain-name fragment is looked
    /// up among the anchors.
    /// - Returns: the target location, or the reason it cannot be found.
    mutating func resolveReference(
        _ reference: String, baseURI: String, dialect: SchemaDialect
    ) -> Result<SchemaLocation, ReferenceFailure> {
        let target = URIReference(reference).resolved(against: URIReference(baseURI))
        let resourceURI = target.withoutFragment.description
        let fragment = target.fragment ?? ""
        guard let resourceRoot = locateResource(resourceURI, dialect: dialect) else {
            return .failure(.missingDocument(resourceURI))
        }
        if fragment.isEmpty || fragment.hasPrefix("/") {
            let decoded = fragment.removingPercentEncoding ?? fragment
            guard let pointer = JSONPointer(decoded) else {
                return .failure(.invalidPointer(fragment))
            }
            let location = SchemaLocation(document: resourceRoot.document, pointer: resourceRoot.pointer.appending(pointer))
            guard value(at: location) != nil else {
                return .failure(.missingLocation(target.description))
            }
            ensureScope(for: location)
            return .success(location)
        }
        let name = fragment.removingPercentEncoding ?? fragment
        guard let location = anchors[resourceURI + "#" + name] else {
            return .failure(.missingAnchor(target.description))
        }
        return .success(location)
    }

    /// The root location of the schema resource `uri`, loading it from the registry if needed.
    mutating func locateResource(_ uri: String, dialect: SchemaDialect) -> SchemaLocation? {
        if let location = resources[uri] {
            return location
        }
        if let document = registry.document(at: uri) {
            _ = load(document, uri: uri, dialect: dialect)
        } else if let (retrievalURI, document) = registry.document(declaring: uri) {
            _ = load(document, uri: retrievalURI, dialect: dialect)
        }
        return resources[uri]
    }

    /// Whether `location` is where resource `uri` declares `$dynamicAnchor` `name`.
    func isDynamicAnchor(_ name: String, in uri: String, at location: SchemaLocation) -> Bool {
        dynamicAnchors[uri]?[name] == location
    }
}

extension SchemaIndex {
    /// Why a reference could not be resolved.
    enum ReferenceFailure: Error {
        case missingDocument(String)
        case invalidPointer(String)
        case missingLocation(String)
        case missingAnchor(String)

        var message: String {
            switch self {
            case .missingDocument(let uri):
                return "no schema document is known at \(uri.isEmpty ? "(the root document)" : uri)"
            case .invalidPointer(let fragment):
                return "\"#\(fragment)\" is not a valid JSON Pointer fragment"
            case .missingLocation(let uri):
                return "nothing exists at \(uri)"
            case .missingAnchor(let uri):
                return "no schema declares the anchor \(uri)"
            }
        }
    }
}
