import ConnectorJSON
import Foundation

/// Checks strings against the formats JSON Schema defines for the `format` keyword.
///
/// Supported: `date-time`, `date`, `time`, `duration` (RFC 3339), `email`, `idn-email`,
/// `hostname`, `idn-hostname` (RFC 1123 with IDNA2008 A-/U-label checks), `ipv4`, `ipv6`,
/// `uri`, `uri-reference`, `iri`, `iri-reference` (RFC 3986/3987), `uri-template`, `uuid`,
/// `regex` (ECMA-262), `json-pointer` and `relative-json-pointer`.
public enum FormatChecker {
    /// The names of the formats `isValid(_:format:)` understands.
    public static var supportedFormats: [String] { KnownFormat.allCases.map(\.rawValue) }

    /// Whether `value` is a valid instance of `format`, or `nil` when the format is unknown
    /// (JSON Schema treats unknown formats as always valid).
    public static func isValid(_ value: String, format: String) -> Bool? {
        guard let known = KnownFormat(rawValue: format) else { return nil }
        return isValid(value, as: known)
    }

    static func isValid(_ value: String, as format: KnownFormat) -> Bool {
        switch format {
        case .dateTime: return isDateTime(value)
        case .date: return isDate(Array(value.utf8))
        case .time: return isTime(Array(value.utf8))
        case .duration: return isDuration(value)
        case .email: return isEmail(value, international: false)
        case .idnEmail: return isEmail(value, international: true)
        case .hostname: return isHostname(value, international: false)
        case .idnHostname: return isHostname(value, international: true)
        case .ipv4: return isIPv4(Substring(value))
        case .ipv6: return isIPv6(Substring(value))
        case .uri: return isURI(value, international: false, allowsRelative: false)
        case .uriReference: return isURI(value, international: false, allowsRelative: true)
        case .iri: return isURI(value, international: true, allowsRelative: false)
        case .iriReference: return isURI(value, international: true, allowsRelative: true)
        case .uriTemplate: return isURITemplate(value)
        case .uuid: return isUUID(value)
        case .regex: return (try? ECMAScriptPattern(value)) != nil
        case .jsonPointer: return JSONPointer(value) != nil
        case .relativeJSONPointer: return isRelativeJSONPointer(value)
        }
    }

    /// What the format is called in messages, e.g. `an RFC 3339 date-time`.
    static func phrase(for format: KnownFormat) -> String {
        switch format {
        case .dateTime: return "an RFC 3339 date-time"
        case .date: return "an RFC 3339 date (YYYY-MM-DD)"
        case .time: return "an RFC 3339 time with offset"
        case .duration: return "an ISO 8601 duration such as PT15M"
        case .email, .idnEmail: return "an email address"
        case .hostname, .idnHostname: return "a host name"
        case .ipv4: return "an IPv4 address"
        case .ipv6: return "an IPv6 address"
        case .uri, .iri: return "an absolute URI"
        case .uriReference, .iriReference: return "a URI reference"
        case .uriTemplate: return "a URI template"
        case .uuid: return "a UUID"
        case .regex: return "a valid regular expression"
        case .jsonPointer: return "a JSON Pointer"
        case .relativeJSONPointer: return "a relative JSON Pointer"
        }
    }

    private static func isUUID(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isHexDigit(byte) {
                return false
            }
        }
        return true
    }

    private static func isRelativeJSONPointer(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        var index = 0
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        guard index > 0, !(bytes[0] == UInt8(ascii: "0") && index > 1) else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let signIndex = index
            index += 1
            let digitsStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > digitsStart, !(bytes[digitsStart] == UInt8(ascii: "0") && index > digitsStart + 1),
                !(bytes[signIndex] == UInt8(ascii: "-") && bytes[digitsStart] == UInt8(ascii: "0") && index == digitsStart + 1)
            else { return false }
        }
        let rest = String(decoding: bytes[index...], as: UTF8.self)
        return rest == "#" || JSONPointer(rest) != nil
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }

    static func isAlpha(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}
