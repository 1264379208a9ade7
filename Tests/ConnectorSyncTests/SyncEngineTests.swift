import ConnectorModel
import ConnectorPlan
import ConnectorProvider
import ConnectorProviderLocal
import ConnectorStore
import ConnectorStorePostgres
import ConnectorStoreSQLite
import ConnectorTestSupport
import Foundation
import Synchronization
import Testing

@testable import ConnectorSync

/// The sync engine against a real store (SQLite and PostgreSQL) and an in-memory source with a change feed.
@Suite struct SyncEngineTests {
    enum StoreKind: String, CaseIterable, Sendable { case sqlite, postgres }

    /// Runs `body` with a fresh store of `kind` holding one active endpoint named `photos`.
    func withStore(
        _ kind: StoreKind, filters: FileFilters? = nil, mode: String? = nil, timeout: String? = nil,
        _ body: @Sendable (any CatalogStore, StoredEndpoint) async throws -> Void
    ) async throws {
        var spec = EndpointSpec(
            provider: .local, local: LocalSource(path: "/unused"), filters: filters, schedule: ScheduleSpec(interval: "15m"))
        if mode != nil || timeout != nil { spec.sync = SyncSettings(mode: mode, timeout: timeout) }
        let endpoint = try Endpoint(name: "photos", spec: spec, origin: SourceLocation(file: "/m/photos.yaml", line: 1))
        let desired = DesiredEndpoint(endpoint)
        let plan = Planner().plan(desired: [desired], sinks: [], snapshot: .empty, now: Date())
        let record = try #require(plan.writes.first?.record)
        switch kind {
        case .sqlite:
            let directory = try TemporaryDirectory()
            let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
            _ = try await store.reconcile { _ in (plan.reconcileWrites, ()) }
            try await body(store, record)
            try store.close()
        case .postgres:
            let location = try PostgresLocation(parsing: try await PostgresTestDatabase.create())
            try await PostgresCatalogStore.withStore(location) { store in
                _ = try await store.reconcile { _ in (plan.reconcileWrites, ()) }
                try await body(store, record)
            }
        }
    }

    static func file(_ id: String, size: Int64 = 10, version: String = "1") -> FileMetadata {
        FileMetadata(id: id, name: id, path: "dir/\(id).pdf", mimeType: "application/pdf", size: size, version: version)
    }

    static func engine(_ store: any CatalogStore, _ source: InMemoryFileSource) -> SyncEngine {
        SyncEngine(store: store, registry: ProviderRegistry().registering(.local) { _ in source }, environment: [:])
    }

    /// The catalog's present files by id, and the removed ids.
    static func catalog(_ store: any CatalogStore) async throws -> (present: [String: CatalogFile], removed: Set<String>) {
        let files = try await store.files(endpoint: "photos", limit: nil)
        return (
            Dictionary(uniqueKeysWithValues: files.filter { $0.state == .present }.map { ($0.fileID, $0) }),
            Set(files.filter { $0.state == .removed }.map(\.fileID))
        )
    }

