import ConnectorJSON
import Foundation

/// Why a schema could not be compiled: it is malformed or refers to something that cannot be found.
public struct SchemaError: Error, Sendable, Equatable {
    /// What kind of problem this is.
    public enum Kind: String, Sendable {
        /// A keyword has a value of the wrong shape (e.g. `"minLength": "three"`).
        case invalidKeyword
        /// A `$ref` or `$dynamicRef` points at a document, anchor or location that does not exist.
        case unresolvableReference
        /// A `pattern` or `patternProperties` key is not a usable regular expression.
        case invalidPattern
        /// The schema nests deeper than the compiler allows.
        case tooDeep
    }

    /// What kind of problem this is.
    public var kind: Kind
    /// Where in the schema the problem is, as a URI with a JSON Pointer fragment.
    public var schemaLocation: String
    /// What is wrong, in plain words.
    public var message: String

    /// Creates an error.
    public init(kind: Kind, schemaLocation: String, message: String) {
        self.kind = kind
        self.schemaLocation = schemaLocation
        self.message = message
    }
}

extension SchemaError: CustomStringConvertible {
    /// `message (at location)`.
    public var description: String {
        schemaLocation.isEmpty ? message : "\(message) (at \(schemaLocation))"
    }
}

extension SchemaError: LocalizedError {
    /// The same text as `description`.
    public var errorDescription: String? { description }
}
