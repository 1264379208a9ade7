import ConnectorModel
import Foundation

/// The store behind the catalog: endpoints, files, sync runs and cursors.
///
/// Two implementations pass one conformance suite (`StoreConformance` in the test support target):
/// SQLite (embedded default) and PostgreSQL (production, several replicas). Every write that must
/// not interleave with another process's (a reconcile) runs under the store's exclusive lock.
public protocol CatalogStore: Sendable {
    /// A description safe to print: the SQLite path, or the PostgreSQL URL without its password.
    var description: String { get }

    /// Applies pending migrations and returns the ones applied now.
    /// - Throws: ``StoreError`` when the store was written by a newer binary, or is unusable.
    func migrate() async throws -> [StoreMigration]

    /// The migrations already applied, oldest first.
    func appliedMigrations() async throws -> [StoreMigration]

    /// The migrations this binary knows and the store lacks, oldest first (all of them for a store never migrated);
    /// reads only.
    /// - Throws: ``StoreError`` when the store was written by a newer binary, or is unusable.
    func pendingMigrations() async throws -> [StoreMigration]

    /// Every endpoint, retired ones included.
    func snapshot() async throws -> StoreSnapshot

    /// The endpoint named `name` (retired or not), or nil: one row, not the snapshot.
    func endpoint(named name: String) async throws -> StoredEndpoint?

    /// Reads the snapshot, lets `decide` turn it into writes, and applies them, all in one transaction
    /// under an exclusive lock: two reconciles on one store never interleave.
    /// - Returns: what `decide` returned.
    func reconcile<Decision: Sendable>(
        _ decide: @Sendable (StoreSnapshot) throws -> (writes: [EndpointWrite], decision: Decision)
    ) async throws -> Decision

    /// Per-endpoint file counts by state.
    func fileCounts() async throws -> [String: FileCounts]

    /// Hands `body` the cataloged files, optionally of one endpoint, ordered by endpoint and path, at most `limit`,
    /// one at a time as they are read: memory stays flat however many there are. `body` runs while the store is
    /// being read (on a store thread, never concurrently with itself); keep it to formatting and writing.
    func forEachFile(endpoint: String?, limit: Int?, _ body: @escaping @Sendable (CatalogFile) throws -> Void) async throws

    /// The files of `endpoint` among `ids` (present or removed), in no particular order.
    func files(endpoint: String, ids: [String]) async throws -> [CatalogFile]

    /// Sync runs, newest first, optionally of one endpoint.
    func syncRuns(endpoint: String?, limit: Int?) async throws -> [SyncRunRecord]

    // MARK: Sync

    /// The endpoint's cursor and when its last complete full listing was.
    func syncState(endpoint: String) async throws -> SyncState

    /// Records a run as `running` and returns its id. Runs of the same endpoint still marked `running` are ended as
    /// `failed` with ``SyncRunRecord/interruptedError`` in the same transaction: only the holder of the endpoint's
    /// sync lease starts runs, so their processes are gone.
    func startSyncRun(_ run: SyncRunRecord) async throws -> Int64

    /// Applies one page in one transaction: inserts new files, rewrites changed ones, marks the
    /// unchanged ones seen, records the page's folders, marks `removedIDs` removed, removes the subtrees
    /// of `removedFolderIDs`, and stores the cursor that covers the page.
    func applySyncPage(_ page: SyncPageWrite) async throws -> SyncPageCounts

    /// A folder recorded for `endpoint` by an earlier page, or nil.
    func folder(endpoint: String, id: String) async throws -> CatalogFolder?

    /// The folders recorded for `endpoint` since `time` (the start of a full listing), each with
    /// ``CatalogFolder/childrenListed`` saying whether a page since then reported all its children.
    func folders(endpoint: String, seenSince time: Date) async throws -> [CatalogFolder]

    /// After a complete full listing: marks removed every present file not seen since
    /// `listingStartedAt`, forgets the folders not seen since then, and stores `cursor`, in one
    /// transaction. Returns how many files were removed.
    func sweepUnseen(endpoint: String, listingStartedAt: Date, cursor: String, at time: Date) async throws -> Int

    // MARK: Leases

    /// Takes `endpoint`'s sync lease for `owner` until `expiresAt`, unless another owner holds one that has not
    /// expired at `now`; with `onlyIfDue`, also only when the endpoint is active and due at `now`. Check and take
    /// happen in one transaction, so of several processes racing for one due sync exactly one wins.
    /// `staleOwner` names a holder known to be dead (a killed process on this host): its lease is taken over even
    /// before it expires.
    /// - Returns: Whether `owner` holds the lease now.
    func claimSyncLease(
        endpoint: String, owner: String, now: Date, expiresAt: Date, onlyIfDue: Bool, staleOwner: String?
    ) async throws -> Bool

    /// Who holds `endpoint`'s sync lease, if anyone (expired leases included).
    func syncLeaseHolder(endpoint: String) async throws -> String?

    /// Extends the lease `owner` holds on `endpoint`; false when it no longer holds it.
    func renewSyncLease(endpoint: String, owner: String, expiresAt: Date) async throws -> Bool

    /// Gives up the lease `owner` holds on `endpoint`, if any.
    func releaseSyncLease(endpoint: String, owner: String) async throws

    /// Records how the run ended (its mode, once known, included), the endpoint's last sync and next due time (kept nil for an endpoint
    /// that is no longer active), and when a full listing completed.
    func finishSyncRun(_ run: SyncRunRecord, nextSyncAt: Date?, fullListingCompletedAt: Date?) async throws
}

/// How many files an endpoint has, by state.
public struct FileCounts: Sendable, Hashable {
    /// Files present at the source.
    public var present: Int
    /// Files seen before and gone since.
    public var removed: Int

    /// Creates counts.
    public init(present: Int = 0, removed: Int = 0) {
        self.present = present
        self.removed = removed
    }
}

extension CatalogStore {
    /// Cataloged files, optionally of one endpoint, ordered by endpoint and path, all in memory (``forEachFile``
    /// for any number of them).
    public func files(endpoint: String?, limit: Int?) async throws -> [CatalogFile] {
        let collected = CollectedFiles()
        try await forEachFile(endpoint: endpoint, limit: limit) { collected.append($0) }
        return collected.files
    }
}

/// The files ``CatalogStore/files(endpoint:limit:)`` gathers from a store thread.
private final class CollectedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var gathered: [CatalogFile] = []

    func append(_ file: CatalogFile) {
        lock.withLock { gathered.append(file) }
    }

    var files: [CatalogFile] { lock.withLock { gathered } }
}
