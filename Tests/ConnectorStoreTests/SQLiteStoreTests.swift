import ConnectorModel
import ConnectorStore
import ConnectorTestSupport
import Foundation
import GRDB
import Testing

@testable import ConnectorStoreSQLite

/// The store conformance suite and the SQLite-specific faults, on real SQLite files.
@Suite struct SQLiteStoreTests {
    @Test(arguments: StoreConformance.checks)
    func conformance(check: String) async throws {
        let directory = try TemporaryDirectory()
        let path = directory.url("catalog.db")
        try await StoreConformance.run(check) { body in
            let store = try await SQLiteCatalogStore(path: path)
            defer { try? store.close() }
            try await body(store)
        }
    }

    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    /// A new store in `directory` holding the endpoint `name`.
    static func store(holding name: String, in directory: TemporaryDirectory) async throws -> SQLiteCatalogStore {
        let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try StoreConformance.sample(name), resetsCursor: false)], ()) }
        return store
    }

    /// A file of `endpoint` seen at ``start``.
    static func file(_ id: String, of endpoint: String, hash: String) -> CatalogFile {
        CatalogFile(
            endpoint: endpoint, metadata: FileMetadata(id: id, name: id, path: "p/\(id)"), firstSeenAt: start, lastSeenAt: start,
            contentHash: hash)
    }

    /// Pages given together are one transaction: a refused page leaves none of them, nor their cursors.
    @Test func pagesGivenTogetherCommitOrFailAsOne() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Self.store(holding: "one", in: directory)
        defer { try? store.close() }
        func page(_ id: String, endpoint: String = "one", cursor: String) -> SyncPageWrite {
            SyncPageWrite(endpoint: endpoint, files: [Self.file(id, of: endpoint, hash: id)], seenAt: Self.start, cursor: cursor)
        }
        _ = try await store.applySyncPages([page("a", cursor: "1"), page("b", cursor: "2")])
        #expect(try await store.syncState(endpoint: "one").cursor == "2")
        await #expect(throws: StoreError.self) {
            _ = try await store.applySyncPages([page("c", cursor: "3"), page("d", cursor: "4"), page("x", endpoint: "nobody", cursor: "5")])
        }
        #expect(try await store.files(endpoint: "one", limit: nil).map(\.fileID).sorted() == ["a", "b"])
        #expect(try await store.syncState(endpoint: "one").cursor == "2")
    }

    /// While an endpoint's pages find nothing stored, a page goes in as new, fifty files to a plain `INSERT`, without
    /// looking anything up; a stored file among them fails its fifty alone, and the files from there on are classified.
    /// Counts, events and rows come out as if every file had been looked up.
    @Test func aPageWrittenAsNewFallsBackAtTheFirstStoredFile() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Self.store(holding: "new", in: directory)
        defer { try? store.close() }
        let start = Self.start
        func file(_ id: String, _ hash: String = "1") -> CatalogFile { Self.file(id, of: "new", hash: hash) }
        func page(_ files: [CatalogFile], at minutes: Double) -> SyncPageWrite {
            SyncPageWrite(endpoint: "new", files: files, seenAt: start.addingTimeInterval(minutes * 60), cursor: "c\(minutes)")
        }
        let first = try await store.applySyncPage(page((0..<10).map { file("n\($0)") }, at: 0))
        #expect(first == SyncPageCounts(created: 10))
        let before = try await store.latestChangeSequence()
        // Sixty new files, then n3 changed, then fifty-nine more: the second fifty holds n3.
        let mixed = (0..<60).map { file("x\($0)") } + [file("n3", "2")] + (60..<119).map { file("x\($0)") }
        let counts = try await store.applySyncPage(page(mixed, at: 1))
        #expect(counts == SyncPageCounts(created: 119, updated: 1), "\(counts)")
        let files = Dictionary(uniqueKeysWithValues: try await store.files(endpoint: "new", limit: nil).map { ($0.fileID, $0) })
        #expect(files.count == 129)
        #expect(files["n3"]?.contentHash == "2" && files["n3"]?.firstSeenAt == start, "\(String(describing: files["n3"]))")
        let events = try await store.changes(ChangeQuery(after: before, types: Set(ChangeEventType.allCases.filter(\.isFileEvent))))
        #expect(events.filter { $0.type == .fileCreated }.count == 119 && events.filter { $0.type == .fileUpdated }.map(\.fileID) == ["n3"])
        // Stored files anywhere in a page written as new, changed or not, and the pages after it.
        let spread = [file("n4")] + (0..<70).map { file("z\($0)") } + [file("n5", "2"), file("x7"), file("z70")]
        #expect(try await store.applySyncPage(page(spread, at: 2)) == SyncPageCounts(created: 71, updated: 1, unchanged: 2))
        #expect(try await store.applySyncPage(page([file("y1"), file("y2")], at: 3)) == SyncPageCounts(created: 2))
        // A page with stored files, and the page after it, which is looked up first.
        #expect(
            try await store.applySyncPage(page([file("y1"), file("y2", "3"), file("y3")], at: 4))
                == SyncPageCounts(created: 1, updated: 1, unchanged: 1))
        #expect(try await store.applySyncPage(page([file("y4"), file("y3")], at: 5)) == SyncPageCounts(created: 1, unchanged: 1))
        let final = Dictionary(uniqueKeysWithValues: try await store.files(endpoint: "new", limit: nil).map { ($0.fileID, $0) })
        #expect(final.count == 129 + 71 + 4)
        #expect(final["n5"]?.contentHash == "2" && final["y2"]?.contentHash == "3" && final["n4"]?.firstSeenAt == start)
        #expect(final.values.allSatisfy { $0.state == .present })
    }

    /// A run's status, mode and trigger are read as the values this version writes; anything else in the file is
    /// reported as a damaged store naming the column, not taken for some status.
    @Test func aRunStatusThisVersionNeverWritesIsReportedAsCorrupt() async throws {
        let directory = try TemporaryDirectory()
        let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
        defer { try? store.close() }
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try StoreConformance.sample("odd"), resetsCursor: false)], ()) }
        let id = try await store.startSyncRun(
            SyncRunRecord(
                id: 0, endpoint: "odd", trigger: .manual, mode: .full, startedAt: Date(), status: .running, correlationID: "c"))
        #expect(try await store.syncRuns(endpoint: "odd", limit: nil).map(\.status) == [.running])
        try await store.pool.write { db in try db.execute(sql: "UPDATE sync_runs SET status = 'paused' WHERE id = ?", arguments: [id]) }
        do {
            _ = try await store.syncRuns(endpoint: "odd", limit: nil)
            Issue.record("an unknown status was read")
        } catch let error as StoreError {
            #expect(error.code == .corrupt && error.message.contains("sync_runs.status") && error.message.contains("paused"), "\(error)")
        }
    }

    @Test func storeIsInWALModeWithMigrationsRecorded() async throws {
        let directory = try TemporaryDirectory()
        let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
        let mode = try await store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let identifiers = try await store.pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(identifiers == StoreMigration.all.map(\.identifier))
        try store.close()
    }

    /// A new store's file has 8 KiB pages (a Microsoft 365 row of about 1.4 KB left a quarter of each 4 KiB page
    /// empty); a store created with 4 KiB pages keeps them, and its backstop stays 64,000 KiB of log.
    @Test func aNewStoreHasEightKibibytePagesAndAnOldOneKeepsItsOwn() async throws {
        let directory = try TemporaryDirectory()
        let store = try await SQLiteCatalogStore(path: directory.url("new.db"))
        #expect(try await store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 8192)
        try store.close()

        let oldPath = directory.url("old.db")
        let old = try DatabaseQueue(path: oldPath)
        try await old.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096")
            try db.execute(sql: "CREATE TABLE created_before (id INTEGER)")
        }
        try old.close()
        let reopened = try await SQLiteCatalogStore(path: oldPath)
        #expect(try await reopened.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 4096)
        #expect(try await reopened.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") } == 16_000)
        _ = try await reopened.reconcile { _ in ([EndpointWrite(record: try StoreConformance.sample("old"), resetsCursor: false)], ()) }
        let seen = Date(timeIntervalSince1970: 1_795_000_000)
        let files = (0..<50).map { index in
            CatalogFile(
                endpoint: "old", metadata: FileMetadata(id: "file-\(index)", name: "name", path: "folder/\(index)"), state: .present,
                firstSeenAt: seen, lastSeenAt: seen, contentHash: "\(index)")
        }
        _ = try await reopened.applySyncPage(SyncPageWrite(endpoint: "old", files: files, seenAt: seen, cursor: nil))
        #expect(try await reopened.fileCounts()["old"]?.present == 50)
        try reopened.close()
    }

    /// The log is copied back into the database beside the writer: after a sync's pages the database file holds
    /// them (checkpoints ran on the checkpointer's connection), while the writer's own checkpoint waits for a log
    /// sixteen times larger than these pages make.
    @Test func theLogIsCheckpointedBesideTheWriter() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.url("catalog.db")
        let store = try await SQLiteCatalogStore(path: path)
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try StoreConformance.sample("wide"), resetsCursor: false)], ()) }
        let seen = Date(timeIntervalSince1970: 1_795_000_000)
        let before = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        for page in 0..<12 {
            let files = (0..<300).map { index in
                CatalogFile(
                    endpoint: "wide",
                    metadata: FileMetadata(
                        id: "file-\(page)-\(index)", name: "name", path: "folder/\(page)/\(index)-" + String(repeating: "x", count: 600)),
                    state: .present, firstSeenAt: seen, lastSeenAt: seen, contentHash: "\(page)-\(index)")
            }
            _ = try await store.applySyncPage(SyncPageWrite(endpoint: "wide", files: files, seenAt: seen, cursor: nil))
        }
        let autocheckpoint = try await store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") }
        #expect(autocheckpoint == 8_000, "64,000 KiB of 8 KiB pages")
        let deadline = ContinuousClock.now + .seconds(20)
        while store.checkpointer.checkpoints < 12 / WALCheckpointer.commitsPerCheckpoint - 1, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(store.checkpointer.checkpoints >= 2)
        let after = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(after > before + 1_500_000, "the database file grew by the checkpointed pages: \(before) -> \(after)")
        #expect(try await store.fileCounts()["wide"]?.present == 3_600)
        try store.close()
    }

    /// Temporary storage is in memory, so a query that sorts the files table in a temporary b-tree holds the whole
    /// table's keys in memory (50 MB for a million files, seen in the sync benchmark). The counts that `get
    /// endpoints`, the API and every metrics scrape read must walk an index instead, and must still be right.
    @Test func fileCountsNeedNoSortOfTheFilesTable() async throws {
        let directory = try TemporaryDirectory()
        let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
        defer { try? store.close() }
        let plan = try await store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteCatalogStore.fileCountsSQL).map { row -> String in row["detail"] }
        }
        #expect(!plan.isEmpty && !plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        try await store.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO endpoints (name, provider, spec, spec_hash, scope_hash, generation, state, created_at, updated_at)
                    VALUES ('a', 'local', '{}', '', '', 1, 'active', '', ''), ('b', 'local', '{}', '', '', 1, 'active', '', '')
                    """)
            for (endpoint, id, state) in [("a", "1", "present"), ("a", "2", "removed"), ("a", "3", "present"), ("b", "1", "removed")] {
                try db.execute(
                    sql:
                        "INSERT INTO files (endpoint, file_id, name, path, state, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, '', '')",
                    arguments: [endpoint, id, id, id, state])
            }
        }
        let counts = try await store.fileCounts()
        #expect(counts == ["a": FileCounts(present: 2, removed: 1), "b": FileCounts(present: 0, removed: 1)])
    }

    @Test func corruptFileIsAOneLineErrorNamingTheStore() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("corrupt.db", String(repeating: "this is not a database ", count: 200))
        let error = try await #require(throws: StoreError.self) { _ = try await SQLiteCatalogStore(path: path) }
        #expect(error.code == .corrupt)
        #expect(error.description.hasPrefix("store sqlite:\(path): "))
        #expect(!error.description.contains("\n"))
    }

    @Test func storeFromANewerBinaryIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.url("catalog.db")
        let store = try await SQLiteCatalogStore(path: path)
        try await store.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('0099-from-the-future')")
        }
        try store.close()
        let error = try await #require(throws: StoreError.self) { _ = try await SQLiteCatalogStore(path: path) }
        #expect(error.code == .newerSchema)
        #expect(error.message.contains("0099-from-the-future"))
        #expect(error.message.contains("upgrade file-connector"))
        // A command that never writes opens without migrating and is refused all the same.
        let reader = try await SQLiteCatalogStore(path: path, configuration: .init(migratesOnOpen: false))
        defer { try? reader.close() }
        let readError = try await #require(throws: StoreError.self) { _ = try await reader.pendingMigrations() }
        #expect(readError.code == .newerSchema)
    }

    @Test func diskFullRollsBackTheWholeReconcile() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.url("catalog.db")
        _ = try await SQLiteCatalogStore(path: path)  // create and migrate with no limit
        var configuration = SQLiteCatalogStore.Configuration()
        let pages = try await SQLiteCatalogStore(path: path).pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") } ?? 8
        configuration.maximumPageCount = pages + 1
        let store = try await SQLiteCatalogStore(path: path, configuration: configuration)
        let big = try (0..<200).map { index in
            var record = try StoreConformance.sample("endpoint-\(index)")
            record.spec = String(repeating: "x", count: 4000)
            return EndpointWrite(record: record, resetsCursor: false)
        }
        let error = try await #require(throws: StoreError.self) {
            _ = try await store.reconcile { _ in (ReconcileWrites(endpoints: big), ()) }
        }
        #expect(error.code == .diskFull)
        #expect(try await store.snapshot().endpoints.isEmpty, "the transaction rolled back: no partial change")
    }

    @Test func aSecondHandleWaitsForTheWriteLockInsteadOfFailing() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.url("catalog.db")
        let first = try await SQLiteCatalogStore(path: path)
        let second = try await SQLiteCatalogStore(path: path)
        let holding = LockFlag()
        async let slow: Void = first.reconcile { _ in
            holding.set()
            Thread.sleep(forTimeInterval: 1.0)
            return ([EndpointWrite(record: try StoreConformance.sample("slow"), resetsCursor: false)], ())
        }
        while !holding.isSet { try await Task.sleep(for: .milliseconds(10)) }  // the first holds the write lock
        _ = try await second.reconcile { snapshot in
            ([EndpointWrite(record: try StoreConformance.sample("after-\(snapshot.endpoints.count)"), resetsCursor: false)], ())
        }
        try await slow
        #expect(try await second.snapshot().endpoints.keys.sorted() == ["after-1", "slow"])
    }
}

/// A flag set from inside a transaction and polled by the test.
final class LockFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// The hand-written JSON of map and list columns reads back with a standard decoder.
@Suite struct StoreCodingTests {
    @Test(arguments: [
        ["": ""], ["b": "2", "a": "1"], ["quote\"": "back\\slash", "line": "a\nb\tc\r", "control": "\u{01}\u{1F}", "unicode": "é😀"],
        ["quickXorHash": "AAAA+/=="], ["é \"key\"": "😀\u{7F}\u{202E}"],
    ])
    func mapsRoundTrip(map: [String: String]) throws {
        let text = StoreCoding.json(map)
        #expect(try JSONDecoder().decode([String: String].self, from: Data(text.utf8)) == map)
        #expect(StoreCoding.map(text) == map)
    }

    @Test func keysAreSortedAndEmptyValuesCompact() {
        #expect(StoreCoding.json(["b": "2", "a": "1"]) == #"{"a":"1","b":"2"}"#)
        #expect(StoreCoding.json([String: String]()) == "{}")
        #expect(StoreCoding.json([String]()) == "[]")
        #expect(StoreCoding.list(StoreCoding.json(["x", "\"y\""])) == ["x", "\"y\""])
    }
}

/// The page write binds text straight through SQLite's C API: empty strings stay empty strings, not NULL.
@Suite struct SQLiteBindingTests {
    @Test func emptyStringsAndNilsSurviveThePageWrite() async throws {
        let directory = try TemporaryDirectory()
        let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try StoreConformance.sample("empty"), resetsCursor: false)], ()) }
        let seen = Date(timeIntervalSince1970: 1_795_000_000)
        let metadata = FileMetadata(id: "a", name: "", path: "", mimeType: "", size: 0, version: "")
        let file = CatalogFile(endpoint: "empty", metadata: metadata, firstSeenAt: seen, lastSeenAt: seen, contentHash: "h")
        _ = try await store.applySyncPage(SyncPageWrite(endpoint: "empty", files: [file], seenAt: seen, cursor: nil))
        let back = try await store.files(endpoint: "empty", limit: nil)
        #expect(back.map(\.metadata) == [metadata])
        try store.close()
    }
}

/// A store written by an earlier release (migrations 1 and 2 only) keeps every file through migrations 3 and 4,
/// which rebuild the files table.
@Suite struct SQLiteUpgradeTests {
    /// Writes a store as a release with the first `migrations` migrations left it, holding the rows `sql` inserts.
    static func writeStore(at path: String, migrations: Int, _ sql: String) async throws {
        let queue = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        for migration in StoreMigration.all.prefix(migrations) {
            let statements = SQLiteSchema.statements(for: migration)
            migrator.registerMigration(migration.identifier) { db in try db.execute(sql: statements) }
        }
        try migrator.migrate(queue)
        try await queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }

    @Test func filesSurviveTheRebuildOfMigrationThree() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.url("old.db")
        try await SQLiteUpgradeTests.writeStore(
            at: path, migrations: 2,
            """
            INSERT INTO endpoints (name, provider, spec, spec_hash, scope_hash, generation, state, created_at, updated_at)
            VALUES ('old', 'local', '{}', 'h', 's', 1, 'active', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
            INSERT INTO files (endpoint, file_id, name, path, size, state, first_seen_at, last_seen_at, content_hash)
            VALUES ('old', 'a', 'a.pdf', 'dir/a.pdf', 7, 'present', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', 'x'),
                   ('old', 'b', 'b.pdf', 'b.pdf', NULL, 'removed', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'y');
            """)
        let store = try await SQLiteCatalogStore(path: path)
        #expect(try await store.appliedMigrations() == StoreMigration.all)
        let files = try await store.files(endpoint: "old", limit: nil)
        #expect(files.map(\.fileID) == ["b", "a"], "ordered by path")
        #expect(files.first { $0.fileID == "a" }?.metadata.size == 7)
        #expect(files.first { $0.fileID == "b" }?.state == .removed)
        #expect(try await store.fileCounts()["old"] == FileCounts(present: 1, removed: 1))
        try store.close()
    }
}

/// A store written by the release before migrations 7 and 8 (1 to 6 applied) keeps every file and folder when the files
/// move to a rowid table found by a unique index, and the folders learn what listings found empty and finished.
@Suite struct SQLiteArrivalOrderUpgradeTests {
    @Test func filesAndFoldersSurviveMigrationsSevenAndEight() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.url("release.db")
        try await SQLiteUpgradeTests.writeStore(
            at: path, migrations: 6,
            """
            INSERT INTO endpoints (name, provider, spec, spec_hash, scope_hash, generation, state, created_at, updated_at)
            VALUES ('drive', 'google-drive', '{}', 'h', 's', 1, 'active', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
            INSERT INTO files (endpoint, file_id, name, path, size, parents, state, first_seen_at, last_seen_at, content_hash)
            VALUES ('drive', '1zZz', 'a.pdf', 'Plans/a.pdf', 7, '["1fold"]', 'present', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', 'x'),
                   ('drive', '1aAa', 'b.pdf', 'b.pdf', NULL, '["1root"]', 'removed', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'y');
            INSERT INTO folders (endpoint, folder_id, name, path, parent_id, last_seen_at)
            VALUES ('drive', '1root', 'Root', '', NULL, '2026-01-02T00:00:00.000Z'),
                   ('drive', '1fold', 'Plans', 'Plans', '1root', '2026-01-02T00:00:00.000Z');
            """)
        let store = try await SQLiteCatalogStore(path: path)
        #expect(try await store.appliedMigrations() == StoreMigration.all)
        let files = try await store.files(endpoint: "drive", limit: nil)
        #expect(files.map(\.fileID) == ["1zZz", "1aAa"], "ordered by path")
        #expect(files.first { $0.fileID == "1zZz" }?.metadata.size == 7)
        #expect(files.first { $0.fileID == "1zZz" }?.metadata.parents == ["1fold"])
        #expect(try await store.fileCounts()["drive"] == FileCounts(present: 1, removed: 1))
        let folder = try #require(try await store.folder(endpoint: "drive", id: "1fold"))
        #expect(folder.path == "Plans" && folder.parentID == "1root" && folder.isEmpty == nil)
        let table = try await store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'files'")
        }
        #expect(table?.contains("WITHOUT ROWID") == false, "files is a rowid table")
        // The unique index still makes (endpoint, file_id) one row: a page that sees a file again updates it.
        let seen = Date(timeIntervalSince1970: 1_800_000_000)
        let again = CatalogFile(
            endpoint: "drive", metadata: FileMetadata(id: "1zZz", name: "a.pdf", path: "Plans/a.pdf", size: 8, parents: ["1fold"]),
            firstSeenAt: seen, lastSeenAt: seen, contentHash: "x2")
        let counts = try await store.applySyncPage(SyncPageWrite(endpoint: "drive", files: [again], seenAt: seen, cursor: nil))
        #expect(counts.updated == 1 && counts.created == 0)
        #expect(try await store.files(endpoint: "drive", limit: nil).count == 2)
        try store.close()
    }
}

/// Page writes go in by fifty rows per statement: partial batches and a file repeated within a page still land.
@Suite struct SQLiteBatchInsertTests {
    @Test(arguments: [1, 49, 50, 51, 173])
    func everyRowOfAPageLands(count: Int) async throws {
        let directory = try TemporaryDirectory()
        let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try StoreConformance.sample("batch"), resetsCursor: false)], ()) }
        let seen = Date(timeIntervalSince1970: 1_795_000_000)
        var files = (0..<count).map { index in
            CatalogFile(
                endpoint: "batch", metadata: FileMetadata(id: "f\(index)", name: "f\(index)", path: "p/\(index)"),
                firstSeenAt: seen, lastSeenAt: seen, contentHash: "h\(index)")
        }
        // The same file twice in one page: the last form is kept.
        files.append(
            CatalogFile(
                endpoint: "batch", metadata: FileMetadata(id: "f0", name: "renamed", path: "p/renamed"),
                firstSeenAt: seen, lastSeenAt: seen, contentHash: "h0-new"))
        _ = try await store.applySyncPage(SyncPageWrite(endpoint: "batch", files: files, seenAt: seen, cursor: nil))
        let stored = try await store.files(endpoint: "batch", limit: nil)
        #expect(stored.count == count)
        #expect(stored.first { $0.fileID == "f0" }?.metadata.name == "renamed")
        #expect(Set(stored.map(\.fileID)) == Set((0..<count).map { "f\($0)" }))
        try store.close()
    }
}
