import Foundation

/// A parsed JSON text: the value plus where each part of it was written.
public struct JSONDocument: Sendable {
    /// The parsed value.
    public var value: JSONValue
    /// Where each value starts (its first character), keyed by its pointer; the root is `""`.
    public var positions: [JSONPointer: TextPosition]
    /// Where each object member's key starts (its opening quote), keyed by the member's pointer.
    public var keyPositions: [JSONPointer: TextPosition]

    /// Creates a document from a value and its recorded positions.
    public init(
        value: JSONValue,
        positions: [JSONPointer: TextPosition] = [:],
        keyPositions: [JSONPointer: TextPosition] = [:]
    ) {
        self.value = value
        self.positions = positions
        self.keyPositions = keyPositions
    }

    /// The best position to show for `pointer`: the member's key when it is an object
    /// member, else the value's start; when the pointer names something that does not exist
    /// (a missing property), the nearest existing ancestor.
    public func position(of pointer: JSONPointer) -> TextPosition? {
        var current: JSONPointer? = pointer
        while let candidate = current {
            if let position = keyPositions[candidate] ?? positions[candidate] {
                return position
            }
            current = candidate.parent
        }
        return nil
    }
}
