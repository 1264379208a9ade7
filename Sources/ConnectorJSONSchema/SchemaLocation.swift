import ConnectorJSON
import Foundation

/// Where a (sub)schema lives: a loaded document and a JSON Pointer inside it.
struct SchemaLocation: Hashable, Sendable {
    /// Index of the document in `SchemaIndex.documents`.
    var document: Int
    /// Path from the document root.
    var pointer: JSONPointer

    func appending(_ token: String) -> SchemaLocation {
        SchemaLocation(document: document, pointer: pointer.appending(token))
    }

    func appending(_ index: Int) -> SchemaLocation {
        SchemaLocation(document: document, pointer: pointer.appending(index))
    }
}
