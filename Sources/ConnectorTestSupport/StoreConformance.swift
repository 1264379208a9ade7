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
            "manifestVersionIsRecordedWithTheReconcile",
        ],
        "CatalogQueries": ["catalogReadsOfAnEmptyStore", "textRoundTripsByteForByte", "filesAreFoundByID"],
        "SyncJournal": [
            "foldersFollowPagesRemovalsAndSweeps", "aNewRunEndsTheRunsLeftRunning", "foldersKnownEmptyStaySoOnlyWhileNothingIsBelowThem",
            "aListingsFoldersAreFoundWithWhetherTheyWereListed", "pagesAreClassifiedAgainstTheCatalog",
            "pagesGivenTogetherAreAppliedInOrder",
            "listingsSightUnchangedFilesAndSweepTheRest",
            "aFirstListingEndsAsASweepWithoutLookingForUnseenFiles",
        ],
        "SyncLeases": ["syncLeasesAreExclusive"],
        "SinkDeliveries": ["sinkDeliveriesKeepACursorUnderALease", "sinksAreReconciledWithTheirDeliveries"],
        "ChangeLog": [
            "changeEventsRecordEndpointsAndRuns", "changeRetentionCompactsAndExpiresOvertakenCursors",
            "fileEventsAreWrittenWithTheirChange",
        ],
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
            _ = try await store.reconcile { _ in
                (ReconcileWrites(endpoints: records.map { EndpointWrite(record: $0, resetsCursor: false) }), ())
            }
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
            _ = try await store.reconcile { _ in
                (ReconcileWrites(endpoints: records.map { EndpointWrite(record: $0, resetsCursor: false) }), ())
            }
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
                _ = try await store.reconcile { (_) throws -> (ReconcileWrites, Void) in throw Refusal() }
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
        case "pagesGivenTogetherAreAppliedInOrder":
            try await pagesGivenTogetherAreAppliedInOrder(store)
        case "listingsSightUnchangedFilesAndSweepTheRest":
            try await listingsSightUnchangedFilesAndSweepTheRest(store)
        case "aFirstListingEndsAsASweepWithoutLookingForUnseenFiles":
            try await aFirstListingEndsAsASweepWithoutLookingForUnseenFiles(store)
        case "changeEventsRecordEndpointsAndRuns":
            try await changeEventsRecordEndpointsAndRuns(store)
        case "changeRetentionCompactsAndExpiresOvertakenCursors":
            try await changeRetentionCompactsAndExpiresOvertakenCursors(store)
        case "fileEventsAreWrittenWithTheirChange":
            try await fileEventsAreWrittenWithTheirChange(store)
        case "sinkDeliveriesKeepACursorUnderALease":
            try await sinkDeliveriesKeepACursorUnderALease(store)
        case "manifestVersionIsRecordedWithTheReconcile":
            try await manifestVersionIsRecordedWithTheReconcile(store)
        case "sinksAreReconciledWithTheirDeliveries":
            try await sinksAreReconciledWithTheirDeliveries(store)
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
            (
                ReconcileWrites(endpoints: try ["lookup", "elsewhere"].map { EndpointWrite(record: try sample($0), resetsCursor: false) }),
                ()
            )
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
            (ReconcileWrites(endpoints: try ["orphan", "other"].map { EndpointWrite(record: try sample($0), resetsCursor: false) }), ())
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

    /// One owner at a time holds an endpoint's lease until it expires; a due-only claim needs a due, active endpoint;
    /// of many simultaneous claims exactly one wins.
    private static func syncLeasesAreExclusive(_ store: any CatalogStore) async throws {
        let records = [try sample("leased"), try sample("idle", state: .retired)]
        _ = try await store.reconcile { _ in
            (ReconcileWrites(endpoints: records.map { EndpointWrite(record: $0, resetsCursor: false) }), ())
        }
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
