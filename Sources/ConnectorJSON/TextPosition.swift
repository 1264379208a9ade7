import Foundation

/// A place in a text document: 1-based line and 1-based column.
///
/// Columns count Unicode scalars, so a line starting with `é` puts the next character
/// in column 2 whatever its UTF-8 or UTF-16 length.
public struct TextPosition: Sendable, Hashable {
    /// The line number, starting at 1.
    public var line: Int
    /// The column number in Unicode scalars, starting at 1.
    public var column: Int

    /// Creates a position from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

extension TextPosition: CustomStringConvertible {
    /// `line L, column C`.
    public var description: String { "line \(line), column \(column)" }
}

extension TextPosition: Comparable {
    /// Orders positions as they occur in the text.
    public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
