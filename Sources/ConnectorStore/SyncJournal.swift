import ConnectorModel
import Foundation

/// What a sync run writes and reads back as it goes: its run record, its pages with their cursors, the folders
/// they report, and the sweep that ends a complete full listing.
public protocol SyncJournal: Sendable {
    /// The endpoint's cursor and when its last complete full listing was.
    func syncState(endpoint: String) async throws -> SyncState

    /// Records a run as `running` and returns its id. Runs of the same endpoint still marked `running` are ended as
    /// `failed` with ``SyncRunRecord/interruptedError`` in the same transaction: only the holder of the endpoint's
    /// sync lease starts runs, so their processes are gone.
    func startSyncRun(_ run: SyncRunRecord) async throws -> Int64

    /// Applies pages in order, each as a whole with the cursor that covers it: inserts new files, rewrites changed
    /// ones, records the unchanged ones as seen (as sightings of the page's listing, or marked seen at the page's time
    /// for a page of changes), records the page's folders, marks `removedIDs` removed, removes the subtrees of
    /// `removedFolderIDs`, and stores the page's cursor. A store may commit several pages in one transaction (fewer
    /// commits rewrite the same index pages fewer times) or each in its own; either way no page is committed without
    /// its cursor, nor a cursor without the pages before it. Returns the pages' counts added up.
    func applySyncPages(_ pages: [SyncPageWrite]) async throws -> SyncPageCounts

    /// A folder recorded for `endpoint` by an earlier page, or nil.
    func folder(endpoint: String, id: String) async throws -> CatalogFolder?

    /// The folders recorded for `endpoint` since `time` (the start of a full listing), each with
    /// ``CatalogFolder/childrenListed`` saying whether a page since then reported all its children.
    func folders(endpoint: String, seenSince time: Date) async throws -> [CatalogFolder]

    /// Ends a full listing that reached its last page, in one transaction. When it sweeps (``ListingEnding/sweep``: the
    /// provider vouched for the listing), every present file neither written nor sighted since `listingStartedAt` is
    /// marked removed, the folders not seen since then are forgotten, and the listing becomes the endpoint's last swept
    /// one: every file it left present was seen by it, so a present file's ``CatalogFile/lastSeenAt`` is the later of
    /// when a page last wrote it and that listing's start. ``ListingEnding/sweepAfterEmptyStart`` does the same without
    /// looking for unseen files, which a listing that began on an empty catalog cannot leave. With
    /// ``ListingEnding/keepUnseen`` (the listing cannot speak for what it did not see), nothing is removed or
    /// forgotten, and each file the listing sighted is marked seen at `listingStartedAt`. Either way the listing's
    /// sightings (and those of any listing abandoned before it) are dropped and `cursor` is stored. Returns how many
    /// files were removed; each removal is a `file.removed` event carrying `correlationID`.
    func completeListing(
        endpoint: String, listingStartedAt: Date, ending: ListingEnding, cursor: String, at time: Date, correlationID: String?
    )
        async throws -> Int

    /// Records how the run ended (its mode, once known, included), the endpoint's last sync and next due time (kept nil
    /// for an endpoint that is no longer active), and when a full listing completed.
    func finishSyncRun(_ run: SyncRunRecord, nextSyncAt: Date?, fullListingCompletedAt: Date?) async throws
}

extension SyncJournal {
    /// Applies one page in one transaction (see ``applySyncPages(_:)``).
    public func applySyncPage(_ page: SyncPageWrite) async throws -> SyncPageCounts {
        try await applySyncPages([page])
    }
}
