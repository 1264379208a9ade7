import ConnectorJSON
import Foundation

/// An error found during evaluation, with the structured facts the `anyOf`/`oneOf`
/// diagnosis needs (which values would have been accepted, which property was missing...).
struct ErrorRecord {
    var error: ValidationError
    /// For `const`/`enum` failures: the accepted values.
    var allowedValues: [JSONValue]?
    /// For `type` failures: the accepted types.
    var allowedTypes: JSONTypeSet?
    /// For `required` failures: the missing property.
    var missingProperty: String?
    /// The rendering of the offending value (for rebuilding messages).
    var found: String
}
