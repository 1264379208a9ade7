import Foundation

/// An RFC 6901 JSON Pointer: a path of reference tokens into a JSON value.
///
/// The root pointer is the empty string; `/spec/schedule/interval` names the member
/// `interval` of `schedule` of `spec`. In text form `~` is written `~0` and `/` is `~1`.
public struct JSONPointer: Sendable, Hashable {
    /// The unescaped reference tokens from the root down.
    public private(set) var tokens: [String]

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    /// Creates a pointer from unescaped reference tokens.
    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Parses the text form (`""` or `/a/b~1c`); returns `nil` when the text does not start
    /// with `/` or contains a `~` not followed by `0` or `1`.
    public init?(_ text: String) {
        if text.isEmpty {
            self.init(tokens: [])
            return
        }
        guard text.hasPrefix("/") else { return nil }
        var tokens: [String] = []
        for rawToken in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let token = JSONPointer.unescape(rawToken) else { return nil }
            tokens.append(token)
        }
        self.init(tokens: tokens)
    }

    /// Whether this is the root pointer.
    public var isRoot: Bool { tokens.isEmpty }

    /// The last reference token, or `nil` for the root.
    public var lastToken: String? { tokens.last }

    /// The pointer one level up, or `nil` for the root.
    public var parent: JSONPointer? {
        guard !tokens.isEmpty else { return nil }
        return JSONPointer(tokens: Array(tokens.dropLast()))
    }

    /// The pointer to member `key` of the value this pointer names.
    public func appending(_ key: String) -> JSONPointer {
        var copy = self
        copy.tokens.append(key)
        return copy
    }

    /// The pointer to element `index` of the array this pointer names.
    public func appending(_ index: Int) -> JSONPointer {
        appending(String(index))
    }

    /// The pointer followed by all tokens of `other`.
    public func appending(_ other: JSONPointer) -> JSONPointer {
        var copy = self
        copy.tokens.append(contentsOf: other.tokens)
        return copy
    }

    /// Whether `self` equals `other` or lies inside it.
    public func hasPrefix(_ other: JSONPointer) -> Bool {
        tokens.starts(with: other.tokens)
    }

    /// The value this pointer names inside `document`, or `nil` when a token does not exist.
    /// Array tokens must be canonical decimal indexes (`0`, `12`, never `01` or `-`).
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = JSONPointer.arrayIndex(token), index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The token as an array index when it is a canonical non-negative decimal number.
    package static func arrayIndex(_ token: String) -> Int? {
        guard let first = token.utf8.first, token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if first == 0x30 && token.utf8.count > 1 { return nil }
        return Int(token)
    }

    /// Escapes one reference token for the text form.
    package static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private static func unescape(_ raw: Substring) -> String? {
        guard raw.utf8.contains(UInt8(ascii: "~")) else { return String(raw) }
        var result = ""
        var iterator = raw.makeIterator()
        while let character = iterator.next() {
            guard character == "~" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "0": result.append("~")
            case "1": result.append("/")
            default: return nil
            }
        }
        return result
    }
}

extension JSONPointer: CustomStringConvertible {
    /// The RFC 6901 text form, e.g. `/spec/schedule/interval`; the root is the empty string.
    public var description: String {
        var text = ""
        for token in tokens {
            text += "/"
            text += JSONPointer.escape(token)
        }
        return text
    }
}
