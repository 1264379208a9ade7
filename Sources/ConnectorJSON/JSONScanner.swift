import Foundation

/// The byte-level state machine behind `JSONParser`.
///
/// Containers being built live on an explicit stack instead of the call stack, so nesting
/// depth is limited only by `maxDepth`. Positions are computed incrementally: the line is
/// tracked while skipping whitespace and columns are counted from a cached point on the
/// current line, so recording every position stays linear in the input size.
struct JSONScanner {
    /// Thrown instead of a duplicate-key error when positions are not recorded.
    struct DuplicateKeyFound: Error {}

    private struct Frame {
        var isObject: Bool
        var elements: [JSONValue] = []
        var object = JSONObject()
        var key = ""
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let recordsPositions: Bool
    let maxDepth: Int
    var offset = 0
    private(set) var positions: [JSONPointer: TextPosition] = [:]
    private(set) var keyPositions: [JSONPointer: TextPosition] = [:]
    private var path: [String] = []
    private var line = 1
    private var lineStart = 0
    private var cachedColumnOffset = 0
    private var cachedColumn = 1

    init(bytes: UnsafeBufferPointer<UInt8>, recordsPositions: Bool, maxDepth: Int) {
        self.bytes = bytes
        self.recordsPositions = recordsPositions
        self.maxDepth = max(0, maxDepth)
        if recordsPositions {
            // Roughly one value per 12 bytes of typical pretty-printed JSON.
            positions.reserveCapacity(bytes.count / 12)
            keyPositions.reserveCapacity(bytes.count / 24)
        }
    }

    /// Parses one complete JSON text.
    mutating func parseDocument() throws -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            offset = 3
            lineStart = 3
            cachedColumnOffset = 3
        }
        var stack: [Frame] = []
        var afterComma = false
        parsing: while true {
            skipWhitespace()
            guard offset < bytes.count else {
                throw syntaxError("expected a JSON value, found the end of the input")
            }
            if recordsPositions {
                positions[JSONPointer(tokens: path)] = position(at: offset)
            }
            var value: JSONValue
            switch bytes[offset] {
            case UInt8(ascii: "{"):
                try checkDepth(stack.count)
                offset += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "}") {
                    offset += 1
                    value = .object(JSONObject())
                } else {
                    stack.append(Frame(isObject: true))
                    try beginMember(&stack[stack.count - 1], afterComma: false)
                    afterComma = false
                    continue parsing
                }
            case UInt8(ascii: "["):
                try checkDepth(stack.count)
                offset += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "]") {
                    offset += 1
                    value = .array([])
                } else {
                    stack.append(Frame(isObject: false))
                    if recordsPositions { path.append("0") }
                    afterComma = false
                    continue parsing
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = try parseNumber()
            case UInt8(ascii: "]") where afterComma:
                throw syntaxError("expected a value after ',' (trailing commas are not allowed)")
            default:
                throw syntaxError("expected a JSON value, found \(describeCurrent())")
            }
            afterComma = false

