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

/// What is in effect at a schema location: the base URI its references resolve against
/// and the dialect its keywords are read by.
struct SchemaScope: Hashable, Sendable {
    /// The absolute URI (without fragment) of the schema resource the location belongs to.
    var baseURI: String
    /// The dialect of that resource.
    var dialect: SchemaDialect
}
