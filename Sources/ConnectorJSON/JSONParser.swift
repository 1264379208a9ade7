import Foundation

/// A strict RFC 8259 JSON parser that records where every value and key was written.
///
/// The parser is iterative (deep nesting cannot overflow the stack), rejects everything
/// RFC 8259 does not allow (trailing commas, comments, single quotes, leading zeros,
/// unescaped control characters, lone surrogates), reports duplicate keys with both
/// positions, and refuses nesting deeper than `maxDepth`.
///
/// Raising `maxDepth` far above the default is possible but unwise: the parser copes, yet
/// code that walks the resulting value recursively (including releasing it) needs stack in
/// proportion to its depth. Recording positions costs time in proportion to depth per value.
public enum JSONParser {
    /// The nesting limit used when none is given.
    public static let defaultMaxDepth = 512

    /// Parses `text` and records the position of every value and object key.
    ///
    /// - Parameters:
    ///   - text: The JSON text. A leading byte order mark is ignored.
    ///   - maxDepth: How many arrays and objects may be nested inside each other.
    /// - Throws: `JSONSyntaxError` describing the first problem and where it is.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws -> JSONDocument {
        var text = text
        return try text.withUTF8 { bytes in
            var scanner = JSONScanner(bytes: bytes, recordsPositions: true, maxDepth: maxDepth)
            let value = try scanner.parseDocument()
            return JSONDocument(value: value, positions: scanner.positions, keyPositions: scanner.keyPositions)
        }
    }

    /// Parses UTF-8 encoded JSON `data` and records positions, like `parse(_:maxDepth:)`.
    ///
    /// - Throws: `JSONSyntaxError`, also when the data is not valid UTF-8.
    public static func parse(_ data: Data, maxDepth: Int = defaultMaxDepth) throws -> JSONDocument {
        guard let text = String(data: data, encoding: .utf8) else {
            throw JSONSyntaxError(position: TextPosition(line: 1, column: 1), message: "the text is not valid UTF-8")
        }
        return try parse(text, maxDepth: maxDepth)
    }

    /// Parses `text` without recording positions, which is faster when only the value matters.
    ///
    /// Errors are the same as those of `parse(_:maxDepth:)`, positions included.
    public static func parseValue(_ text: String, maxDepth: Int = defaultMaxDepth) throws -> JSONValue {
        var copy = text
        do {
            return try copy.withUTF8 { bytes in
                var scanner = JSONScanner(bytes: bytes, recordsPositions: false, maxDepth: maxDepth)
                return try scanner.parseDocument()
            }
        } catch is JSONScanner.DuplicateKeyFound {
            // The duplicate-key message names both keys' positions, which only a recording
            // pass knows; rare enough to simply parse again.
            return try parse(text, maxDepth: maxDepth).value
        }
    }
}
