import ConnectorHTTPTestSupport

/// Delta tokens, enumeration snapshots and the knobs that shape delta pages.
struct FakeGraphDeltaState {
    /// Where a token leads.
    enum Cursor {
        /// The next page of a listing taken at its first page: a full enumeration or a change list.
        case page(snapshot: Int, offset: Int, upTo: Int)
        /// A deltaLink's token: changes after sequence number `since`.
        case since(Int)
    }

    /// One issued token.
    struct Token {
        var drive: String
        var serial: Int
        var cursor: Cursor
    }

    var tokens: [String: Token] = [:]
    var snapshots: [Int: [String]] = [:]
    var nextSnapshot = 1
    var serial = 0
    /// Tokens with a smaller serial answer 410.
    var expiredBelow = 0
    var expiredWithLocation = true
    var duplicateRate = 0.02
    var outOfOrderRate = 0.05
    var shapeRandom = SeededRandomSource(seed: 5)
    var linkRandom = SeededRandomSource(seed: 3)
    var placementRandom = SeededRandomSource(seed: 7)
    /// What every delta page's body goes through before it is sent (``FakeMicrosoftGraph/tamperWithDeltaPages(_:)``).
    var tamper: (@Sendable ([UInt8]) -> [UInt8])?

    /// At most this many listings are kept; an older page token then answers 410.
    static let snapshotLimit = 64

    mutating func store(_ ids: [String]) -> Int {
        let id = nextSnapshot
        nextSnapshot += 1
        snapshots[id] = ids
        if snapshots.count > Self.snapshotLimit, let oldest = snapshots.keys.min() { snapshots[oldest] = nil }
        return id
    }

    /// A new opaque token for `cursor`.
    mutating func issue(_ cursor: Cursor, drive: String, ids: FakeGraphIDs) -> String {
        serial += 1
        let text = FakeMicrosoftGraph.base64URL(Array("1;\(serial);\(ids.base64URL(18))".utf8))
        tokens[text] = Token(drive: drive, serial: serial, cursor: cursor)
        return text
    }
}
