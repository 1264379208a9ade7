/// A label selector as Kubernetes writes them (`kubectl get -l`), to pick endpoints by their `metadata.labels`:
/// requirements separated by commas, all of which must hold.
///
/// - `key` and `!key`: the label is there, or is not;
/// - `key=value`, `key==value`, `key!=value`;
/// - `key in (a,b)`, `key notin (a,b)` (an empty entry is the empty value);
/// - `key>1`, `key<5`: the label's value read as an integer.
///
/// `!=` and `notin` also hold for an endpoint without the label, as in Kubernetes. Keys and values are checked as
/// Kubernetes checks label keys and values; an empty selector selects everything.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    /// How a requirement compares a label.
    public enum Operator: String, Sendable, Hashable {
        case exists, doesNotExist, equals, notEquals, `in`, notIn, greaterThan, lessThan
    }

    /// One requirement: a key, an operator and the values it compares with (sorted, without repeats).
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        /// The label key.
        public var key: String
        /// The comparison.
        public var `operator`: Operator
        /// The values (none for exists and doesNotExist, one for the equalities and comparisons).
        public var values: [String]

        /// Creates a requirement.
        public init(key: String, operator: Operator, values: [String] = []) {
            self.key = key
            self.operator = `operator`
            self.values = Array(Set(values)).sorted()
        }

        /// Whether `labels` meet it.
        public func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch `operator` {
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            case .equals, .in: return value.map(values.contains) ?? false
            case .notEquals, .notIn: return value.map { !values.contains($0) } ?? true
            case .greaterThan, .lessThan:
                guard let value, let have = Int64(value), let bound = values.first.flatMap({ Int64($0) }) else { return false }
                return `operator` == .greaterThan ? have > bound : have < bound
            }
        }

        /// The requirement as a selector writes it.
        public var description: String {
            switch `operator` {
            case .exists: key
            case .doesNotExist: "!" + key
            case .equals: key + "=" + (values.first ?? "")
            case .notEquals: key + "!=" + (values.first ?? "")
            case .greaterThan: key + ">" + (values.first ?? "")
            case .lessThan: key + "<" + (values.first ?? "")
            case .in: key + " in (" + values.joined(separator: ",") + ")"
            case .notIn: key + " notin (" + values.joined(separator: ",") + ")"
            }
        }
    }

    /// The requirements, by key (the order they were written in does not matter).
    public let requirements: [Requirement]

    /// The selector that selects everything.
    public static let everything = LabelSelector(requirements: [])

    private init(requirements: [Requirement]) {
        self.requirements = requirements.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element)
    }

    /// Parses `text`.
    /// - Throws: ``LabelSelectorError`` naming what was expected where.
    public init(parsing text: String) throws(LabelSelectorError) {
        var parser = Parser(text: text)
        self.init(requirements: try parser.selector())
    }

    /// Whether `labels` meet every requirement.
    public func matches(_ labels: [String: String]) -> Bool { requirements.allSatisfy { $0.matches(labels) } }

    /// The selector in its canonical form (requirements by key, values sorted).
    public var description: String { requirements.map(\.description).joined(separator: ",") }
}

/// Why a label selector could not be read.
public struct LabelSelectorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The selector.
    public var selector: String
    /// What was wrong.
    public var message: String

    /// Creates an error.
    public init(selector: String, message: String) {
        self.selector = selector
        self.message = message
    }

    public var description: String { "label selector \"\(selector)\": \(message)" }
}

extension LabelSelector {
    /// A selector's tokens, as Kubernetes's lexer cuts them: whitespace separates, `,()!=<>` and `!=`, `==` stand
    /// alone, and any other run of characters is a word (`in` and `notin` are operators only where one is expected).
    private enum Token: Equatable {
        case word(String)
        case comma, open, close, bang, equals, doubleEquals, notEquals, greater, less, end

        var shown: String {
            switch self {
            case .word(let word): "\"\(word)\""
            case .comma: "\",\""
            case .open: "\"(\""
            case .close: "\")\""
            case .bang: "\"!\""
            case .equals: "\"=\""
            case .doubleEquals: "\"==\""
            case .notEquals: "\"!=\""
            case .greater: "\">\""
            case .less: "\"<\""
            case .end: "the end"
            }
        }
    }

    private struct Parser {
        let text: String
        private var tokens: [Token] = []
        private var position = 0

        init(text: String) {
            self.text = text
            tokens = Self.tokens(of: text)
        }

        private static func tokens(of text: String) -> [Token] {
            var tokens: [Token] = []
            var index = text.unicodeScalars.startIndex
            let scalars = text.unicodeScalars
            func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" }
            func isSpecial(_ scalar: Unicode.Scalar) -> Bool { ",()!=<>".unicodeScalars.contains(scalar) }
            while index < scalars.endIndex {
                let scalar = scalars[index]
                let next = scalars.index(after: index)
                if isSpace(scalar) {
                    index = next
                    continue
                }
                let followedByEquals = next < scalars.endIndex && scalars[next] == "="
                switch scalar {
                case ",": tokens.append(.comma)
                case "(": tokens.append(.open)
                case ")": tokens.append(.close)
                case "<": tokens.append(.less)
                case ">": tokens.append(.greater)
                case "!": tokens.append(followedByEquals ? .notEquals : .bang)
                case "=": tokens.append(followedByEquals ? .doubleEquals : .equals)
                default:
                    var end = index
                    while end < scalars.endIndex, !isSpace(scalars[end]), !isSpecial(scalars[end]) { end = scalars.index(after: end) }
                    tokens.append(.word(String(scalars[index..<end])))
                    index = end
                    continue
                }
                index = followedByEquals && (scalar == "!" || scalar == "=") ? scalars.index(after: next) : next
            }
            tokens.append(.end)
            return tokens
        }

