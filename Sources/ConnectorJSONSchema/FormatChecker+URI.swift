import ConnectorJSON
import Foundation

extension FormatChecker {
    /// RFC 3986 `URI` (or `URI-reference` with `allowsRelative`); with `international`, the
    /// RFC 3987 IRI forms that also allow non-ASCII characters outside the scheme and host syntax.
    static func isURI(_ value: String, international: Bool, allowsRelative: Bool) -> Bool {
        let scalars = Array(value.unicodeScalars)
        let hasScheme: Bool
        if let colon = scalars.firstIndex(of: ":"), !scalars[..<colon].contains(where: { "/?#".unicodeScalars.contains($0) }) {
            hasScheme = true
            // A colon before any `/`, `?` or `#` ends a scheme; a relative reference cannot
            // have one in its first segment (`1:b`), so an invalid scheme is always an error.
            guard isScheme(scalars[..<colon]) else { return false }
        } else {
            hasScheme = false
        }
        guard hasScheme || allowsRelative else { return false }
        var rest = ArraySlice(scalars)
        if hasScheme, let colon = rest.firstIndex(of: ":") {
            rest = rest[(colon + 1)...]
        }
        if let hash = rest.firstIndex(of: "#") {
            guard isQueryOrFragment(rest[(hash + 1)...], international: international, isQuery: false) else { return false }
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            guard isQueryOrFragment(rest[(question + 1)...], international: international, isQuery: true) else { return false }
            rest = rest[..<question]
        }
        var path = rest
        if rest.starts(with: "//".unicodeScalars) {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
            guard isAuthority(afterSlashes[..<end], international: international) else { return false }
            path = afterSlashes[end...]
        }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            guard segment.allSatisfy({ isPathCharacter($0, international: international) }) else { return false }
        }
        guard percentEncodingIsValid(Array(scalars)) else { return false }
        return true
    }

    private static func isScheme(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = scalars.first, first.isASCII, isAlpha(UInt8(first.value)) else { return false }
        return scalars.allSatisfy { scalar in
            guard scalar.isASCII else { return false }
            let byte = UInt8(scalar.value)
            return isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }

    private static func isAuthority(_ scalars: ArraySlice<Unicode.Scalar>, international: Bool) -> Bool {
        var hostPort = scalars
        if let at = scalars.lastIndex(of: "@") {
            let userInfo = scalars[..<at]
            guard userInfo.allSatisfy({ isUnreservedOrSubDelimiter($0, international: international) || $0 == ":" || $0 == "%" }) else {
                return false
            }
            hostPort = scalars[(at + 1)...]
        }
        var host = hostPort
        var port: ArraySlice<Unicode.Scalar> = []
        if hostPort.first == "[" {
            guard let close = hostPort.firstIndex(of: "]") else { return false }
            host = hostPort[hostPort.startIndex...close]
            let afterHost = hostPort[(close + 1)...]
            if !afterHost.isEmpty {
                guard afterHost.first == ":" else { return false }
                port = afterHost.dropFirst()
            }
            let literal = String(String.UnicodeScalarView(host.dropFirst().dropLast()))
            guard isIPv6(Substring(literal)) || isIPFuture(literal) else { return false }
        } else {
            if let colon = hostPort.lastIndex(of: ":") {
                host = hostPort[..<colon]
                port = hostPort[(colon + 1)...]
            }
            guard host.allSatisfy({ isUnreservedOrSubDelimiter($0, international: international) || $0 == "%" }) else {
                return false
            }
        }
        return port.allSatisfy { $0.isASCII && isDigit(UInt8($0.value)) }
    }

    private static func isIPFuture(_ literal: String) -> Bool {
        let parts = literal.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, parts[0].hasPrefix("v") || parts[0].hasPrefix("V"),
            parts[0].dropFirst().utf8.allSatisfy(isHexDigit), parts[0].count > 1
        else { return false }
        return !parts[1].isEmpty && parts[1].unicodeScalars.allSatisfy { isUnreservedOrSubDelimiter($0, international: false) || $0 == ":" }
    }

    private static func isQueryOrFragment(_ scalars: ArraySlice<Unicode.Scalar>, international: Bool, isQuery: Bool) -> Bool {
        scalars.allSatisfy { scalar in
            if isPathCharacter(scalar, international: international) || scalar == "/" || scalar == "?" { return true }
            if isQuery && international {
                let value = scalar.value
                return (0xE000...0xF8FF).contains(value) || (0xF0000...0xFFFFD).contains(value) || (0x100000...0x10FFFD).contains(value)
            }
            return false
        }
    }

    /// `pchar` (RFC 3986) or `ipchar` (RFC 3987), with `%` allowed (checked separately).
    private static func isPathCharacter(_ scalar: Unicode.Scalar, international: Bool) -> Bool {
        isUnreservedOrSubDelimiter(scalar, international: international) || scalar == ":" || scalar == "@" || scalar == "%"
    }

    private static func isUnreservedOrSubDelimiter(_ scalar: Unicode.Scalar, international: Bool) -> Bool {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            if isAlpha(byte) || isDigit(byte) { return true }
            return "-._~!$&'()*+,;=".utf8.contains(byte)
        }
        guard international else { return false }
        let value = scalar.value
        // RFC 3987 ucschar.
        return (0xA0...0xD7FF).contains(value) || (0xF900...0xFDCF).contains(value) || (0xFDF0...0xFFEF).contains(value)
            || ((0x10000...0xEFFFD).contains(value) && value & 0xFFFE != 0xFFFE)
    }

    /// Every `%` is followed by two hexadecimal digits.
    private static func percentEncodingIsValid(_ scalars: [Unicode.Scalar]) -> Bool {
        var index = 0
        while index < scalars.count {
            if scalars[index] == "%" {
                guard index + 2 < scalars.count,
                    scalars[index + 1].isASCII, isHexDigit(UInt8(scalars[index + 1].value)),
                    scalars[index + 2].isASCII, isHexDigit(UInt8(scalars[index + 2].value))
                else { return false }
                index += 3
            } else {
                index += 1
            }
        }
        return true
    }

    /// RFC 6570 URI Template: literals plus `{...}` expressions of comma-separated variable
    /// specifications with an optional operator and `:N` or `*` modifiers.
    static func isURITemplate(_ value: String) -> Bool {
        var inExpression = false
        var expression = ""
        for scalar in value.unicodeScalars {
            if inExpression {
                if scalar == "}" {
                    guard isTemplateExpression(expression) else { return false }
                    inExpression = false
                    expression = ""
                } else if scalar == "{" {
                    return false
                } else {
                    expression.unicodeScalars.append(scalar)
                }
            } else if scalar == "{" {
                inExpression = true
            } else if scalar == "}" || scalar.value < 0x21 || scalar.value == 0x7F || "\"<>\\^`|".unicodeScalars.contains(scalar) {
                return false
            }
        }
        return !inExpression
    }

    private static func isTemplateExpression(_ expression: String) -> Bool {
        var body = Substring(expression)
        if let first = body.first, "+#./;?&=,!@|".contains(first) {
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return false }
        for variable in body.split(separator: ",", omittingEmptySubsequences: false) {
            var name = variable
            if name.hasSuffix("*") {
                name = name.dropLast()
            } else if let colon = name.firstIndex(of: ":") {
                let length = name[name.index(after: colon)...]
                guard (1...4).contains(length.count), length.utf8.allSatisfy(isDigit), length.first != "0" else { return false }
                name = name[..<colon]
            }
            guard !name.isEmpty, !name.hasPrefix("."), !name.hasSuffix("."), !name.contains(".."),
                name.unicodeScalars.allSatisfy({ scalar in
                    scalar.isASCII
                        ? (isAlpha(UInt8(scalar.value)) || isDigit(UInt8(scalar.value)) || scalar == "_" || scalar == "." || scalar == "%")
                        : false
                })
            else { return false }
        }
        return true
    }
}
