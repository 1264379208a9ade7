import ConnectorJSON
import Foundation

/// One way in which an instance does not satisfy a schema.
public struct ValidationError: Sendable, Equatable, Hashable {
    /// Where in the instance the problem is (for a disallowed property: the property itself).
    public var instanceLocation: JSONPointer
    /// The evaluation path of the failing keyword through the schema, `$ref`s included,
    /// e.g. `/properties/spec/$ref/properties/interval/pattern`.
    public var keywordLocation: String
    /// The failing keyword, e.g. `type`, `required`, `additionalProperties`.
    public var keyword: String
    /// What was expected and what was found, in plain words,
    /// e.g. `expected a string, got a number`.
    public var message: String
    /// True when the error is about a member's name rather than its value (a property that is not allowed, a
    /// property name that fails `propertyNames`): a located report points at the key, not at its value.
    public var isAboutKey: Bool

    /// Creates an error.
    public init(instanceLocation: JSONPointer, keywordLocation: String, keyword: String, message: String, isAboutKey: Bool = false) {
        self.instanceLocation = instanceLocation
        self.keywordLocation = keywordLocation
        self.keyword = keyword
        self.message = message
        self.isAboutKey = isAboutKey
    }
}

extension ValidationError: CustomStringConvertible {
    /// `pointer: message`, with `(root)` for the whole instance.
    public var description: String {
        let location = instanceLocation.isRoot ? "(root)" : instanceLocation.description
        return "\(location): \(message)"
    }
}
