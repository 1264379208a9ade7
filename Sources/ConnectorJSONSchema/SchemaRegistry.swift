import ConnectorJSON
import Foundation

/// Schema documents that `$ref` can reach by absolute URI without any network access.
///
/// `.standard` holds the bundled draft-07 and 2020-12 metaschemas (with the 2020-12
/// vocabulary metaschemas). Add your own documents with `adding(_:uri:)`; a document is
/// also reachable through the `$id`s inside it once it has been loaded.
public struct SchemaRegistry: Sendable {
    private var documents: [String: JSONValue]

    /// An empty registry (not even the metaschemas).
    public init() {
        documents = [:]
    }

    /// A copy of the registry that also serves `document` at `uri` (any fragment is ignored).
    /// A document already registered at that URI is replaced.
    public func adding(_ document: JSONValue, uri: String) -> SchemaRegistry {
        var copy = self
        copy.add(document, uri: uri)
        return copy
    }

    /// Serves `document` at `uri` (any fragment is ignored), replacing an earlier document there.
    public mutating func add(_ document: JSONValue, uri: String) {
        documents[SchemaRegistry.documentKey(uri)] = document
    }

    /// The document registered at `uri` (fragment ignored), if any.
    public func document(at uri: String) -> JSONValue? {
        documents[SchemaRegistry.documentKey(uri)]
    }

    /// The URIs of all registered documents, sorted.
    public var uris: [String] { documents.keys.sorted() }

    /// The URI without its fragment: documents are identified by the part before `#`.
    static func documentKey(_ uri: String) -> String {
        guard let hash = uri.firstIndex(of: "#") else { return uri }
        return String(uri[..<hash])
    }

    /// The first registered document whose top-level `$id` resolves to `uri`, for documents
    /// registered under a different retrieval URI than the identifier they declare.
    func document(declaring uri: String) -> (uri: String, document: JSONValue)? {
        let key = SchemaRegistry.documentKey(uri)
        for (retrievalURI, document) in documents.sorted(by: { $0.key < $1.key }) {
            guard let id = document["$id"]?.stringValue else { continue }
            let resolved = URIReference(id).resolved(against: URIReference(retrievalURI)).description
            if SchemaRegistry.documentKey(resolved) == key {
                return (retrievalURI, document)
            }
        }
        return nil
    }
}
