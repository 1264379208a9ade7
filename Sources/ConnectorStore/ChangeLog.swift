import ConnectorModel
import Foundation

/// Which events a read of the change log wants.
public struct ChangeQuery: Sendable, Hashable {
    /// Only events after this sequence number (0: from the oldest kept).
    public var after: Int64
    /// Only events at or after this time.
    public var since: Date?
    /// Only events of this endpoint.
    public var endpoint: String?
    /// Only events of these endpoints (nil: of any), as a label selector picked them
    /// (``EndpointCatalog/endpointNames(selectedBy:)``).
    public var endpoints: Set<String>?
    /// Only events of these types (nil: all).
    public var types: Set<ChangeEventType>?
    /// At most this many.
    public var limit: Int

    /// Creates a query.
    public init(
        after: Int64 = 0, since: Date? = nil, endpoint: String? = nil, endpoints: Set<String>? = nil, types: Set<ChangeEventType>? = nil,
        limit: Int = 1000
    ) {
        self.after = after
        self.since = since
        self.endpoint = endpoint
        self.endpoints = endpoints
        self.types = types
        self.limit = limit
    }
}

/// How long the change log keeps events: those older than ``maxAge`` and those beyond the newest ``maxCount`` go
/// when it is compacted.
public struct ChangeRetention: Sendable, Hashable {
    /// Events older than this go (nil: no limit by age).
    public var maxAge: Duration?
    /// Only this many of the newest events stay (nil: no limit by count).
    public var maxCount: Int?

    /// Creates a retention.
    public init(maxAge: Duration? = nil, maxCount: Int? = nil) {
        self.maxAge = maxAge
        self.maxCount = maxCount
    }
}

/// The store's outbox: every change it committed, in commit order (see ``ChangeEvent``).
public protocol ChangeLog: Sendable {
    /// The events `query` asks for, oldest first.
    /// - Throws: ``StoreError`` ``StoreError/Code/expired`` when `query.after` is a cursor (above 0) that events the
    ///   store no longer keeps followed: reading on would skip them without a word.
    func changes(_ query: ChangeQuery) async throws -> [ChangeEvent]

    /// Deletes the events `retention` no longer keeps, as of `now`, and remembers the newest sequence number deleted
    /// (cursors below it are expired). Returns how many went.
    func compactChanges(keeping retention: ChangeRetention, now: Date) async throws -> Int

    /// The newest sequence number compaction has deleted, or 0: a cursor below it has lost events.
    func compactedChangeSequence() async throws -> Int64

    /// The newest event's sequence number, or 0 when there is none.
    func latestChangeSequence() async throws -> Int64
}

extension StoreError {
    /// The answer to a cursor that compaction overtook.
    public static func expiredCursor(_ after: Int64, compactedThrough: Int64, store: String) -> StoreError {
        StoreError(
            .expired, store: store,
            "changes after \(after) are no longer kept (the store keeps those after \(compactedThrough)): start from now, or from \(compactedThrough), and resync what you derive from them"
        )
    }
}
