import ConnectorJSON
import Foundation

extension ECMAScriptPattern {
    private static let whitespaceSet =
        "\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}"
    private static let digitSet = "0-9"
    private static let wordSet = "a-zA-Z0-9_"

    /// Rewrites an ECMA-262 pattern into an ICU pattern with the same meaning.
    static func translate(_ pattern: String) throws -> String {
        let scalars = Array(pattern.unicodeScalars)
        var output = ""
        var index = 0
        var inClass = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                guard index + 1 < scalars.count else {
                    throw Invalid(reason: "it ends with a lone backslash")
                }
                index = try translateEscape(scalars, at: index, inClass: inClass, into: &output)
                continue
            }
            if inClass {
                switch scalar {
                case "]":
                    inClass = false
                    output += "]"
                case "[", "&", "#", " ":
                    // ICU gives these meaning inside sets (nesting, `&&`...); ECMA does not.
                    output += "\\"
                    output.unicodeScalars.append(scalar)
                default:
                    output.unicodeScalars.append(scalar)
                }
                index += 1
                continue
            }
            switch scalar {
            case "(":
                try checkGroupOpening(scalars, at: index)
                output += "("
            case "[":
                if index + 2 < scalars.count, scalars[index + 1] == "^", scalars[index + 2] == "]" {
                    output += "[\\x{0}-\\x{10FFFF}]"
                    index += 3
                    continue
                }
                if index + 1 < scalars.count, scalars[index + 1] == "]" {
                    output += "(?!)"
                    index += 2
                    continue
                }
                inClass = true
                output += "["
                if index + 1 < scalars.count, scalars[index + 1] == "^" {
                    output += "^"
                    index += 1
                }
            case "{":
                // A quantifier passes through whole; any other brace is a literal (Annex B).
                if let end = quantifierEnd(scalars, from: index) {
                    output.unicodeScalars.append(contentsOf: scalars[index...end])
                    index = end + 1
                    continue
                }
                output += "\\{"
            case "}":
                output += "\\}"
            case "$":
                output += "(?!(?s:.))"
            case ".":
                output += "[^\\n\\r\\x{2028}\\x{2029}]"
            default:
                output.unicodeScalars.append(scalar)
            }
            index += 1
        }
        if inClass {
            throw Invalid(reason: "a character class is not closed with ']'")
        }
        return output
    }

    /// The index of the `}` closing a `{n}`, `{n,}` or `{n,m}` quantifier starting at `start`.
    private static func quantifierEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        var digits = 0
        var sawComma = false
        while index < scalars.count {
            let scalar = scalars[index]
            if ("0"..."9").contains(scalar) {
                digits += 1
            } else if scalar == "," && !sawComma && digits > 0 {
                sawComma = true
            } else if scalar == "}" {
                return digits > 0 ? index : nil
            } else {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// Rejects group syntax ECMA-262 does not have: inline flags `(?i)`, comments `(?#...)`,
    /// Python's `(?P<name>...)`, atomic groups and the like.
    private static func checkGroupOpening(_ scalars: [Unicode.Scalar], at index: Int) throws {
        guard index + 1 < scalars.count, scalars[index + 1] == "?" else { return }
        let next = index + 2 < scalars.count ? scalars[index + 2] : nil
        switch next {
        case ":", "=", "!":
            return
        case "<":
            let after = index + 3 < scalars.count ? scalars[index + 3] : nil
            if after == "=" || after == "!" { return }
            // A named group: identifier characters up to `>`.
            var position = index + 3
            while position < scalars.count, scalars[position] != ">" {
                let character = scalars[position]
                guard character.properties.isAlphabetic || ("0"..."9").contains(character) || character == "_" || character == "$" else {
                    throw Invalid(reason: "a group name may only contain letters, digits, '_' and '$'")
                }
                position += 1
            }
            guard position < scalars.count, position > index + 3 else {
                throw Invalid(reason: "a named group needs a name closed by '>'")
            }
        default:
            let shown = next.map { "(?\($0)" } ?? "(?"
            throw Invalid(reason: "\(shown) is not ECMA-262 group syntax (inline flags and comments are not supported)")
        }
    }

    /// Translates the escape starting at the backslash at `start`; returns the index after it.
    private static func translateEscape(
        _ scalars: [Unicode.Scalar], at start: Int, inClass: Bool, into output: inout String
    ) throws -> Int {
        let letter = scalars[start + 1]
        // Always a bracketed set, also inside a class (ICU nests sets), so that a following
        // `-` stays a literal as in ECMA-262 (`[\w-.]`) instead of forming a bad range.
        func set(_ members: String, negated: Bool) -> String {
            negated ? "[^\(members)]" : "[\(members)]"
        }
        switch letter {
        case "d": output += set(digitSet, negated: false)
        case "D": output += set(digitSet, negated: true)
        case "w": output += set(wordSet, negated: false)
        case "W": output += set(wordSet, negated: true)
        case "s": output += set(whitespaceSet, negated: false)
        case "S": output += set(whitespaceSet, negated: true)
        case "v": output += "\\x{0B}"
        case "b" where inClass: output += "\\x{08}"
        case "0":
            if start + 2 < scalars.count, ("0"..."9").contains(scalars[start + 2]) {
                throw Invalid(reason: "octal escapes are not allowed")
            }
            output += "\\x{0}"
        case "u":
            return try translateUnicodeEscape(scalars, at: start, into: &output)
        case "x":
            let digits = scalars.dropFirst(start + 2).prefix(2)
            guard digits.count == 2, digits.allSatisfy({ $0.properties.isASCIIHexDigit }) else {
                throw Invalid(reason: "\\x must be followed by two hexadecimal digits")
            }
            output += "\\x{" + String(String.UnicodeScalarView(digits)) + "}"
            return start + 4
        case "c":
            guard start + 2 < scalars.count, scalars[start + 2].properties.isAlphabetic,
                scalars[start + 2].isASCII
            else {
                throw Invalid(reason: "\\c must be followed by a letter")
            }
            output += "\\c"
            output.unicodeScalars.append(scalars[start + 2])
            return start + 3
        case "p", "P":
            // A Unicode property escape `\p{Name}` or `\p{Name=Value}` passes through whole.
            guard start + 2 < scalars.count, scalars[start + 2] == "{",
                let close = scalars[(start + 2)...].firstIndex(of: "}")
            else {
                throw Invalid(reason: "\\\(letter) must be followed by a property name in braces")
            }
            output.unicodeScalars.append(contentsOf: scalars[start...close])
            return close + 1
        case "b", "B", "n", "r", "t", "f", "k", "1"..."9":
            output += "\\"
            output.unicodeScalars.append(letter)
        default:
            if letter.properties.isAlphabetic || ("0"..."9").contains(letter) {
                throw Invalid(reason: "\\\(letter) is not an escape ECMA-262 defines")
            }
            output += "\\"
            output.unicodeScalars.append(letter)
        }
        return start + 2
    }

    /// `\uXXXX`, a surrogate pair `\uD83D\uDE00`, or `\u{XXXXX}`.
    private static func translateUnicodeEscape(
        _ scalars: [Unicode.Scalar], at start: Int, into output: inout String
    ) throws -> Int {
        var index = start + 2
        if index < scalars.count, scalars[index] == "{" {
            guard let close = scalars[index...].firstIndex(of: "}") else {
                throw Invalid(reason: "\\u{ is not closed with '}'")
            }
            let digits = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
            guard !digits.isEmpty, let value = UInt32(digits, radix: 16), Unicode.Scalar(value) != nil else {
                throw Invalid(reason: "\\u{\(digits)} is not a Unicode code point")
            }
            output += "\\x{\(digits)}"
            return close + 1
        }
        func hexQuad(at position: Int) -> UInt32? {
            guard position + 4 <= scalars.count else { return nil }
            let digits = scalars[position..<(position + 4)]
            guard digits.allSatisfy({ $0.properties.isASCIIHexDigit }) else { return nil }
            return UInt32(String(String.UnicodeScalarView(digits)), radix: 16)
        }
        guard let high = hexQuad(at: index) else {
            throw Invalid(reason: "\\u must be followed by four hexadecimal digits")
        }
        index += 4
        var code = high
        if (0xD800...0xDBFF).contains(high), index + 1 < scalars.count, scalars[index] == "\\", scalars[index + 1] == "u",
            let low = hexQuad(at: index + 2), (0xDC00...0xDFFF).contains(low)
        {
            code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            index += 6
        }
        output += "\\x{" + String(code, radix: 16) + "}"
        return index
    }
}
