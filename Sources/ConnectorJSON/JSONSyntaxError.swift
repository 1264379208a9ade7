import Foundation

/// Why a JSON text could not be parsed, and where.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// Where the problem was found.
    public var position: TextPosition
    /// What is wrong, in plain words, e.g. `expected ',' or '}' after an object member`.
    public var message: String

    /// Creates an error at `position`.
    public init(position: TextPosition, message: String) {
        self.position = position
        self.message = message
    }
}

extension JSONSyntaxError: CustomStringConvertible {
    /// `line L, column C: message`.
    public var description: String { "\(position): \(message)" }
}

extension JSONSyntaxError: LocalizedError {
    /// The same text as `description`.
    public var errorDescription: String? { description }
}
