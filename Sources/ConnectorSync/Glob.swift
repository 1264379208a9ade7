/// A path glob as filters use it: `*` and `?` stay within one path segment, `**` crosses segments
/// (`**/` also matches no directory at all), `[abc]`, `[a-z]` and `[!abc]` match one byte, `\` escapes.
///
/// Matching works on UTF-8 bytes with memoised backtracking, so it is linear in practice and never
/// exponential, whatever the pattern.
public struct Glob: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case literal(UInt8)
        case anyByte
        case star
        case globstar
        case byteClass(Set<UInt8>, negated: Bool)
    }

    let tokens: [Token]
    /// The pattern as written.
    public let pattern: String

    /// Compiles `pattern`; malformed classes are taken literally (validation rejects them first).
    public init(_ pattern: String) {
        self.pattern = pattern
        var tokens: [Token] = []
        let bytes = Array(pattern.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\\") where index + 1 < bytes.count:
                tokens.append(.literal(bytes[index + 1]))
                index += 2
                continue
            case UInt8(ascii: "*"):
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                    index += 2
                    // `**/` matches zero or more whole segments.
                    if index < bytes.count, bytes[index] == UInt8(ascii: "/") { index += 1 }
                    tokens.append(.globstar)
                    continue
                }
                tokens.append(.star)
            case UInt8(ascii: "?"):
                tokens.append(.anyByte)
            case UInt8(ascii: "["):
                if let (token, end) = Self.byteClass(bytes, from: index) {
                    tokens.append(token)
                    index = end + 1
                    continue
                }
                tokens.append(.literal(byte))
            default:
                tokens.append(.literal(byte))
            }
            index += 1
        }
        self.tokens = tokens
    }

    private static func byteClass(_ bytes: [UInt8], from start: Int) -> (Token, Int)? {
        var index = start + 1
        var negated = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: "^") {
            negated = true
            index += 1
        }
        var members = Set<UInt8>()
        var first = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "]"), !first { return (.byteClass(members, negated: negated), index) }
            first = false
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-"), bytes[index + 2] != UInt8(ascii: "]") {
                let upper = bytes[index + 2]
                if byte <= upper { members.formUnion(byte...upper) }
                index += 3
                continue
            }
            members.insert(byte)
            index += 1
        }
        return nil
    }

    /// True when `path` (relative, `/`-separated) matches the whole pattern.
    public func matches(_ path: String) -> Bool {
        let text = Array(path.utf8)
        var failed = Set<Int>()
        return match(0, 0, text, &failed)
    }

    private func match(_ tokenIndex: Int, _ textIndex: Int, _ text: [UInt8], _ failed: inout Set<Int>) -> Bool {
        let key = tokenIndex &* (text.count + 1) &+ textIndex
        if failed.contains(key) { return false }
        var t = tokenIndex
        var i = textIndex
        while t < tokens.count {
            switch tokens[t] {
            case .literal(let byte):
                guard i < text.count, text[i] == byte else {
                    failed.insert(key)
                    return false
                }
                i += 1
            case .anyByte:
                guard i < text.count, text[i] != UInt8(ascii: "/") else {
                    failed.insert(key)
                    return false
                }
                i += 1
            case .byteClass(let members, let negated):
                guard i < text.count, text[i] != UInt8(ascii: "/"), members.contains(text[i]) != negated else {
                    failed.insert(key)
                    return false
                }
                i += 1
            case .star:
                var end = i
                while true {
                    if match(t + 1, end, text, &failed) { return true }
                    guard end < text.count, text[end] != UInt8(ascii: "/") else { break }
                    end += 1
                }
                failed.insert(key)
                return false
            case .globstar:
                // Zero or more whole segments (then the rest), or anything to the end.
                var end = i
                while true {
                    if (end == i || text[end - 1] == UInt8(ascii: "/")) && match(t + 1, end, text, &failed) { return true }
                    if t + 1 == tokens.count { return true }
                    guard end < text.count else { break }
                    end += 1
                }
                failed.insert(key)
                return false
            }
            t += 1
        }
        if i == text.count { return true }
        failed.insert(key)
        return false
    }
}
