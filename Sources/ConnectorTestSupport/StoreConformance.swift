import ConnectorModel
import ConnectorStore
import Foundation

/// The behaviour every ``CatalogStore`` must show, run against SQLite and PostgreSQL alike.
///
/// Each check throws a ``ConformanceFailure`` naming what differed; test targets call every check
/// for every store.
public struct StoreConformance: Sendable {
    /// Opens a handle on the store under test (another one on each call, as another process
    /// would), runs the body with it, and closes it.
    public typealias WithStore = @Sendable (_ body: @Sendable (any CatalogStore) async throws -> Void) async throws -> Void

    /// A check that did not hold.
    public struct ConformanceFailure: Error, CustomStringConvertible {
        /// What was expected and what was found.
        public var description: String
    }

    /// The checks of each seam of ``CatalogStore`` (a check sets up what it needs through the others).
    public static let seams: KeyValuePairs<String, [String]> = [
        "StoreSchema": ["migrationsAreRecordedOnce"],
        "EndpointCatalog": [
            "emptyStoreHasEmptySnapshot", "endpointsRoundTrip", "updatesReplaceRows", "resetCursorDropsOnlyThatCursor",
            "failedDecisionWritesNothing", "concurrentReconcilesNeverInterleave", "aStoredSpecThisVersionCannotUseIsReported",
        ],
        "CatalogQueries": ["catalogReadsOfAnEmptyStore", "textRoundTripsByteForByte", "filesAreFoundByID"],
        "SyncJournal": [
            "foldersFollowPagesRemovalsAndSweeps", "aNewRunEndsTheRunsLeftRunning", "foldersKnownEmptyStaySoOnlyWhileNothingIsBelowThem",
            "aListingsFoldersAreFoundWithWhetherTheyWereListed", "pagesAreClassifiedAgainstTheCatalog",
        ],
        "SyncLeases": ["syncLeasesAreExclusive"],
    ]

    /// Every check as `Seam/check`, for `@Test(arguments:)`.
    public static let checks: [String] = seams.flatMap { seam, checks in checks.map { "\(seam)/\($0)" } }

    /// Runs the check `Seam/check` (or `check`) against the store `withStore` opens.
    public static func run(_ qualifiedName: String, withStore: @escaping WithStore) async throws {
        let name = String(qualifiedName.split(separator: "/").last ?? "")
        if name == "concurrentReconcilesNeverInterleave" {
            try await withStore { first in
                try await withStore { second in try await concurrentReconciles(first, second) }
            }
            return
        }
        try await withStore { store in try await run(name, on: store) }
    }

