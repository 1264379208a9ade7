import ConnectorJSON

/// A hand-written reader of JSON bytes, for the large responses of cloud APIs (a listing page holds hundreds of
/// items, and Foundation's `JSONDecoder` was a provider's largest cost): the caller walks objects and arrays member
/// by member, reads the values it knows and skips the rest. Anything malformed throws ``Malformed``, and callers fall
/// back to `JSONDecoder`, so a surprise costs speed, never correctness.
///
/// The reader reads the bytes in place, through a pointer valid only inside ``reading(_:_:)``: every access is
/// checked against the end by the reader itself (and by the buffer in debug builds), without an array's retains and
/// bounds checks on each of a page's million bytes.
public struct JSONByteReader {
    /// The bytes are not the JSON the caller expected.
    public struct Malformed: Error {
        /// Creates the error.
        public init() {}
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Runs `body` with a reader at the start of `bytes`; the reader must not outlive `body`.
    public static func reading<Result>(_ bytes: [UInt8], _ body: (inout JSONByteReader) throws -> Result) throws -> Result {
        try bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONByteReader(buffer)
            return try body(&reader)
        }
    }

    /// The bytes in `range`, which the caller checked lies within the buffer.
    private func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }

    // MARK: - Values

    public mutating func object(_ member: (inout JSONByteReader, Key) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            let key = try self.key()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            let next = try take()
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw Malformed() }
        }
    }

    /// Reads an object's members up to the one named `stop` and stops before its value, or reads them all; returns
    /// whether `stop` came.
    public mutating func members(before stop: Key, _ member: (inout JSONByteReader, Key) throws -> Void) throws -> Bool {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return false
        }
        while true {
            let key = try self.key()
            try expect(UInt8(ascii: ":"))
            if key == stop { return true }
            try member(&self, key)
            let next = try take()
            if next == UInt8(ascii: "}") { return false }
            guard next == UInt8(ascii: ",") else { throw Malformed() }
        }
    }

    /// The name and value of the last member of the object `bytes` hold, when that value is a string, found by reading
    /// back from the end (the name and the value are then read forward, escapes and all); nil when the bytes do not end
    /// so. Nothing before that member is read: a guess, for what must be known before the rest is decoded.
    public static func trailingStringMember(_ bytes: [UInt8]) -> (name: String, value: String)? {
        try? reading(bytes) { reader in
            let buffer = reader.bytes
            var end = buffer.count
            /// Steps back over white space, then over `byte`, which must come next.
            func stepBack(over byte: UInt8) throws {
                while end > 0, isSpace(buffer[end - 1]) { end -= 1 }
                guard end > 0, buffer[end - 1] == byte else { throw Malformed() }
                end -= 1
            }
            /// The opening quote of the string whose closing quote is at `end`: the nearest quote before it that no
            /// escape precedes (an odd run of backslashes).
            func openingQuote() throws -> Int {
                var position = end - 1
                while position >= 0 {
                    if buffer[position] == UInt8(ascii: "\"") {
                        var backslashes = 0
                        while position - backslashes > 0, buffer[position - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
                        if backslashes % 2 == 0 { return position }
                    }
                    position -= 1
                }
                throw Malformed()
            }
            try stepBack(over: UInt8(ascii: "}"))
            try stepBack(over: UInt8(ascii: "\""))
            let valueEnd = end
            end = try openingQuote()
            let valueStart = end
            try stepBack(over: UInt8(ascii: ":"))
            try stepBack(over: UInt8(ascii: "\""))
            let nameEnd = end
            end = try openingQuote()
            let nameStart = end
            while end > 0, isSpace(buffer[end - 1]) { end -= 1 }
            guard end > 0, buffer[end - 1] == UInt8(ascii: ",") || buffer[end - 1] == UInt8(ascii: "{") else { throw Malformed() }
            reader.index = nameStart
            let name = try reader.string()
            guard reader.index == nameEnd + 1 else { throw Malformed() }
            reader.index = valueStart
            let value = try reader.string()
            guard reader.index == valueEnd + 1 else { throw Malformed() }
            return (name, value)
        }
    }

    public mutating func array<Element>(_ element: (inout JSONByteReader) throws -> Element) throws -> [Element] {
        try expect(UInt8(ascii: "["))
        var result: [Element] = []
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return result
        }
        while true {
            result.append(try element(&self))
            let next = try take()
            if next == UInt8(ascii: "]") { return result }
            guard next == UInt8(ascii: ",") else { throw Malformed() }
        }
    }

    public mutating func string() throws -> String {
        switch try scanString() {
        case .plain(let bytes): String(decoding: bytes, as: UTF8.self)
        case .escaped(let text): text
        }
    }

    /// A string as read: its bytes in place when it holds no escape, else decoded.
    enum ScannedString {
        case plain(UnsafeBufferPointer<UInt8>)
        case escaped(String)
    }

    mutating func scanString() throws -> ScannedString {
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return .plain(slice(start..<index - 1))
            }
            if byte == UInt8(ascii: "\\") { return .escaped(try escapedString(from: start)) }
            index += 1
        }
        throw Malformed()
    }

    /// A member name: its bytes in place, or decoded when it holds escapes.
    private mutating func key() throws -> Key {
        switch try scanString() {
        case .plain(let bytes): Key(raw: bytes)
        case .escaped(let text): Key(decoded: text)
        }
    }

    /// The rest of a string that contains escapes, from its first byte at `start`; the runs between escapes are copied
    /// whole: Microsoft's eTags and cTags are quoted, so every item of a listing comes through here.
    private mutating func escapedString(from start: Int) throws -> String {
        var output: [UInt8] = []
        output.reserveCapacity(index - start + 64)
        output.append(contentsOf: slice(start..<index))
        var pendingHigh: UInt32?
        var runStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                output.append(contentsOf: slice(runStart..<index))
                index += 1
                return String(decoding: output, as: UTF8.self)
            }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            output.append(contentsOf: slice(runStart..<index))
            index += 1
            let escape = try take(raw: true)
            defer { runStart = index }
            switch escape {
            case UInt8(ascii: "n"): output.append(10)
            case UInt8(ascii: "t"): output.append(9)
            case UInt8(ascii: "r"): output.append(13)
            case UInt8(ascii: "b"): output.append(8)
            case UInt8(ascii: "f"): output.append(12)
            case UInt8(ascii: "u"):
                let unit = try hexUnit()
                if (0xD800..<0xDC00).contains(unit) {
                    pendingHigh = unit
                    continue
                }
                var scalarValue = unit
                if let high = pendingHigh, (0xDC00..<0xE000).contains(unit) {
                    scalarValue = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                }
                pendingHigh = nil
                output.append(contentsOf: Array(String(Unicode.Scalar(scalarValue).map(Character.init) ?? "\u{FFFD}").utf8))
            default: output.append(escape)
            }
        }
        throw Malformed()
    }

    /// The four hex digits after `\u`.
    private mutating func hexUnit() throws -> UInt32 {
        guard index + 4 <= bytes.count, let unit = JSONValue.hexQuad(slice(index..<index + 4)) else { throw Malformed() }
        index += 4
        return unit
    }

    /// Skips a string without making it (its `\u` escapes are checked as ``string()`` checks them).
    private mutating func skipString() throws {
        try expect(UInt8(ascii: "\""))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return }
            if byte == UInt8(ascii: "\\") {
                if try take(raw: true) == UInt8(ascii: "u") { _ = try hexUnit() }
            }
        }
        throw Malformed()
    }

    public mutating func bool() throws -> Bool {
        let first = try peek()
        let word: StaticString = first == UInt8(ascii: "t") ? "true" : "false"
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
            slice(index..<index + count).elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: count))
        else { throw Malformed() }
        index += count
        return first == UInt8(ascii: "t")
    }

    /// An integer sent as a string (Google's mapping of int64) or as a number.
    public mutating func int64() throws -> Int64 {
        if try peek() == UInt8(ascii: "\"") {
            guard let value = Int64(try string()) else { throw Malformed() }
            return value
        }
        let start = index
        while index < bytes.count, bytes[index] == UInt8(ascii: "-") || (48...57).contains(bytes[index]) { index += 1 }
        guard let value = Int64(String(decoding: slice(start..<index), as: UTF8.self)) else { throw Malformed() }
        return value
    }

    /// Whether the next value is `null`, which it then consumes.
    public mutating func null() throws -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        guard index + 4 <= bytes.count, bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"),
            bytes[index + 3] == UInt8(ascii: "l")
        else { throw Malformed() }
        index += 4
        return true
    }

    /// A string, or nil for `null`.
    public mutating func optionalString() throws -> String? {
        try null() ? nil : try string()
    }

    /// After the last value: only white space may follow.
    public mutating func end() throws {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        guard index == bytes.count else { throw Malformed() }
    }

    /// How deep unknown members may nest before the reader gives up (as `JSONDecoder` does past 512 levels):
    /// each level is a stack frame, and a body of a few hundred kilobytes of `[` would otherwise overflow the stack.
    public static let maximumSkipDepth = 512

    /// Skips any value, `depth` levels inside unknown members.
    public mutating func skip(depth: Int = 0) throws {
        guard depth < Self.maximumSkipDepth else { throw Malformed() }
        switch try peek() {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"): try skipContainer(closedBy: UInt8(ascii: "}"), depth: depth)
        case UInt8(ascii: "["): try skipContainer(closedBy: UInt8(ascii: "]"), depth: depth)
        default:
            while index < bytes.count, !Self.endsBareValue(bytes[index]) { index += 1 }
        }
    }

    /// Skips an object or an array (at its opening bracket) without making its keys: skipping a listing's items to
    /// reach its links costs a scan, not a string per member.
    private mutating func skipContainer(closedBy close: UInt8, depth: Int) throws {
        index += 1
        if try peek() == close {
            index += 1
            return
        }
        while true {
            if close == UInt8(ascii: "}") {
                try skipString()
                try expect(UInt8(ascii: ":"))
            }
            try skip(depth: depth + 1)
            let next = try take()
            if next == close { return }
            guard next == UInt8(ascii: ",") else { throw Malformed() }
        }
    }

    // MARK: - Bytes

    /// Whether `byte` ends a number or a literal: a separator, a closing bracket or white space.
    private static func endsBareValue(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || isSpace(byte)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 10 || byte == 13 || byte == 9
    }

    private mutating func peek() throws -> UInt8 {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count else { throw Malformed() }
        return bytes[index]
    }

    private mutating func take(raw: Bool = false) throws -> UInt8 {
        let byte = raw ? (index < bytes.count ? bytes[index] : 0) : try peek()
        guard index < bytes.count else { throw Malformed() }
        index += 1
        return byte
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try take() == byte else { throw Malformed() }
    }
}
