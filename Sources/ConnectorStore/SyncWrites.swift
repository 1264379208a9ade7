import ConnectorModel
import Foundation

/// An endpoint's sync bookkeeping.
public struct SyncState: Sendable, Hashable {
    /// The engine's cursor (JSON), if any.
    public var cursor: String?
    /// When the last full listing completed.
    public var lastFullSyncAt: Date?

    /// Creates a state.
    public init(cursor: String? = nil, lastFullSyncAt: Date? = nil) {
        self.cursor = cursor
        self.lastFullSyncAt = lastFullSyncAt
    }
}

/// One page for ``SyncJournal/applySyncPages(_:)``.
public struct SyncPageWrite: Sendable {
    /// The endpoint.
    public var endpoint: String
    /// Files seen, with their content hash set; no id twice (byte for byte, see ``FileIDKey``): the sync engine
    /// keeps a repeated file's last form.
    public var files: [CatalogFile]
    /// Ids to mark removed (gone at the source, or now out of the endpoint's scope).
    public var removedIDs: [String]
    /// Folders to record (or re-record, with a new path) for later change-feed listings.
    public var folders: [CatalogFolder]
    /// Folders gone from the endpoint's subtree: each, every recorded folder below it, and every present file
    /// whose parents include one of them are removed. Applied after the page's files, folders and `removedIDs`.
    public var removedFolderIDs: [String]
    /// When the page was seen: first/last seen and removal times.
    public var seenAt: Date
    /// The correlation id of the run writing the page, carried by the page's file events.
    public var correlationID: String?
    /// The cursor that resumes after this page; nil leaves the stored one.
    public var cursor: String?
    /// The start of the full listing the page belongs to, or nil for a page of changes. A listing's files found
    /// unchanged are not rewritten: the page records them as sightings of the listing, which
    /// ``SyncJournal/completeListing(endpoint:listingStartedAt:ending:cursor:at:correlationID:)`` reads. A page of changes
    /// marks its unchanged files seen at `seenAt`. Kept to the whole millisecond (as a resumed listing's cursor has it).
    public var listingStartedAt: Date? {
        didSet { listingStartedAt = listingStartedAt.map(Timestamp.wholeMilliseconds) }
    }

    /// Creates a page write.
    public init(
        endpoint: String, files: [CatalogFile], removedIDs: [String] = [], folders: [CatalogFolder] = [],
        removedFolderIDs: [String] = [], seenAt: Date, cursor: String?, listingStartedAt: Date? = nil, correlationID: String? = nil
    ) {
        self.endpoint = endpoint
        self.files = files
        self.removedIDs = removedIDs
        self.folders = folders
        self.removedFolderIDs = removedFolderIDs
        self.seenAt = seenAt
        self.cursor = cursor
        self.correlationID = correlationID
        // Whole milliseconds, as the cursor that resumes the listing keeps its start.
        self.listingStartedAt = listingStartedAt.map(Timestamp.wholeMilliseconds)
    }
}

/// What a page changed.
public struct SyncPageCounts: Sendable, Hashable {
    /// New files, and files that came back.
    public var created = 0
    /// Files whose metadata changed.
    public var updated = 0
    /// Files seen again unchanged (not rewritten).
    public var unchanged = 0
    /// Files marked removed.
    public var removed = 0

    /// Creates counts.
    public init(created: Int = 0, updated: Int = 0, unchanged: Int = 0, removed: Int = 0) {
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.removed = removed
    }

    /// Adds another page's counts.
    public static func += (lhs: inout SyncPageCounts, rhs: SyncPageCounts) {
        lhs.created += rhs.created
        lhs.updated += rhs.updated
        lhs.unchanged += rhs.unchanged
        lhs.removed += rhs.removed
    }
}
