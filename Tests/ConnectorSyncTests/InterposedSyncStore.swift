import ConnectorModel
import ConnectorStore
import ConnectorSync
import Foundation
import NIOConcurrencyHelpers

/// A real store with faults and delays put between a sync and it: `finishSyncRun` answers "unreachable" the first
/// `failingEnds` times, as a PostgreSQL server restarting just as a run ends would, and every `applySyncPages` waits
/// `pageDelay` first (a store slower than the listing) and is recorded by its number of pages. Everything else goes
/// straight to the store underneath. It is a ``SyncStore`` only: the seams a sync does not use need no forwarding.
final class InterposedSyncStore: SyncStore {
    private let store: any CatalogStore
    private let attempts = NIOLockedValueBox(0)
    private let batches = NIOLockedValueBox<[Int]>([])
    private let listingEndings = NIOLockedValueBox<[ListingEnding]>([])
    private let failingEnds: Int
    private let pageDelay: Duration

    init(_ store: any CatalogStore, failingEnds: Int = 0, pageDelay: Duration = .zero) {
        self.store = store
        self.failingEnds = failingEnds
        self.pageDelay = pageDelay
    }

    /// Calls of `finishSyncRun` so far, refused ones included.
    var endAttempts: Int { attempts.withLockedValue { $0 } }

    /// How each full listing so far ended.
    var endings: [ListingEnding] { listingEndings.withLockedValue { $0 } }

    /// The number of pages of each `applySyncPages` call so far.
    var pageBatches: [Int] { batches.withLockedValue { $0 } }

    func finishSyncRun(_ run: SyncRunRecord, nextSyncAt: Date?, fullListingCompletedAt: Date?) async throws {
        let attempt = attempts.withLockedValue { count in
            count += 1
            return count
        }
        guard attempt > failingEnds else {
            throw StoreError(.unreachable, store: store.description, "connection refused (injected, attempt \(attempt))")
        }
        try await store.finishSyncRun(run, nextSyncAt: nextSyncAt, fullListingCompletedAt: fullListingCompletedAt)
    }

    func fileCounts() async throws -> [String: FileCounts] { try await store.fileCounts() }
    func forEachFile(endpoint: String?, limit: Int?, _ body: @escaping @Sendable (CatalogFile) throws -> Void) async throws {
        try await store.forEachFile(endpoint: endpoint, limit: limit, body)
    }
    func files(endpoint: String, ids: [String]) async throws -> [CatalogFile] { try await store.files(endpoint: endpoint, ids: ids) }
    func syncRuns(endpoint: String?, limit: Int?) async throws -> [SyncRunRecord] {
        try await store.syncRuns(endpoint: endpoint, limit: limit)
    }
    func syncState(endpoint: String) async throws -> SyncState { try await store.syncState(endpoint: endpoint) }
    func startSyncRun(_ run: SyncRunRecord) async throws -> Int64 { try await store.startSyncRun(run) }
    func applySyncPages(_ pages: [SyncPageWrite]) async throws -> SyncPageCounts {
        batches.withLockedValue { $0.append(pages.count) }
        if pageDelay > .zero { try await Task.sleep(for: pageDelay) }
        return try await store.applySyncPages(pages)
    }
    func folder(endpoint: String, id: String) async throws -> CatalogFolder? { try await store.folder(endpoint: endpoint, id: id) }
    func folders(endpoint: String, seenSince time: Date) async throws -> [CatalogFolder] {
        try await store.folders(endpoint: endpoint, seenSince: time)
    }
    func completeListing(
        endpoint: String, listingStartedAt: Date, ending: ListingEnding, cursor: String, at time: Date, correlationID: String?
    ) async throws -> Int {
        listingEndings.withLockedValue { $0.append(ending) }
        return try await store.completeListing(
            endpoint: endpoint, listingStartedAt: listingStartedAt, ending: ending, cursor: cursor, at: time,
            correlationID: correlationID)
    }
    func claimSyncLease(
        endpoint: String, owner: String, now: Date, expiresAt: Date, onlyIfDue: Bool, staleOwner: String?
    ) async throws -> Bool {
        try await store.claimSyncLease(
            endpoint: endpoint, owner: owner, now: now, expiresAt: expiresAt, onlyIfDue: onlyIfDue, staleOwner: staleOwner)
    }
    func syncLeaseHolder(endpoint: String) async throws -> String? { try await store.syncLeaseHolder(endpoint: endpoint) }
    func renewSyncLease(endpoint: String, owner: String, expiresAt: Date) async throws -> Bool {
        try await store.renewSyncLease(endpoint: endpoint, owner: owner, expiresAt: expiresAt)
    }
    func releaseSyncLease(endpoint: String, owner: String) async throws {
        try await store.releaseSyncLease(endpoint: endpoint, owner: owner)
    }
}
