import ConnectorJSON
import Foundation

extension FormatChecker {
    /// Dotted-quad IPv4: four decimal parts 0-255 without leading zeros.
    static func isIPv4(_ value: Substring) -> Bool {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            let bytes = Array(part.utf8)
            guard (1...3).contains(bytes.count), bytes.allSatisfy(isDigit) else { return false }
            if bytes.count > 1 && bytes[0] == UInt8(ascii: "0") { return false }
            guard let number = Int(part), number <= 255 else { return false }
        }
        return true
    }

    /// RFC 4291 IPv6 text form: eight groups of 1-4 hex digits, one `::` for a run of zero
    /// groups, and optionally a dotted-quad IPv4 in place of the last two groups.
    /// Zone identifiers, prefixes and brackets are not part of an address.
    static func isIPv6(_ value: Substring) -> Bool {
        guard !value.isEmpty, value.utf8.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
        else { return false }
        let halves = value.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groupCount(_ text: String, allowsIPv4: Bool) -> Int? {
            if text.isEmpty { return 0 }
            let groups = text.split(separator: ":", omittingEmptySubsequences: false)
            var count = 0
            for (index, group) in groups.enumerated() {
                if group.contains(".") {
                    guard allowsIPv4, index == groups.count - 1, isIPv4(group) else { return nil }
                    count += 2
                } else {
                    guard (1...4).contains(group.utf8.count) else { return nil }
                    count += 1
                }
            }
            return count
        }
        if halves.count == 1 {
            return groupCount(halves[0], allowsIPv4: true) == 8
        }
        guard let head = groupCount(halves[0], allowsIPv4: false),
            let tail = groupCount(halves[1], allowsIPv4: true)
        else { return false }
        return head + tail <= 7
    }

    /// RFC 1123 host name of dot-separated labels (1-63 letters, digits and inner hyphens,
    /// 253 characters at most). `xn--` labels must be valid Punycode for an IDNA2008 U-label;
    /// with `international`, U-labels may also appear directly.
    static func isHostname(_ value: String, international: Bool) -> Bool {
        var text = value
        if international {
            for separator in ["\u{3002}", "\u{FF0E}", "\u{FF61}"] {
                text = text.replacingOccurrences(of: separator, with: ".")
            }
        }
        guard !text.isEmpty else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        var asciiLength = labels.count - 1
        for label in labels {
            guard let length = validatedLabelLength(label, international: international) else { return false }
            asciiLength += length
        }
        return asciiLength <= 253
    }

    /// The length of the label in its ASCII form, or `nil` when it is not a valid label.
    private static func validatedLabelLength(_ label: Substring, international: Bool) -> Int? {
        guard !label.isEmpty else { return nil }
        if label.unicodeScalars.allSatisfy(\.isASCII) {
            let bytes = Array(label.utf8)
            guard bytes.count <= 63,
                bytes.allSatisfy({ isAlpha($0) || isDigit($0) || $0 == UInt8(ascii: "-") }),
                bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-")
            else { return nil }
            if label.lowercased().hasPrefix("xn--") {
                let encoded = String(label.dropFirst(4))
                guard let decoded = Punycode.decode(encoded), !decoded.isEmpty, IDNALabel.isValidULabel(decoded),
                    Punycode.encode(decoded)?.lowercased() == encoded.lowercased()
                else { return nil }
            }
            return bytes.count
        }
        guard international, label.unicodeScalars.count <= 63, IDNALabel.isValidULabel(String(label)),
            let encoded = Punycode.encode(String(label))
        else { return nil }
        let length = encoded.utf8.count + 4
        return length <= 63 ? length : nil
    }

    /// RFC 5321 mailbox: a dot-atom or quoted-string local part, `@`, and a host name or an
    /// address literal (`[192.0.2.1]`, `[IPv6:...]`). With `international`, UTF-8 is allowed
    /// in the local part and U-labels in the domain (RFC 6531).
    static func isEmail(_ value: String, international: Bool) -> Bool {
        guard let at = value.lastIndex(of: "@") else { return false }
        let local = value[..<at]
        let domain = value[value.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty, isMailboxLocalPart(local, international: international) else { return false }
        if domain.hasPrefix("[") && domain.hasSuffix("]") {
            let literal = domain.dropFirst().dropLast()
            if literal.hasPrefix("IPv6:") {
                return isIPv6(literal.dropFirst(5))
            }
            return isIPv4(literal)
        }
        return isHostname(String(domain), international: international)
    }

    private static func isMailboxLocalPart(_ local: Substring, international: Bool) -> Bool {
        if local.hasPrefix("\"") {
            guard local.count >= 2, local.hasSuffix("\"") else { return false }
            var escaped = false
            for scalar in local.dropFirst().dropLast().unicodeScalars {
                if escaped {
                    guard scalar.value >= 0x20 && scalar.value != 0x7F else { return false }
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else if scalar == "\"" {
                    return false
                } else if scalar.isASCII {
                    guard scalar.value >= 0x20 && scalar.value != 0x7F else { return false }
                } else if !international {
                    return false
                }
            }
            return !escaped
        }
        let specials = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)
        let atoms = local.split(separator: ".", omittingEmptySubsequences: false)
        for atom in atoms {
            guard !atom.isEmpty else { return false }
            for scalar in atom.unicodeScalars {
                if scalar.isASCII {
                    let byte = UInt8(scalar.value)
                    guard isAlpha(byte) || isDigit(byte) || specials.contains(scalar) else { return false }
                } else if !international {
                    return false
                }
            }
        }
        return true
    }
}
