import Foundation

/// A parsed `q` search expression: the subset of Drive's grammar the fake evaluates. Anything else is rejected
/// (400 `Invalid Value`), as Drive rejects what it cannot parse.
///
/// Terms: `'id' in parents`, `trashed = / != true|false`, `mimeType = / != / contains 'x'`,
/// `name = / != / contains 'x'`, `modifiedTime` / `createdTime` compared with an RFC 3339 string; combined with
/// `and`, `or`, `not` and parentheses.
indirect enum FakeDriveQuery: Sendable {
    case inParents(String)
    case trashed(Bool)
    case mimeType(op: String, String)
    case name(op: String, String)
    case time(field: String, op: String, Date)
    case and(FakeDriveQuery, FakeDriveQuery)
    case or(FakeDriveQuery, FakeDriveQuery)
    case not(FakeDriveQuery)

    /// A `q` the fake cannot parse.
    struct Invalid: Error {}

    /// Parses `text`.
    static func parse(_ text: String) throws -> FakeDriveQuery {
        var parser = Parser(tokens: try tokenize(text))
        let query = try parser.orExpression()
        guard parser.index == parser.tokens.count else { throw Invalid() }
        return query
    }

    /// Whether `item` (trashed or not, effectively) matches.
    func matches(_ item: FakeDriveItem, trashed: Bool) -> Bool {
        switch self {
        case .inParents(let id): return item.parents.contains(id)
        case .trashed(let value): return trashed == value
        case .mimeType(let op, let value): return Self.compare(item.mimeType, op, value)
        case .name(let op, let value): return Self.compare(item.name, op, value)
        case .time(let field, let op, let date):
            guard let own = Self.date(field == "modifiedTime" ? item.modifiedTime : item.createdTime) else { return false }
            switch op {
            case "<": return own < date
            case "<=": return own <= date
            case ">": return own > date
            case ">=": return own >= date
            case "=": return own == date
            default: return own != date
            }
        case .and(let left, let right): return left.matches(item, trashed: trashed) && right.matches(item, trashed: trashed)
        case .or(let left, let right): return left.matches(item, trashed: trashed) || right.matches(item, trashed: trashed)
        case .not(let inner): return !inner.matches(item, trashed: trashed)
        }
    }

    /// The parents whose children are the only possible matches, or nil when any item may match.
    var candidateParents: [String]? {
        switch self {
        case .inParents(let id): return [id]
        case .or(let left, let right):
            guard let l = left.candidateParents, let r = right.candidateParents else { return nil }
            return l + r
        case .and(let left, let right): return left.candidateParents ?? right.candidateParents
        default: return nil
        }
    }

    private static func compare(_ own: String, _ op: String, _ value: String) -> Bool {
        switch op {
        case "=": own == value
        case "!=": own != value
        default: own.hasPrefix(value) || own.contains(value)
        }
    }

    static func date(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text + "Z", strategy: .iso8601)
    }

    enum Token: Equatable {
        case word(String)
        case string(String)
        case symbol(String)
    }

    static func tokenize(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == " " || character == "\n" || character == "\t" {
                index += 1
            } else if character == "'" {
                var value = ""
                index += 1
                while true {
                    guard index < characters.count else { throw Invalid() }
                    if characters[index] == "\\", index + 1 < characters.count {
                        value.append(characters[index + 1])
                        index += 2
                    } else if characters[index] == "'" {
                        index += 1
                        break
                    } else {
                        value.append(characters[index])
                        index += 1
                    }
                }
                tokens.append(.string(value))
            } else if "()".contains(character) {
                tokens.append(.symbol(String(character)))
                index += 1
            } else if "=!<>".contains(character) {
                var op = String(character)
                if index + 1 < characters.count, characters[index + 1] == "=" {
                    op.append("=")
                    index += 1
                }
                guard op != "!" else { throw Invalid() }
                tokens.append(.symbol(op))
                index += 1
            } else if character.isLetter {
                var word = ""
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "." {
                    word.append(characters[index])
                    index += 1
                }
                tokens.append(.word(word))
            } else {
                throw Invalid()
            }
        }
        return tokens
    }

    struct Parser {
        let tokens: [Token]
        var index = 0

        mutating func orExpression() throws -> FakeDriveQuery {
            var left = try andExpression()
            while take(.word("or")) { left = .or(left, try andExpression()) }
            return left
        }

        mutating func andExpression() throws -> FakeDriveQuery {
            var left = try unary()
            while take(.word("and")) { left = .and(left, try unary()) }
            return left
        }

        mutating func unary() throws -> FakeDriveQuery {
            if take(.word("not")) { return .not(try unary()) }
            if take(.symbol("(")) {
                let inner = try orExpression()
                guard take(.symbol(")")) else { throw Invalid() }
                return inner
            }
            return try term()
        }

        mutating func term() throws -> FakeDriveQuery {
            guard index < tokens.count else { throw Invalid() }
            let first = tokens[index]
            index += 1
            if case .string(let value) = first {
                guard take(.word("in")), take(.word("parents")) else { throw Invalid() }
                return .inParents(value)
            }
            guard case .word(let field) = first, index < tokens.count else { throw Invalid() }
            let opToken = tokens[index]
            index += 1
            let op: String
            switch opToken {
            case .symbol(let symbol): op = symbol
            case .word("contains"): op = "contains"
            default: throw Invalid()
            }
            guard index < tokens.count else { throw Invalid() }
            let value = tokens[index]
            index += 1
            switch (field, value) {
            case ("trashed", .word(let literal)) where (op == "=" || op == "!=") && (literal == "true" || literal == "false"):
                return .trashed((literal == "true") == (op == "="))
            case ("mimeType", .string(let text)) where ["=", "!=", "contains"].contains(op):
                return .mimeType(op: op, text)
            case ("name", .string(let text)) where ["=", "!=", "contains"].contains(op):
                return .name(op: op, text)
            case ("modifiedTime", .string(let text)), ("createdTime", .string(let text)):
                guard ["<", "<=", "=", "!=", ">", ">="].contains(op), let date = FakeDriveQuery.date(text) else { throw Invalid() }
                return .time(field: field, op: op, date)
            default:
                throw Invalid()
            }
        }

        mutating func take(_ token: Token) -> Bool {
            guard index < tokens.count, tokens[index] == token else { return false }
            index += 1
            return true
        }
    }
}
