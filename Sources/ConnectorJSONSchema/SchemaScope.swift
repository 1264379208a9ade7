import ConnectorJSON
import Foundation

/// What is in effect at a schema location: the base URI its references resolve against
/// and the dialect its keywords are read by.
struct SchemaScope: Hashable, Sendable {
    /// The absolute URI (without fragment) of the schema resource the location belongs to.
    var baseURI: String
    /// The dialect of that resource.
    var dialect: SchemaDialect
}