    private static func run(_ name: String, on store: any CatalogStore) async throws {
        switch name {
        case "migrationsAreRecordedOnce":
            try expect(try await store.appliedMigrations() == StoreMigration.all, "all migrations applied on open")
            try expect(try await store.migrate().isEmpty, "a second migrate applies nothing")
            try expect(try await store.pendingMigrations().isEmpty, "nothing pending after open")
        case "filesAreFoundByID":
            try await filesAreFoundByID(store)
        case "aNewRunEndsTheRunsLeftRunning":
            try await newRunEndsRunsLeftRunning(store)
        case "emptyStoreHasEmptySnapshot":
            try expect(try await store.snapshot().endpoints.isEmpty, "a new store has no endpoints")
        case "endpointsRoundTrip":
            let records = [try sample("alpha"), try sample("beta", state: .retired, full: true)]
            _ = try await store.reconcile { _ in (records.map { EndpointWrite(record: $0, resetsCursor: false) }, ()) }
            let snapshot = try await store.snapshot()
            for record in records {
                try expect(
                    snapshot.endpoints[record.name] == record,
                    "\(record.name) reads back exactly as written: \(String(describing: snapshot.endpoints[record.name])) vs \(record)")
                try expect(try await store.endpoint(named: record.name) == record, "\(record.name) is found by name as written")
            }
            try expect(try await store.endpoint(named: "nobody") == nil, "an unknown name finds nothing")
        case "updatesReplaceRows":
            let original = try sample("gamma")
            _ = try await store.reconcile { _ in ([EndpointWrite(record: original, resetsCursor: false)], ()) }
            var record = original
            record.generation = 2
            record.spec = #"{"local":{"path":"/elsewhere"},"provider":"local","schedule":{"interval":"5m"}}"#
            record.labels = [:]
            record.nextSyncAt = nil
            let updated = record
            _ = try await store.reconcile { _ in ([EndpointWrite(record: updated, resetsCursor: false)], ()) }
            try expect(try await store.snapshot().endpoints["gamma"] == updated, "the update replaced every field")
        case "aStoredSpecThisVersionCannotUseIsReported":
            try await unusableStoredSpecIsReported(store)
        case "resetCursorDropsOnlyThatCursor":
            let records = [try sample("one"), try sample("two")]
            _ = try await store.reconcile { _ in (records.map { EndpointWrite(record: $0, resetsCursor: false) }, ()) }
            for (endpoint, cursor) in [("one", "token-1"), ("two", "token-2"), ("two", "token-2b")] {
                _ = try await store.applySyncPage(SyncPageWrite(endpoint: endpoint, files: [], seenAt: Date(), cursor: cursor))
            }
            _ = try await store.reconcile { _ in ([EndpointWrite(record: records[0], resetsCursor: true)], ()) }
            try expect(try await store.syncState(endpoint: "one").cursor == nil, "the reset cursor is gone")
            try expect(
                try await store.syncState(endpoint: "two").cursor == "token-2b", "the other cursor is kept and was replaced in place")
        case "failedDecisionWritesNothing":
            struct Refusal: Error {}
            do {
                _ = try await store.reconcile { (_) throws -> ([EndpointWrite], Void) in throw Refusal() }
                throw ConformanceFailure(description: "the decision's error was not rethrown")
            } catch is Refusal {}
            try expect(try await store.snapshot().endpoints.isEmpty, "nothing written")
        case "catalogReadsOfAnEmptyStore":
            try expect(try await store.files(endpoint: nil, limit: nil).isEmpty, "no files")
            try expect(try await store.syncRuns(endpoint: nil, limit: 10).isEmpty, "no runs")
            try expect(try await store.fileCounts().isEmpty, "no counts")
        case "syncLeasesAreExclusive":
            try await syncLeasesAreExclusive(store)
        case "textRoundTripsByteForByte":
            try await textRoundTripsByteForByte(store)
        case "foldersFollowPagesRemovalsAndSweeps":
            try await foldersFollowPagesRemovalsAndSweeps(store)
        case "foldersKnownEmptyStaySoOnlyWhileNothingIsBelowThem":
            try await foldersKnownEmptyStaySoOnlyWhileNothingIsBelowThem(store)
        case "aListingsFoldersAreFoundWithWhetherTheyWereListed":
            try await aListingsFoldersAreFoundWithWhetherTheyWereListed(store)
        case "pagesAreClassifiedAgainstTheCatalog":
            try await pagesAreClassifiedAgainstTheCatalog(store)
        default:
            throw ConformanceFailure(description: "unknown check \(name)")
        }
    }

    /// Two handles each read the counter endpoint's generation, wait, and write it plus one;
    /// with a real lock the result is 2, never 1 (a lost update).
    private static func concurrentReconciles(_ first: any CatalogStore, _ second: any CatalogStore) async throws {
        _ = try await first.reconcile { _ in ([EndpointWrite(record: try sample("counter", generation: 0), resetsCursor: false)], ()) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in [first, second] {
                group.addTask {
                    _ = try await store.reconcile { snapshot in
                        guard var record = snapshot.endpoints["counter"] else { throw ConformanceFailure(description: "counter missing") }
                        Thread.sleep(forTimeInterval: 0.3)
                        record.generation += 1
                        return ([EndpointWrite(record: record, resetsCursor: false)], ())
                    }
                }
            }
            try await group.waitForAll()
        }
        let generation = try await first.snapshot().endpoints["counter"]?.generation
        try expect(generation == 2, "both increments applied (got generation \(String(describing: generation)))")
    }