        private var current: Token { tokens[position] }

        private mutating func take() -> Token {
            defer { position = min(position + 1, tokens.count - 1) }
            return tokens[position]
        }

        private func failure(_ message: String) -> LabelSelectorError { LabelSelectorError(selector: text, message: message) }

        mutating func selector() throws(LabelSelectorError) -> [Requirement] {
            guard current != .end else { return [] }
            var requirements: [Requirement] = []
            while true {
                requirements.append(try requirement())
                switch take() {
                case .end: return requirements
                case .comma:
                    if current == .end { throw failure("a requirement is expected after the last \",\"") }
                case let other:
                    throw failure("\",\" or the end is expected after \(requirements.last?.description ?? ""), not \(other.shown)")
                }
            }
        }

        private mutating func requirement() throws(LabelSelectorError) -> Requirement {
            switch take() {
            case .bang:
                guard case .word(let key) = take() else { throw failure("a label key is expected after \"!\"") }
                try check(key: key)
                return Requirement(key: key, operator: .doesNotExist)
            case .word(let key):
                try check(key: key)
                switch current {
                case .end, .comma: return Requirement(key: key, operator: .exists)
                case .equals, .doubleEquals, .notEquals:
                    let equality = take()
                    var value = ""
                    if case .word(let word) = current {
                        value = word
                        _ = take()
                    }
                    try check(value: value, of: key)
                    return Requirement(key: key, operator: equality == .notEquals ? .notEquals : .equals, values: [value])
                case .greater, .less:
                    let comparison = take()
                    guard case .word(let value) = take(), Int64(value) != nil else {
                        throw failure("an integer is expected after \(key)\(comparison == .greater ? ">" : "<")")
                    }
                    return Requirement(key: key, operator: comparison == .greater ? .greaterThan : .lessThan, values: [value])
                case .word("in"), .word("notin"):
                    let isIn = take() == .word("in")
                    return Requirement(key: key, operator: isIn ? .in : .notIn, values: try values(of: key))
                case let other:
                    throw failure("an operator (=, ==, !=, in, notin, >, <), \",\" or the end is expected after \(key), not \(other.shown)")
                }
            case let other:
                throw failure("a label key or \"!\" is expected, not \(other.shown)")
            }
        }

        /// `(a,b,…)`: an empty entry is the empty value.
        private mutating func values(of key: String) throws(LabelSelectorError) -> [String] {
            guard take() == .open else { throw failure("\"(\" is expected after \(key)'s in or notin") }
            var values: [String] = []
            var afterValue = false
            while true {
                switch take() {
                case .word(let value):
                    if afterValue { throw failure("\",\" is expected between the values of \(key), before \"\(value)\"") }
                    try check(value: value, of: key)
                    values.append(value)
                    afterValue = true
                case .comma:
                    if !afterValue { values.append("") }
                    afterValue = false
                case .close:
                    if !afterValue { values.append("") }
                    return values
                case let other:
                    throw failure("a value, \",\" or \")\" is expected in the values of \(key), not \(other.shown)")
                }
            }
        }

        /// A label key: a name of at most 63 characters (letters, digits, `-`, `_`, `.`, beginning and ending with a
        /// letter or digit), with an optional DNS subdomain prefix of at most 253 (`example.com/name`).
        private func check(key: String) throws(LabelSelectorError) {
            let parts = key.split(separator: "/", omittingEmptySubsequences: false)
            let valid: Bool
            switch parts.count {
            case 1: valid = Self.isName(parts[0])
            case 2: valid = Self.isSubdomain(parts[0]) && Self.isName(parts[1])
            default: valid = false
            }
            if !valid {
                throw failure(
                    "\"\(key)\" is not a label key (a name of at most 63 letters, digits, '-', '_' or '.', beginning and ending with a letter or digit, with an optional DNS prefix and '/')"
                )
            }
        }

        private func check(value: String, of key: String) throws(LabelSelectorError) {
            if !value.isEmpty, !Self.isName(Substring(value)) {
                throw failure(
                    "\"\(value)\" is not a label value for \(key) (at most 63 letters, digits, '-', '_' or '.', beginning and ending with a letter or digit)"
                )
            }
        }

        private static func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }

        private static func isName(_ name: Substring) -> Bool {
            let bytes = Array(name.utf8)
            guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
            return isAlphanumeric(first) && isAlphanumeric(last)
                && bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
        }

        private static func isSubdomain(_ prefix: Substring) -> Bool {
            guard !prefix.isEmpty, prefix.utf8.count <= 253 else { return false }
            return prefix.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
                let bytes = Array(label.utf8)
                guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
                func lowerAlphanumeric(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) }
                return lowerAlphanumeric(first) && lowerAlphanumeric(last)
                    && bytes.allSatisfy { lowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
            }
        }
    }
}
