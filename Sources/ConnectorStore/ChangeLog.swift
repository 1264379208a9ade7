import Foundation

/// Which events a read of the change log wants.
public struct ChangeQuery: Sendable, Hashable {
    /// Only events after this sequence number (0: from the oldest kept).
    public var after: Int64
    /// Only events at or after this time.
    public var since: Date?
    /// Only events of this endpoint.
    public var endpoint: String?
    /// Only events of these types (nil: all).
    public var types: Set<ChangeEventType>?
    /// At most this many.
    public var limit: Int

    /// Creates a query.
    public init(after: Int64 = 0, since: Date? = nil, endpoint: String? = nil, types: Set<ChangeEventType>? = nil, limit: Int = 1000) {
        self.after = after
        self.since = since
        self.endpoint = endpoint
        self.types = types
        self.limit = limit
    }
}

/// The store's outbox: every change it committed, in commit order (see ``ChangeEvent``).
public protocol ChangeLog: Sendable {
    /// The events `query` asks for, oldest first.
    func changes(_ query: ChangeQuery) async throws -> [ChangeEvent]

    /// The newest event's sequence number, or 0 when there is none.
    func latestChangeSequence() async throws -> Int64
}
