import Foundation

extension JSONValue {
    /// Compact JSON text for the value, with no insignificant whitespace.
    ///
    /// The output is deterministic: with `sortedKeys` members are ordered by the UTF-8 bytes
    /// of their names (so equal values always print the same text, suitable for hashing);
    /// without it they keep their insertion order. Integral numbers print without a
    /// fraction, so `1.0` and `1` print alike.
    public func jsonString(sortedKeys: Bool = false) -> String {
        var output = ""
        JSONValue.write(self, sortedKeys: sortedKeys, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, sortedKeys: Bool, into output: inout String) {
        switch value {
        case .null:
            output += "null"
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .integer(let number):
            output += String(number)
        case .number(let number):
            output += formatNumber(number)
        case .string(let text):
            writeString(text, into: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                write(element, sortedKeys: sortedKeys, into: &output)
            }
            output += "]"
        case .object(let object):
            output += "{"
            let keys =
                sortedKeys
                ? object.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                : object.keys
            for (index, key) in keys.enumerated() {
                if index > 0 { output += "," }
                writeString(key, into: &output)
                output += ":"
                write(object[key] ?? .null, sortedKeys: sortedKeys, into: &output)
            }
            output += "}"
        }
    }

    /// Formats a double: integral values up to 2^53 print as integers, non-finite values
    /// (which JSON cannot express) print as `null`.
    static func formatNumber(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number.rounded() == number, abs(number) <= 9_007_199_254_740_992, let exact = Int(exactly: number) {
            return String(exact)
        }
        return "\(number)"
    }

    /// ``writeString(_:into:)-(_,String)`` into bytes.
    public static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(0x22)
        // ASCII is escaped byte by byte; a string with anything beyond ASCII is written by the text form (the same
        // bytes, so a hash over either agrees).
        guard appendEscapedASCII(text, to: &output) else {
            var escaped = ""
            writeString(text, into: &escaped)
            output.append(contentsOf: escaped.utf8.dropFirst())
            return
        }
        output.append(0x22)
    }

    /// Appends ASCII `text` escaped (quotes, backslashes, controls) and returns true; leaves `output` as it was and
    /// returns false when `text` is not all ASCII. Runs that need no escape are copied whole: appending byte by byte
    /// took about 4% of a Microsoft 365 first sync's CPU time (every item's extras are written here).
    private static func appendEscapedASCII(_ text: String, to output: inout [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var needsEscape = false
            for byte in bytes {
                if byte >= 0x80 { return false }
                if isEscapedASCII(byte) { needsEscape = true }
            }
            guard needsEscape else {
                output.append(contentsOf: bytes)
                return true
            }
            output.reserveCapacity(output.count + bytes.count + 8)
            var runStart = 0
            for (offset, byte) in bytes.enumerated() {
                let escape: [UInt8]
                switch byte {
                case 0x22: escape = [0x5C, 0x22]
                case 0x5C: escape = [0x5C, 0x5C]
                case 0x0A: escape = [0x5C, UInt8(ascii: "n")]
                case 0x0D: escape = [0x5C, UInt8(ascii: "r")]
                case 0x09: escape = [0x5C, UInt8(ascii: "t")]
                case 0x08: escape = [0x5C, UInt8(ascii: "b")]
                case 0x0C: escape = [0x5C, UInt8(ascii: "f")]
                case 0..<0x20, 0x7F: escape = Array(unicodeEscape(Unicode.Scalar(byte)).utf8)
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<offset]))
                output.append(contentsOf: escape)
                runStart = offset + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            return true
        }
    }

    /// Whether every byte of `text` is printable ASCII other than a quote or a backslash (it goes into JSON as it is).
    private static func isPlainASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where byte >= 0x80 || isEscapedASCII(byte) { return false }
            return true
        }
    }

    /// Whether the ASCII `byte` is escaped in a JSON string: a control character, DEL, a quote or a backslash.
    private static func isEscapedASCII(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F || byte == 0x22 || byte == 0x5C
    }

    /// The value of four hex digits (the `XXXX` of a `\uXXXX` escape), or nil when `digits` are not four hex digits.
    public static func hexQuad(_ digits: some Collection<UInt8>) -> UInt32? {
        guard digits.count == 4 else { return nil }
        var code: UInt32 = 0
        for byte in digits {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            code = code << 4 | UInt32(digit)
        }
        return code
    }

    /// Appends `text` as a quoted JSON string (RFC 8259), escaping quotes, backslashes and control characters;
    /// the one JSON string writer of the project (catalog columns and fakes use it too).
    public static func writeString(_ text: String, into output: inout String) {
        output += "\""
        // Printable ASCII without a quote or a backslash (most ids, paths, times) goes in as it is.
        if isPlainASCII(text) {
            output += text
            output += "\""
            return
        }
        // ASCII with quotes, backslashes or controls (eTags are `"{GUID},1"`): escaped byte by byte.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        if appendEscapedASCII(text, to: &bytes) {
            output += String(decoding: bytes, as: UTF8.self)
            output += "\""
            return
        }
        var pendingStart = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case "\u{08}": escape = "\\b"
            case "\u{0C}": escape = "\\f"
            default:
                if scalar.value < 0x20 || (scalar.value >= 0x7F && Self.isInvisible(scalar)) {
                    escape = Self.unicodeEscape(scalar)
                } else {
                    escape = nil
                }
            }
            if let escape {
                // A slice of scalars copies as one block; appending scalar by scalar was the slow part.
                output += String(scalars[pendingStart..<index])
                output += escape
                pendingStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        output += String(scalars[pendingStart..<scalars.endIndex])
        output += "\""
    }
}

extension JSONValue {
    /// DEL, C1 controls, format characters (bidirectional overrides, zero-width joiners) and line/paragraph
    /// separators: written as `\uXXXX`, the same JSON, so no string can reorder or hide text on a terminal.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    /// `\uXXXX`, as a UTF-16 surrogate pair above the Basic Multilingual Plane.
    static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        String(scalar).utf16.map { unit in
            let hex = String(unit, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }.joined()
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text of the value, members in insertion order.
    public var description: String { jsonString(sortedKeys: false) }
}
