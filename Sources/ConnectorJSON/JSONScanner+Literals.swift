import Foundation

extension JSONScanner {
    /// Reads a string starting at the opening quote and returns its unescaped contents.
    mutating func parseString() throws -> String {
        let quoteOffset = offset
        offset += 1
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(contentStart: start, quoteOffset: quoteOffset)
            }
            if byte < 0x20 {
                throw controlCharacterError(byte)
            }
            offset += 1
        }
        throw syntaxError("unterminated string (missing the closing '\"')", at: quoteOffset)
    }

    private mutating func parseEscapedString(contentStart: Int, quoteOffset: Int) throws -> String {
        var buffer = [UInt8](UnsafeBufferPointer(rebasing: bytes[contentStart..<offset]))
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try appendEscape(to: &buffer)
            case 0..<0x20:
                throw controlCharacterError(byte)
            default:
                buffer.append(byte)
                offset += 1
            }
        }
        throw syntaxError("unterminated string (missing the closing '\"')", at: quoteOffset)
    }

    /// Decodes the escape sequence at the current backslash and appends its UTF-8 bytes.
    private mutating func appendEscape(to buffer: inout [UInt8]) throws {
        let escapeOffset = offset
        offset += 1
        guard offset < bytes.count else {
            throw syntaxError("unterminated string (missing the closing '\"')")
        }
        let letter = bytes[offset]
        offset += 1
        switch letter {
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var code = try readHexQuad(escapeOffset: escapeOffset)
            if (0xD800...0xDBFF).contains(code) {
                let hasLowHalf =
                    offset + 1 < bytes.count
                    && bytes[offset] == UInt8(ascii: "\\") && bytes[offset + 1] == UInt8(ascii: "u")
                guard hasLowHalf else {
                    throw syntaxError("unpaired surrogate \\u\(hex(code)) in a string", at: escapeOffset)
                }
                offset += 2
                let low = try readHexQuad(escapeOffset: offset - 2)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw syntaxError("unpaired surrogate \\u\(hex(code)) in a string", at: escapeOffset)
                }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(code) {
                throw syntaxError("unpaired surrogate \\u\(hex(code)) in a string", at: escapeOffset)
            }
            guard let scalar = Unicode.Scalar(code) else {
                throw syntaxError("invalid \\u escape in a string", at: escapeOffset)
            }
            UTF8.encode(scalar) { buffer.append($0) }
        default:
            offset -= 1
            throw syntaxError(
                "invalid escape sequence '\\\(describeCurrent().trimmingCharacters(in: ["'"]))' in a string", at: escapeOffset)
        }
    }

    private mutating func readHexQuad(escapeOffset: Int) throws -> UInt32 {
        guard offset + 4 <= bytes.count, let code = JSONValue.hexQuad(bytes[offset..<(offset + 4)]) else {
            throw syntaxError("expected four hexadecimal digits after \\u", at: escapeOffset)
        }
        offset += 4
        return code
    }

    private func hex(_ code: UInt32) -> String {
        String(code, radix: 16, uppercase: true)
    }

    private mutating func controlCharacterError(_ byte: UInt8) -> JSONSyntaxError {
        if byte == 0x0A || byte == 0x0D {
            return syntaxError("line break inside a string (write it as \\n)")
        }
        if byte == 0x09 {
            return syntaxError("tab character inside a string (write it as \\t)")
        }
        return syntaxError(
            "control character U+\(String(format: "%04X", Int(byte))) inside a string (escape it as \\u\(String(format: "%04X", Int(byte))))"
        )
    }

    /// Reads a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws -> JSONValue {
        let start = offset
        let negative = bytes[offset] == UInt8(ascii: "-")
        if negative { offset += 1 }
        guard isDigit(peek()) else {
            throw syntaxError("expected a digit after '-', found \(describeCurrent())")
        }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
            if isDigit(peek()) {
                throw syntaxError("numbers must not have leading zeros", at: start)
            }
        } else {
            skipDigits()
        }
        var isIntegerLiteral = true
        if peek() == UInt8(ascii: ".") {
            isIntegerLiteral = false
            offset += 1
            guard isDigit(peek()) else {
                throw syntaxError("expected a digit after the decimal point, found \(describeCurrent())")
            }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isIntegerLiteral = false
            offset += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { offset += 1 }
            guard isDigit(peek()) else {
                throw syntaxError("expected a digit in the exponent, found \(describeCurrent())")
            }
            skipDigits()
        }
        if isIntegerLiteral, let integer = exactInteger(from: negative ? start + 1 : start, negative: negative) {
            return .integer(integer)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        guard let number = Double(text), number.isFinite else {
            throw syntaxError("the number \(text) is too large to represent", at: start)
        }
        return .number(number)
    }

    /// The digits from `digitsStart` to the current offset as an `Int`, or `nil` on overflow.
    private func exactInteger(from digitsStart: Int, negative: Bool) -> Int? {
        var result = 0
        for index in digitsStart..<offset {
            let digit = Int(bytes[index] - UInt8(ascii: "0"))
            let (shifted, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                negative
                ? shifted.subtractingReportingOverflow(digit)
                : shifted.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            result = next
        }
        return result
    }

    private mutating func skipDigits() {
        while isDigit(peek()) { offset += 1 }
    }

    private func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