    /// `files(endpoint:ids:)` answers the ids it knows, of that endpoint only, byte for byte (a composed and a
    /// decomposed `é` are two ids), removed files included.
    private static func filesAreFoundByID(_ store: any CatalogStore) async throws {
        _ = try await store.reconcile { _ in
            (try ["lookup", "elsewhere"].map { EndpointWrite(record: try sample($0), resetsCursor: false) }, ())
        }
        let seen = Date(timeIntervalSince1970: 1_795_000_000)
        func file(_ endpoint: String, _ id: String, size: Int64) -> CatalogFile {
            CatalogFile(
                endpoint: endpoint, metadata: FileMetadata(id: id, name: id, path: id, size: size, checksums: ["sha256": "s-\(size)"]),
                state: .present, firstSeenAt: seen, lastSeenAt: seen, contentHash: id)
        }
        let written = [file("lookup", "caf\u{E9}", size: 1), file("lookup", "cafe\u{301}", size: 2), file("lookup", "gone", size: 3)]
        _ = try await store.applySyncPage(SyncPageWrite(endpoint: "lookup", files: written, seenAt: seen, cursor: nil))
        _ = try await store.applySyncPage(
            SyncPageWrite(endpoint: "lookup", files: [], removedIDs: ["gone"], seenAt: seen.addingTimeInterval(1), cursor: nil))
        _ = try await store.applySyncPage(
            SyncPageWrite(endpoint: "elsewhere", files: [file("elsewhere", "other", size: 4)], seenAt: seen, cursor: nil))
        let found = try await store.files(endpoint: "lookup", ids: ["cafe\u{301}", "gone", "other", "missing"])
        let sizes = Dictionary(uniqueKeysWithValues: found.map { (Array($0.fileID.utf8), $0.metadata.size) })
        try expect(
            sizes == [Array("cafe\u{301}".utf8): 2, Array("gone".utf8): 3], "the decomposed id and the removed file, nothing else: \(sizes)"
        )
        try expect(found.first { $0.fileID == "gone" }?.state == .removed, "a removed file reads as removed")
        try expect(found.allSatisfy { $0.metadata.checksums["sha256"] == "s-\($0.metadata.size ?? 0)" }, "with its checksums")
        try expect(try await store.files(endpoint: "lookup", ids: []).isEmpty, "no ids, no files")
    }

    /// A run still marked `running` when the same endpoint's next run starts was left by a process that is gone (only
    /// the lease holder starts runs): it is ended as failed and interrupted, at the new run's start; other endpoints'
    /// running runs are left alone.
    private static func newRunEndsRunsLeftRunning(_ store: any CatalogStore) async throws {
        _ = try await store.reconcile { _ in
            (try ["orphan", "other"].map { EndpointWrite(record: try sample($0), resetsCursor: false) }, ())
        }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        func run(_ endpoint: String, at offset: TimeInterval) -> SyncRunRecord {
            SyncRunRecord(
                id: 0, endpoint: endpoint, trigger: .manual, mode: .full, startedAt: start.addingTimeInterval(offset),
                status: .running, correlationID: "\(endpoint)-\(offset)")
        }
        let killed = try await store.startSyncRun(run("orphan", at: 0))
        let elsewhere = try await store.startSyncRun(run("other", at: 1))
        let next = try await store.startSyncRun(run("orphan", at: 60))
        let orphanRuns = Dictionary(uniqueKeysWithValues: try await store.syncRuns(endpoint: "orphan", limit: nil).map { ($0.id, $0) })
        try expect(
            orphanRuns[killed]?.status == .failed && orphanRuns[killed]?.error == SyncRunRecord.interruptedError,
            "the run left running is ended as interrupted: \(String(describing: orphanRuns[killed]))")
        try expect(orphanRuns[killed]?.finishedAt == start.addingTimeInterval(60), "at the next run's start")
        try expect(orphanRuns[next]?.status == .running, "the new run runs")
        let other = try await store.syncRuns(endpoint: "other", limit: nil).first { $0.id == elsewhere }
        try expect(other?.status == .running, "another endpoint's run is left alone")
    }

