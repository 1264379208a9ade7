import Foundation

/// A JSON object that remembers the order its members were written in.
///
/// Iteration follows insertion order so callers can print members as they appear in the
/// file; equality ignores order, as JSON does. Small objects are searched linearly, larger
/// ones through a hash index. Member names are matched as Swift strings, so two names that
/// differ only in Unicode normalization count as the same member.
public struct JSONObject: Sendable {
    /// Objects up to this size are searched linearly instead of through `index`.
    private static let linearSearchLimit = 8

    /// Member names in insertion order.
    public private(set) var keys: [String]
    /// Member values, parallel to `keys`.
    public private(set) var values: [JSONValue]
    private var index: [String: Int]?

    /// Creates an empty object.
    public init() {
        keys = []
        values = []
        index = nil
    }

    /// Creates an object from members in order; a repeated name keeps its first position
    /// and its last value.
    public init<S: Sequence>(_ members: S) where S.Element == (String, JSONValue) {
        self.init()
        for (key, value) in members {
            self[key] = value
        }
    }

    /// The number of members.
    public var count: Int { keys.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value of the member named `key`; assigning `nil` removes the member,
    /// assigning to a new name appends it.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return values[position]
        }
        set {
            if let newValue {
                if let position = position(of: key) {
                    values[position] = newValue
                } else {
                    append(key, newValue)
                }
            } else if let position = position(of: key) {
                keys.remove(at: position)
                values.remove(at: position)
                rebuildIndex()
            }
        }
    }

    /// Whether a member named `key` exists.
    public func contains(_ key: String) -> Bool {
        position(of: key) != nil
    }

    /// The members as a plain dictionary (order is lost).
    public var dictionary: [String: JSONValue] {
        Dictionary(zip(keys, values), uniquingKeysWith: { _, last in last })
    }

    /// Appends a member known not to exist yet (the parser checks for duplicates first).
    mutating func append(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values.append(value)
        if index != nil {
            index?[key] = keys.count - 1
        } else if keys.count > JSONObject.linearSearchLimit {
            rebuildIndex()
        }
    }

    private func position(of key: String) -> Int? {
        if let index {
            return index[key]
        }
        return keys.firstIndex(of: key)
    }

    private mutating func rebuildIndex() {
        guard keys.count > JSONObject.linearSearchLimit else {
            index = nil
            return
        }
        var table: [String: Int] = [:]
        table.reserveCapacity(keys.count)
        for (position, key) in keys.enumerated() {
            table[key] = position
        }
        index = table
    }
}

extension JSONObject: Sequence {
    /// Iterates the members in insertion order.
    public struct Iterator: IteratorProtocol {
        private let object: JSONObject
        private var position = 0

        fileprivate init(_ object: JSONObject) {
            self.object = object
        }

        /// The next member as a `(key, value)` pair.
        public mutating func next() -> (key: String, value: JSONValue)? {
            guard position < object.keys.count else { return nil }
            defer { position += 1 }
            return (object.keys[position], object.values[position])
        }
    }

    /// Returns an iterator over the members in insertion order.
    public func makeIterator() -> Iterator {
        Iterator(self)
    }

    /// The number of members (lets `Array(object)` reserve capacity).
    public var underestimatedCount: Int { keys.count }
}

extension JSONObject: Equatable {
    /// Objects are equal when they have the same member names with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs {
            guard let other = rhs[key], other == value else { return false }
        }
        return true
    }
}

extension JSONObject: Hashable {
    /// Hashes the members independently of their order.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for (key, value) in self {
            var memberHasher = Hasher()
            memberHasher.combine(key)
            memberHasher.combine(value)
            combined ^= memberHasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Creates an object whose members keep the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