    @Test(arguments: StoreKind.allCases)
    func fullThenIncrementalCountsEveryChange(kind: StoreKind) async throws {
        try await withStore(kind) { store, endpoint in
            let source = InMemoryFileSource(files: (0..<2500).map { Self.file(String(format: "f%05d", $0)) })
            let engine = Self.engine(store, source)
            let first = try await engine.sync(endpoint, trigger: .manual)
            #expect(first.status == .succeeded)
            #expect(first.mode == .full)
            #expect(first.created == 2500 && first.updated == 0 && first.removed == 0)
            #expect(first.requests == 3, "pages of 1000")

            source.put(Self.file("f00001", version: "2"))
            source.put(Self.file("new"))
            source.delete("f00002")
            let second = try await engine.sync(try await Self.current(store), trigger: .schedule)
            #expect(second.mode == .incremental)
            #expect((second.created, second.updated, second.removed) == (1, 1, 1))

            let third = try await engine.sync(try await Self.current(store), trigger: .schedule)
            #expect((third.created, third.updated, third.unchanged, third.removed) == (0, 0, 0, 0), "nothing changed")

            let (present, removed) = try await Self.catalog(store)
            #expect(present.count == 2500)
            #expect(removed == ["f00002"])
            #expect(present["f00001"]?.metadata.version == "2")
            let runs = try await store.syncRuns(endpoint: "photos", limit: nil)
            #expect(runs.map(\.status) == [.succeeded, .succeeded, .succeeded])
            #expect(runs.last?.correlationID.isEmpty == false)
            let stored = try await Self.current(store)
            #expect(stored.lastSyncStatus == .succeeded)
            #expect(stored.nextSyncAt.map { $0 > stored.lastSyncAt ?? .distantFuture } == true, "next sync scheduled after the last start")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFullListingUnchangedRewritesNothingAndSweepsWhatIsGone(kind: StoreKind) async throws {
        try await withStore(kind, mode: "full") { store, endpoint in
            let source = InMemoryFileSource(files: (0..<50).map { Self.file("f\($0)") }, changeFeed: false)
            let engine = Self.engine(store, source)
            _ = try await engine.sync(endpoint, trigger: .manual)
            let before = try await Self.catalog(store).present
            source.delete("f7")
            let run = try await engine.sync(try await Self.current(store), trigger: .manual)
            #expect(run.mode == .full)
            #expect((run.created, run.updated, run.unchanged, run.removed) == (0, 0, 49, 1))
            let after = try await Self.catalog(store)
            #expect(after.removed == ["f7"])
            #expect(after.present["f8"]?.firstSeenAt == before["f8"]?.firstSeenAt)
            #expect(after.present["f8"]!.lastSeenAt > before["f8"]!.lastSeenAt, "seen again")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func filesOutOfScopeAreNotCatalogedAndIncrementalChangesRespectFilters(kind: StoreKind) async throws {
        try await withStore(kind, filters: FileFilters(maxSizeBytes: 100)) { store, endpoint in
            let source = InMemoryFileSource(files: [Self.file("small"), Self.file("big", size: 1000)])
            let engine = Self.engine(store, source)
            _ = try await engine.sync(endpoint, trigger: .manual)
            #expect(try await Self.catalog(store).present.keys.sorted() == ["small"])
            source.put(Self.file("small", size: 5000))
            let run = try await engine.sync(try await Self.current(store), trigger: .manual)
            #expect(run.removed == 1, "a file that grew out of scope is removed")
            #expect(try await Self.catalog(store).present.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anExpiredChangeTokenFallsBackToAFullListing(kind: StoreKind) async throws {
        try await withStore(kind) { store, endpoint in
            let source = InMemoryFileSource(files: [Self.file("a"), Self.file("b")])
            let engine = Self.engine(store, source)
            _ = try await engine.sync(endpoint, trigger: .manual)
            source.delete("b")
            source.expireTokens()
            let run = try await engine.sync(try await Self.current(store), trigger: .manual)
            #expect(run.status == .succeeded)
            #expect(run.removed == 1, "the sweep of the fallback full listing found the removal")
            #expect(try await Self.catalog(store).removed == ["b"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFailedListingResumesFromTheLastCommittedPage(kind: StoreKind) async throws {
        try await withStore(kind) { store, endpoint in
            let source = InMemoryFileSource(files: (0..<3500).map { Self.file(String(format: "f%05d", $0)) })
            source.failAfterPages = (2, ProviderError(.unavailable, "the provider went away"))
            let engine = Self.engine(store, source)
            let failed = try await engine.sync(endpoint, trigger: .manual)
            #expect(failed.status == .failed)
            #expect(failed.error == "the provider went away")
            #expect(failed.created == 2000, "two pages committed")
            source.delete("f00010")  // already cataloged: the resumed listing's sweep must remove it
            let resumed = try await engine.sync(try await Self.current(store), trigger: .manual)
            #expect(resumed.status == .succeeded)
            #expect(resumed.created == 1500, "resumed after the last committed page: nothing listed twice")
            #expect(resumed.removed == 0, "f00010 was seen by the first attempt of this listing")
            let (present, _) = try await Self.catalog(store)
            #expect(present.count == 3500)
        }
    }

    /// A first listing, begun on an empty catalog, ends without looking for unseen files; a later full listing, and a
    /// first listing resumed by another run (whose earlier pages it did not write), sweep.
    @Test(arguments: StoreKind.allCases)
    func onlyAListingBegunOnAnEmptyCatalogSkipsTheSearchForUnseenFiles(kind: StoreKind) async throws {
        try await withStore(kind) { store, endpoint in
            let source = InMemoryFileSource(files: (0..<2500).map { Self.file(String(format: "f%05d", $0)) })
            let interposed = InterposedSyncStore(store)
            let engine = SyncEngine(store: interposed, registry: ProviderRegistry().registering(.local) { _ in source }, environment: [:])
            let first = try await engine.sync(endpoint, trigger: .manual)
            #expect(first.status == .succeeded && first.created == 2500 && first.removed == 0, "\(first)")
            #expect(interposed.endings == [.sweepAfterEmptyStart])
            source.delete("f00007")
            let again = try await engine.sync(try await Self.current(store), trigger: .manual, forceFull: true)
            #expect(again.removed == 1 && interposed.endings == [.sweepAfterEmptyStart, .sweep], "\(again), \(interposed.endings)")
            #expect(try await Self.catalog(store).removed == ["f00007"])
        }
        try await withStore(kind) { store, endpoint in
            let source = InMemoryFileSource(files: (0..<2500).map { Self.file(String(format: "f%05d", $0)) })
            source.failAfterPages = (1, ProviderError(.unavailable, "the provider went away"))
            let interposed = InterposedSyncStore(store)
            let engine = SyncEngine(store: interposed, registry: ProviderRegistry().registering(.local) { _ in source }, environment: [:])
            #expect(try await engine.sync(endpoint, trigger: .manual).status == .failed)
            let resumed = try await engine.sync(try await Self.current(store), trigger: .manual)
            #expect(resumed.status == .succeeded && interposed.endings == [.sweep], "\(resumed), \(interposed.endings)")
            #expect(try await Self.catalog(store).present.count == 2500)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anIncompleteListingInfersNoRemovals(kind: StoreKind) async throws {
        try await withStore(kind, mode: "full") { store, endpoint in
            let source = InMemoryFileSource(files: [Self.file("a"), Self.file("b")], changeFeed: false)
            let engine = Self.engine(store, source)
            _ = try await engine.sync(endpoint, trigger: .manual)
            source.delete("b")
            source.reportsIncomplete = true
            let run = try await engine.sync(try await Self.current(store), trigger: .manual)
            #expect(run.removed == 0)
            #expect(run.status == .succeeded)
            // The run says why nothing was swept, with the provider's reason.
            #expect(
                run.error?.contains("no removals inferred") == true
                    && run.error?.contains("told to report its listings incomplete") == true, "\(run.error ?? "")")
            #expect(try await Self.catalog(store).present.keys.sorted() == ["a", "b"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aResumedListingRemembersThatItsEarlierPagesWereNotVouchedFor(kind: StoreKind) async throws {
        try await withStore(kind, mode: "full") { store, endpoint in
            let source = InMemoryFileSource(files: (0..<3500).map { Self.file(String(format: "f%05d", $0)) }, changeFeed: false)
            let engine = Self.engine(store, source)
            _ = try await engine.sync(endpoint, trigger: .manual)
            // A listing whose first page the provider cannot vouch for (it lacks f00010), cut short after it.
            source.delete("f00010")
            source.reportsIncomplete = true
            source.failAfterPages = (1, ProviderError(.unavailable, "the provider went away"))
            let failed = try await engine.sync(try await Self.current(store), trigger: .manual)
            #expect(failed.status == .failed)
            // The rest of the listing is vouched for; the listing as a whole still is not.
            source.reportsIncomplete = false
            let resumed = try await engine.sync(try await Self.current(store), trigger: .manual)
            #expect(resumed.status == .succeeded)
            #expect(resumed.removed == 0, "a listing with a page nobody vouched for sweeps nothing, resumed or not")
            #expect(resumed.error?.contains("no removals inferred") == true, "\(resumed.error ?? "")")
            #expect(try await Self.catalog(store).present.keys.contains("f00010"))
        }
    }

    @Test func cancellationCommitsTheCurrentPageAndRecordsACancelledRun() async throws {
        try await withStore(.sqlite) { store, endpoint in
            let source = InMemoryFileSource(files: (0..<5000).map { Self.file(String(format: "f%05d", $0)) })
            let engine = Self.engine(store, source)
            // Cancelled once 2,000 files are committed (pages that waited for the store are committed together, so
            // that point may be a page or two later).
            let committedAtCancel = Mutex(0)
            let task = Task {
                try await engine.sync(endpoint, trigger: .manual) { progress in
                    guard progress.filesSeen >= 2000, committedAtCancel.withLock({ $0 }) == 0 else { return }
                    committedAtCancel.withLock { $0 = progress.filesSeen }
                    withUnsafeCurrentTask { $0?.cancel() }
                }
            }
            let run = try await task.value
            let committed = committedAtCancel.withLock { $0 }
            #expect(run.status == .cancelled)
            #expect((2000..<5000).contains(committed))
            #expect(run.created == committed, "what was being written was committed, and nothing after")
            let runs = try await store.syncRuns(endpoint: "photos", limit: nil)
            #expect(runs.first?.status == .cancelled)
            #expect(try await Self.catalog(store).present.count == committed)
        }
    }

    @Test func aSyncLongerThanItsTimeoutStopsAfterACommittedPageAndResumes() async throws {
        try await withStore(.sqlite, timeout: "1s") { store, endpoint in
            let source = InMemoryFileSource(files: (0..<12000).map { Self.file(String(format: "f%05d", $0)) })
            let clock = TestTime()
            // Each page takes 0.15 s of the engine's time. The listing's stages let the provider run up to about four
            // pages ahead of the writer (0.6 s), so the first page is always committed before the 1 s timeout.
            source.onPage = { clock.advance(by: 0.15) }
            let engine = SyncEngine(
                store: store, registry: ProviderRegistry().registering(.local) { _ in source }, environment: [:], now: { clock.now })
            let stopped = try await engine.sync(endpoint, trigger: .manual)
            #expect(stopped.status == .failed)
            #expect(stopped.error?.contains("sync.timeout") == true)
            #expect(stopped.created > 0 && stopped.created < 12000 && stopped.created % 1000 == 0, "\(stopped.created)")
            source.onPage = nil
            let resumed = try await engine.sync(try await Self.current(store), trigger: .manual)
            #expect(resumed.status == .succeeded)
            #expect(stopped.created + resumed.created == 12000)
        }
    }

    /// A rejected change token restarts the run as a full listing; the endpoint's `sync.timeout` still holds for it
    /// (the restart used to fall back to the default of 30 minutes).
    @Test func aListingRestartedAfterARejectedTokenKeepsTheTimeout() async throws {
        try await withStore(.sqlite, timeout: "1s") { store, endpoint in
            let source = InMemoryFileSource(files: (0..<12000).map { Self.file(String(format: "f%05d", $0)) })
            let clock = TestTime()
            let engine = SyncEngine(
                store: store, registry: ProviderRegistry().registering(.local) { _ in source }, environment: [:], now: { clock.now })
            let first = try await engine.sync(endpoint, trigger: .manual)
            #expect(first.status == .succeeded && first.created == 12000)
            source.expireTokens()
            source.onPage = { clock.advance(by: 0.15) }
            let restarted = try await engine.sync(try await Self.current(store), trigger: .manual)
            #expect(restarted.status == .failed)
            #expect(restarted.error?.contains("sync.timeout") == true, "\(String(describing: restarted.error))")
        }
    }

    static func current(_ store: any CatalogStore) async throws -> StoredEndpoint {
        guard let endpoint = try await store.snapshot().endpoints["photos"] else { throw CancellationError() }
        return endpoint
    }
}

/// A clock the test moves by hand.
final class TestTime: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current.addTimeInterval(seconds) }
    }
}

/// A run that cannot start is recorded too.
@Suite struct UnstartableSyncTests {
    @Test func anUnavailableProviderIsARecordedFailedRun() async throws {
        let directory = try TemporaryDirectory()
        let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
        let record = try StoreConformance.sample("photos")
        _ = try await store.reconcile { _ in ([EndpointWrite(record: record, resetsCursor: false)], ()) }
        let engine = SyncEngine(store: store, registry: ProviderRegistry(), environment: [:])
        let run = try await engine.sync(record, trigger: .schedule)
        #expect(run.status == .failed)
        #expect(run.error == "provider local is not available in this build yet")
        let recorded = try await store.syncRuns(endpoint: "photos", limit: nil)
        #expect(recorded.map(\.status) == [.failed])
        #expect(recorded.first?.error == run.error)
        #expect(try await store.snapshot().endpoints["photos"]?.lastSyncStatus == .failed)
        try store.close()
    }

    @Test func aStoredSpecThisVersionCannotUseFailsOnlyThatEndpointsRun() async throws {
        let directory = try TemporaryDirectory()
        let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
        var record = try StoreConformance.sample("newer")
        record.spec = #"{"provider":"sharepoint-2003","schedule":{"interval":"1h"}}"#
        let other = try StoreConformance.sample("photos")
        let writes = [EndpointWrite(record: record, resetsCursor: false), EndpointWrite(record: other, resetsCursor: false)]
        _ = try await store.reconcile { _ in (ReconcileWrites(endpoints: writes), ()) }
        let engine = SyncEngine(store: store, registry: ProviderRegistry(), environment: [:])
        let stored = try #require(try await store.endpoint(named: "newer"))
        let run = try await engine.sync(stored, trigger: .schedule)
        #expect(run.status == .failed)
        #expect(run.error == "the stored spec of endpoint newer cannot be used (it is no spec this version reads); reconcile again")
        #expect(SyncEngine.nextSyncTime(of: stored, runStartedAt: Date(), now: Date()) == nil, "no schedule to compute from")
        #expect(try await store.snapshot().endpoints["photos"]?.configuration == other.configuration, "the other endpoint still reads")
        try store.close()
    }
}