            // Attach the finished value to its container, closing containers as they end.
            while let top = stack.indices.last {
                if stack[top].isObject {
                    stack[top].object.append(stack[top].key, value)
                    if recordsPositions { path.removeLast() }
                    skipWhitespace()
                    switch peek() {
                    case UInt8(ascii: ","):
                        offset += 1
                        skipWhitespace()
                        try beginMember(&stack[top], afterComma: true)
                        continue parsing
                    case UInt8(ascii: "}"):
                        offset += 1
                        value = .object(stack.removeLast().object)
                    default:
                        throw syntaxError("expected ',' or '}' after an object member, found \(describeCurrent())")
                    }
                } else {
                    stack[top].elements.append(value)
                    skipWhitespace()
                    switch peek() {
                    case UInt8(ascii: ","):
                        offset += 1
                        if recordsPositions { path[path.count - 1] = String(stack[top].elements.count) }
                        afterComma = true
                        continue parsing
                    case UInt8(ascii: "]"):
                        offset += 1
                        if recordsPositions { path.removeLast() }
                        value = .array(stack.removeLast().elements)
                    default:
                        throw syntaxError("expected ',' or ']' after an array element, found \(describeCurrent())")
                    }
                }
            }
            skipWhitespace()
            guard offset >= bytes.count else {
                throw syntaxError("unexpected \(describeCurrent()) after the end of the JSON value")
            }
            return value
        }
    }

    /// Reads `"key" :` at the current offset and makes `key` the member being filled.
    private mutating func beginMember(_ frame: inout Frame, afterComma: Bool) throws {
        guard peek() == UInt8(ascii: "\"") else {
            if afterComma && peek() == UInt8(ascii: "}") {
                throw syntaxError("expected a member name after ',' (trailing commas are not allowed)")
            }
            let expectation = afterComma ? "a member name in double quotes" : "a member name in double quotes or '}'"
            throw syntaxError("expected \(expectation), found \(describeCurrent())")
        }
        let keyOffset = offset
        let keyPosition = recordsPositions ? position(at: keyOffset) : TextPosition(line: line, column: 0)
        let key = try parseString()
        if frame.object.contains(key) {
            guard recordsPositions else { throw DuplicateKeyFound() }
            let pointer = JSONPointer(tokens: path + [key])
            let first = keyPositions[pointer].map { " (first defined at \($0))" } ?? ""
            throw JSONSyntaxError(
                position: keyPosition,
                message: "duplicate key \(JSONValue.string(key).description)\(first)"
            )
        }
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else {
            throw syntaxError("expected ':' after the member name \(JSONValue.string(key).description), found \(describeCurrent())")
        }
        offset += 1
        frame.key = key
        if recordsPositions {
            path.append(key)
            keyPositions[JSONPointer(tokens: path)] = keyPosition
        }
    }

    private mutating func checkDepth(_ depth: Int) throws {
        if depth >= maxDepth {
            throw syntaxError("nesting is deeper than the limit of \(maxDepth) arrays and objects")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws {
        let length = literal.utf8CodeUnitCount
        let matches =
            offset + length <= bytes.count
            && (0..<length).allSatisfy { index in
                bytes[offset + index] == literal.utf8Start[index]
            }
        guard matches else {
            throw syntaxError("expected a JSON value, found \(describeCurrent()) (did you mean \(literal)?)")
        }
        offset += length
    }

    func peek() -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    /// Skips JSON whitespace, counting line breaks (`\n`, `\r\n` and a lone `\r`).
    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09:
                offset += 1
            case 0x0A:
                offset += 1
                startLine()
            case 0x0D:
                offset += 1
                if offset < bytes.count && bytes[offset] == 0x0A { offset += 1 }
                startLine()
            default:
                return
            }
        }
    }

    private mutating func startLine() {
        line += 1
        lineStart = offset
        cachedColumnOffset = offset
        cachedColumn = 1
    }

    /// The position of byte `target`, which must be on the current line.
    mutating func position(at target: Int) -> TextPosition {
        if target < cachedColumnOffset || cachedColumnOffset < lineStart {
            cachedColumnOffset = lineStart
            cachedColumn = 1
        }
        var column = cachedColumn
        var index = cachedColumnOffset
        while index < target && index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        cachedColumnOffset = index
        cachedColumn = column
        return TextPosition(line: line, column: column)
    }

    mutating func syntaxError(_ message: String, at errorOffset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(position: position(at: errorOffset ?? offset), message: message)
    }

    /// Describes the character at the current offset for error messages.
    func describeCurrent() -> String {
        guard offset < bytes.count else { return "the end of the input" }
        let lead = bytes[offset]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        let end = min(bytes.count, offset + length)
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return "an invalid character" }
        switch scalar {
        case "\n", "\r": return "a line break"
        case "'": return "\"'\""
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                return "the control character U+\(String(scalar.value, radix: 16, uppercase: true))"
            }
            return "'\(text)'"
        }
    }
}