    /// Folders recorded with pages are read back by id; a removed folder takes the files below it (at any depth)
    /// and its recorded subfolders along, and nothing else; a complete full listing forgets folders it did not see.
    private static func foldersFollowPagesRemovalsAndSweeps(_ store: any CatalogStore) async throws {
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try sample("tree"), resetsCursor: false)], ()) }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let folders = [
            CatalogFolder(id: "root", name: "Root", path: "", parentID: nil),
            CatalogFolder(id: "sub", name: "Sub", path: "Sub", parentID: "root"),
            CatalogFolder(id: "deep", name: "Deep", path: "Sub/Deep", parentID: "sub"),
            // The same path as `sub` (Drive allows duplicate names): removing `sub` must not touch it.
            CatalogFolder(id: "twin", name: "Sub", path: "Sub", parentID: "root"),
        ]
        func file(_ id: String, _ path: String, parent: String) -> CatalogFile {
            CatalogFile(
                endpoint: "tree", metadata: FileMetadata(id: id, name: id, path: path, parents: [parent]), state: .present,
                firstSeenAt: start, lastSeenAt: start, contentHash: id)
        }
        let files = [
            file("a", "a", parent: "root"), file("b", "Sub/b", parent: "sub"), file("c", "Sub/Deep/c", parent: "deep"),
            file("t", "Sub/t", parent: "twin"),
        ]
        _ = try await store.applySyncPage(SyncPageWrite(endpoint: "tree", files: files, folders: folders, seenAt: start, cursor: nil))
        try expect(try await store.folder(endpoint: "tree", id: "deep") == folders[2], "a recorded folder reads back")
        try expect(try await store.folder(endpoint: "tree", id: "root") == folders[0], "the root reads back with no parent")
        try expect(try await store.folder(endpoint: "other", id: "deep") == nil, "folders belong to their endpoint")
        let counts = try await store.applySyncPage(
            SyncPageWrite(endpoint: "tree", files: [], removedFolderIDs: ["sub"], seenAt: start.addingTimeInterval(1), cursor: nil))
        try expect(counts.removed == 2, "the folder's files at every depth were removed (counted \(counts.removed))")
        let present = Set(try await store.files(endpoint: "tree", limit: nil).filter { $0.state == .present }.map(\.fileID))
        try expect(present == ["a", "t"], "only files outside the removed subtree stay present: \(present.sorted())")
        try expect(try await store.folder(endpoint: "tree", id: "sub") == nil, "the removed folder is forgotten")
        try expect(try await store.folder(endpoint: "tree", id: "deep") == nil, "its subfolders are forgotten")
        try expect(try await store.folder(endpoint: "tree", id: "twin") != nil, "a folder with the same path is kept")
        let later = start.addingTimeInterval(10)
        _ = try await store.applySyncPage(SyncPageWrite(endpoint: "tree", files: [], folders: [folders[0]], seenAt: later, cursor: nil))
        _ = try await store.sweepUnseen(endpoint: "tree", listingStartedAt: later, cursor: "{}", at: later)
        try expect(try await store.folder(endpoint: "tree", id: "twin") == nil, "a full listing forgets folders it did not see")
        try expect(try await store.folder(endpoint: "tree", id: "root") == folders[0], "and keeps the ones it saw")
    }

    /// A folder recorded as empty reads back so; a record that does not say keeps it; recording a file or a folder
    /// under it makes it not empty (so a listing that trusts the flag can never sweep what is below it).
    private static func foldersKnownEmptyStaySoOnlyWhileNothingIsBelowThem(_ store: any CatalogStore) async throws {
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try sample("tree"), resetsCursor: false)], ()) }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        func folder(_ id: String, parent: String? = "root", isEmpty: Bool?) -> CatalogFolder {
            CatalogFolder(id: id, name: id, path: parent == nil ? "" : id, parentID: parent, isEmpty: isEmpty)
        }
        func page(files: [CatalogFile] = [], folders: [CatalogFolder], at offset: TimeInterval) -> SyncPageWrite {
            SyncPageWrite(endpoint: "tree", files: files, folders: folders, seenAt: start.addingTimeInterval(offset), cursor: nil)
        }
        _ = try await store.applySyncPage(
            page(
                folders: [
                    folder("root", parent: nil, isEmpty: false), folder("quiet", isEmpty: true), folder("gains-file", isEmpty: true),
                    folder("gains-folder", isEmpty: true), folder("unknown", isEmpty: nil),
                ], at: 0))
        try expect(try await store.folder(endpoint: "tree", id: "quiet")?.isEmpty == true, "a folder recorded empty reads back empty")
        try expect(try await store.folder(endpoint: "tree", id: "root")?.isEmpty == false, "a folder recorded not empty reads back so")
        try expect(
            try await store.folder(endpoint: "tree", id: "unknown")?.isEmpty == nil,
            "a folder recorded without knowledge reads back unknown")
        _ = try await store.applySyncPage(page(folders: [folder("quiet", isEmpty: nil), folder("unknown", isEmpty: true)], at: 1))
        try expect(
            try await store.folder(endpoint: "tree", id: "quiet")?.isEmpty == true, "a record that does not say keeps what was known")
        try expect(try await store.folder(endpoint: "tree", id: "unknown")?.isEmpty == true, "a later record that says empty is kept")
        let file = CatalogFile(
            endpoint: "tree", metadata: FileMetadata(id: "f", name: "f", path: "gains-file/f", parents: ["gains-file"]),
            state: .present, firstSeenAt: start, lastSeenAt: start, contentHash: "f")
        _ = try await store.applySyncPage(page(files: [file], folders: [folder("child", parent: "gains-folder", isEmpty: nil)], at: 2))
        try expect(
            try await store.folder(endpoint: "tree", id: "gains-file")?.isEmpty == false,
            "a file recorded under a folder makes it not empty")
        try expect(
            try await store.folder(endpoint: "tree", id: "gains-folder")?.isEmpty == false,
            "a folder recorded under a folder makes it not empty")
        try expect(try await store.folder(endpoint: "tree", id: "quiet")?.isEmpty == true, "other folders keep what was known")
        // A folder recorded in the same page as something below it: recorded first, then no longer empty.
        let below = CatalogFile(
            endpoint: "tree", metadata: FileMetadata(id: "g", name: "g", path: "fresh/g", parents: ["fresh"]),
            state: .present, firstSeenAt: start, lastSeenAt: start, contentHash: "g")
        _ = try await store.applySyncPage(
            page(
                files: [below],
                folders: [
                    folder("fresh", isEmpty: true), folder("quiet", isEmpty: nil), folder("under-quiet", parent: "quiet", isEmpty: nil),
                    folder("unsure", isEmpty: nil), folder("under-unsure", parent: "unsure", isEmpty: nil),
                ], at: 3))
        try expect(
            try await store.folder(endpoint: "tree", id: "fresh")?.isEmpty == false,
            "recorded empty with a file below in the same page: not empty")
        try expect(
            try await store.folder(endpoint: "tree", id: "quiet")?.isEmpty == false,
            "known empty, re-recorded with a folder below in the same page: not empty")
        try expect(
            try await store.folder(endpoint: "tree", id: "unsure")?.isEmpty == nil, "not known empty: a child does not make it known")
    }

    /// The folders a listing recorded since it began are found, each with whether a page since then had all its
    /// children (what an interrupted listing resumes from); folders seen only before it are not.
    private static func aListingsFoldersAreFoundWithWhetherTheyWereListed(_ store: any CatalogStore) async throws {
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try sample("tree"), resetsCursor: false)], ()) }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        func page(_ folders: [CatalogFolder], at offset: TimeInterval) -> SyncPageWrite {
            SyncPageWrite(endpoint: "tree", files: [], folders: folders, seenAt: start.addingTimeInterval(offset), cursor: nil)
        }
        func folder(_ id: String, listed: Bool) -> CatalogFolder {
            CatalogFolder(id: id, name: id, path: id == "root" ? "" : id, parentID: id == "root" ? nil : "root", childrenListed: listed)
        }
        func progress(since offset: TimeInterval) async throws -> [String: Bool] {
            let folders = try await store.folders(endpoint: "tree", seenSince: start.addingTimeInterval(offset))
            return Dictionary(uniqueKeysWithValues: folders.map { ($0.id, $0.childrenListed) })
        }
        _ = try await store.applySyncPage(
            page([folder("root", listed: false), folder("a", listed: false), folder("b", listed: false)], at: 0))
        _ = try await store.applySyncPage(page([folder("root", listed: true), folder("c", listed: false)], at: 1))
        // `b` is found again later without saying it is listed: it keeps whatever was recorded (not listed).
        _ = try await store.applySyncPage(page([folder("b", listed: false)], at: 2))
        try expect(
            try await progress(since: 0) == ["root": true, "a": false, "b": false, "c": false], "the listing's folders, with root listed")
        try expect(try await progress(since: 3).isEmpty, "nothing was seen since a later start")
        // A new listing: root's listing from before it does not count.
        _ = try await store.applySyncPage(page([folder("root", listed: false)], at: 10))
        let later = try await progress(since: 10)
        try expect(later == ["root": false], "a listing from before the start does not count: \(later)")
        try expect(try await store.folders(endpoint: "other", seenSince: start).isEmpty, "folders belong to their endpoint")
    }

    /// One owner at a time holds an endpoint's lease until it expires; a due-only claim needs a due, active endpoint;
    /// of many simultaneous claims exactly one wins.
    private static func syncLeasesAreExclusive(_ store: any CatalogStore) async throws {
        let records = [try sample("leased"), try sample("idle", state: .retired)]
        _ = try await store.reconcile { _ in (records.map { EndpointWrite(record: $0, resetsCursor: false) }, ()) }
        let due = try requireDate(records[0].nextSyncAt)
        let now = due.addingTimeInterval(1)
        let until = now.addingTimeInterval(60)
        try expect(
            !(try await store.claimSyncLease(
                endpoint: "leased", owner: "a", now: due.addingTimeInterval(-1), expiresAt: until, onlyIfDue: true, staleOwner: nil)),
            "not due yet: not claimed")
        try expect(
            !(try await store.claimSyncLease(endpoint: "idle", owner: "a", now: now, expiresAt: until, onlyIfDue: true, staleOwner: nil)),
            "a retired endpoint is never due")
        try expect(
            try await store.claimSyncLease(endpoint: "leased", owner: "a", now: now, expiresAt: until, onlyIfDue: true, staleOwner: nil),
            "a due endpoint is claimed")
        try expect(
            !(try await store.claimSyncLease(endpoint: "leased", owner: "b", now: now, expiresAt: until, onlyIfDue: false, staleOwner: nil)),
            "a held lease is not taken")
        try expect(
            try await store.claimSyncLease(endpoint: "leased", owner: "a", now: now, expiresAt: until, onlyIfDue: false, staleOwner: nil),
            "the holder may claim again")
        try expect(
            try await store.renewSyncLease(endpoint: "leased", owner: "a", expiresAt: until.addingTimeInterval(60)), "the holder renews")
        try expect(!(try await store.renewSyncLease(endpoint: "leased", owner: "b", expiresAt: until)), "another owner cannot renew")
        try await store.releaseSyncLease(endpoint: "leased", owner: "b")
        try expect(
            !(try await store.claimSyncLease(
                endpoint: "leased", owner: "b", now: until, expiresAt: until.addingTimeInterval(60), onlyIfDue: false, staleOwner: nil)),
            "releasing someone else's lease does nothing")
        let afterExpiry = until.addingTimeInterval(61)
        try expect(
            try await store.claimSyncLease(
                endpoint: "leased", owner: "b", now: afterExpiry, expiresAt: afterExpiry.addingTimeInterval(60), onlyIfDue: false,
                staleOwner: nil), "an expired lease is taken over")
        try expect(try await store.syncLeaseHolder(endpoint: "leased") == "b", "the holder is known")
        try expect(
            try await store.claimSyncLease(
                endpoint: "leased", owner: "c", now: afterExpiry, expiresAt: afterExpiry.addingTimeInterval(60), onlyIfDue: false,
                staleOwner: "b"), "a dead holder's lease is taken over before it expires")
        try await store.releaseSyncLease(endpoint: "leased", owner: "c")
        try expect(try await store.syncLeaseHolder(endpoint: "leased") == nil, "a released lease has no holder")
        let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<8 {
                group.addTask {
                    try await store.claimSyncLease(
                        endpoint: "leased", owner: "racer-\(index)", now: afterExpiry, expiresAt: afterExpiry.addingTimeInterval(60),
                        onlyIfDue: true, staleOwner: nil)
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        try expect(winners == 1, "exactly one of eight simultaneous claims wins (got \(winners))")
    }

    private static func requireDate(_ date: Date?) throws -> Date {
        guard let date else { throw ConformanceFailure(description: "the sample has no next sync time") }
        return date
    }

    /// Names that break naive quoting or terminals are stored and read back byte for byte; the empty string
    /// stays distinct from nil. (NUL is not here: PostgreSQL text cannot hold it; extras are JSON by contract.)
    /// Every other column is set too, each to a value of its own, and the whole file compared, so a column read
    /// into the wrong field shows.
    private static func textRoundTripsByteForByte(_ store: any CatalogStore) async throws {
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try sample("hostile"), resetsCursor: false)], ()) }
        let names = [
            "it's \"quoted\"; DROP TABLE files; --", "line\nbreak\r\ttab", "\u{1B}[31mred\u{1B}[0m", "\u{202E}fdp.exe",
            "caf\u{E9} / cafe\u{301}", "\u{1F4C4}", String(repeating: "x", count: 10_000), "%_*?[]{}\\",
        ]
        let seen = Date(timeIntervalSince1970: 1_795_000_000)
        let files = names.enumerated().map { index, name in
            CatalogFile(
                endpoint: "hostile",
                metadata: FileMetadata(
                    id: "id-\(index)-\(name)", name: name, path: "dir/\(name)", mimeType: index == 1 ? "text/plain" : "",
                    size: Int64(index), checksums: ["md5": name], createdAt: seen.addingTimeInterval(-2),
                    modifiedAt: seen.addingTimeInterval(-1), version: "", webLink: "https://example.com/\(index)",
                    exportLinks: [name: name], parents: [name], extras: index == 0 ? #"{"k":"v"}"# : nil),
                firstSeenAt: seen, lastSeenAt: seen, contentHash: "h\(index)")
        }
        _ = try await store.applySyncPage(SyncPageWrite(endpoint: "hostile", files: files, seenAt: seen, cursor: nil))
        let stored = Dictionary(uniqueKeysWithValues: try await store.files(endpoint: "hostile", limit: nil).map { ($0.fileID, $0) })
        let lookedUp = Dictionary(
            uniqueKeysWithValues: try await store.files(endpoint: "hostile", ids: files.map(\.fileID)).map { ($0.fileID, $0) })
        for file in files {
            for back in [stored[file.fileID], lookedUp[file.fileID]] {
                try expect(
                    back == file, "\(file.fileID.prefix(40).debugDescription) reads back identical: \(String(describing: back).prefix(300))"
                )
            }
        }
    }

    /// Every record comes back with its typed configuration; a stored spec this version cannot type (written by a
    /// newer version, or by hand) reads back as the reason, naming the endpoint, without hiding the other records, and
    /// a reconcile can still rewrite it.
    static func unusableStoredSpecIsReported(_ store: any CatalogStore) async throws {
        let good = try sample("good")
        try expect(try good.configuration.get().schedule == .interval(.minutes(15)), "the sample's configuration is typed")
        _ = try await store.reconcile { _ in ([EndpointWrite(record: good, resetsCursor: false)], ()) }
        for spec in [
            #"{"provider":"sharepoint-2003","schedule":{"interval":"1h"}}"#,
            #"{"local":{"path":"/x"},"provider":"local","schedule":{"interval":"soon"}}"#, "{",
        ] {
            var bad = good
            bad.name = "bad"
            bad.spec = spec
            let write = EndpointWrite(record: bad, resetsCursor: false)
            _ = try await store.reconcile { _ in ([write], ()) }
            for read in [try await store.snapshot().endpoints["bad"], try await store.endpoint(named: "bad")] {
                guard case .failure(let error) = read?.configuration else {
                    throw ConformanceFailure(
                        description: "the unusable spec \(spec) read back as \(String(describing: read?.configuration))")
                }
                try expect(error.endpoint == "bad" && error.description.contains("reconcile again"), error.description)
            }
            try expect(try await store.snapshot().endpoints["good"] == good, "the other records still read")
        }
        var mended = good
        mended.name = "bad"
        let mend = EndpointWrite(record: mended, resetsCursor: false)
        _ = try await store.reconcile { _ in ([mend], ()) }
        try expect(try await store.endpoint(named: "bad")?.configuration == good.configuration, "a reconcile rewrites it")
    }

    /// A record with every field set, at millisecond-precision times.
    public static func sample(
        _ name: String, state: EndpointState = .active, generation: Int = 1, full: Bool = false
    ) throws -> StoredEndpoint {
        let base = Date(timeIntervalSince1970: 1_795_000_000.125)  // exact in binary, at millisecond precision
        let spec = #"{"local":{"path":"/data"},"provider":"local","schedule":{"interval":"15m"}}"#
        return StoredEndpoint(
            name: name, provider: "local", spec: spec,
            specHash: String(repeating: "a", count: 64), scopeHash: String(repeating: "b", count: 64),
            generation: generation, state: state, labels: ["team": "docs", "env": "dev"],
            annotations: full ? ["fileconnector/prune": "disabled"] : [:],
            sourceFile: "manifests/\(name).yaml", sourceRevision: full ? "0123456789abcdef0123456789abcdef01234567" : nil,
            createdAt: base, updatedAt: base.addingTimeInterval(60), retiredAt: state == .retired ? base.addingTimeInterval(120) : nil,
            lastSyncAt: full ? base.addingTimeInterval(30) : nil, lastSyncStatus: full ? .succeeded : nil,
            nextSyncAt: state == .retired ? nil : base.addingTimeInterval(900))
    }

    static func expect(_ condition: Bool, _ what: @autoclosure () -> String) throws {
        if !condition { throw ConformanceFailure(description: what()) }
    }
}
