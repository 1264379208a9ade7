import ConnectorModel
import ConnectorStore
import ConnectorTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

@testable import ConnectorStorePostgres

/// The store conformance suite and the PostgreSQL-specific faults, on the real server that
/// `scripts/test.sh` starts. Without it these tests fail rather than skip.
@Suite struct PostgresStoreTests {
    func location() async throws -> PostgresLocation {
        try PostgresLocation(parsing: try await PostgresTestDatabase.create())
    }

    @Test(arguments: StoreConformance.checks)
    func conformance(check: String) async throws {
        let location = try await location()
        try await StoreConformance.run(check) { body in
            try await PostgresCatalogStore.withStore(location) { store in try await body(store) }
        }
    }

    @Test func wrongPasswordIsAnAuthenticationErrorWithoutThePassword() async throws {
        var location = try await location()
        location.password = "definitely-wrong-password-canary"
        let error = try await #require(throws: StoreError.self) {
            try await PostgresCatalogStore.withStore(location) { _ in }
        }
        #expect(error.code == .authentication)
        #expect(!error.description.contains("definitely-wrong-password-canary"))
        #expect(error.description.hasPrefix("store postgres://"))
    }

    /// A migration waits for another process's migration (the writer lock) however long it takes: with the deadline
    /// of twice the connect timeout around all of it, it failed as "no answer in time" (and so did migrations on a
    /// loaded server).
    ///
    /// The lock is held by one statement that the server ends by itself after 25 s, whatever becomes of the test: a
    /// lock held by a session of the test's own client outlived the test when its time limit cancelled it, and the
    /// migration waiting for that lock kept the whole test process waiting for ever.
    @Test(.timeLimit(.minutes(2)))
    func aMigrationWaitsForAnotherProcesssMigration() async throws {
        let url = try await PostgresTestDatabase.create()
        let location = try PostgresLocation(parsing: url)
        let server = try #require(URL(string: url))
        let database = String(server.path.dropFirst())
        let key = PostgresSchema.writerLockKey
        async let held: Void = PostgresTestDatabase.admin(server, database: database) { client in
            _ = try await client.query("SELECT pg_advisory_xact_lock(\(key)), pg_sleep(25)").collect()
        }
        // Once the holder has the lock, open the store (five seconds to connect, so its first answer has ten; the lock
        // is held for longer than that, which the whole migration used to have) and watch it wait for the lock.
        async let waited: Bool = PostgresTestDatabase.admin(server, database: database) { client in
            while try await Self.bool(client, "SELECT pg_try_advisory_xact_lock(\(key))") {
                try await Task.sleep(for: .milliseconds(50))
            }
            async let opened: Void = PostgresCatalogStore.withStore(location, connectTimeout: .seconds(5)) { _ in }
            var seenWaiting = false
            for _ in 0..<200 where !seenWaiting {
                seenWaiting = try await Self.bool(
                    client,
                    """
                    SELECT count(*) > 0 FROM pg_locks JOIN pg_database ON pg_database.oid = pg_locks.database
                    WHERE datname = current_database() AND locktype = 'advisory' AND NOT granted
                    """)
                if !seenWaiting { try await Task.sleep(for: .milliseconds(50)) }
            }
            try await opened
            return seenWaiting
        }
        #expect(try await waited, "the migration was seen waiting for the writer lock")
        try await held
        let pending = try await PostgresCatalogStore.withStore(location, migrating: false) { try await $0.pendingMigrations() }
        #expect(pending.isEmpty)
    }

    private static func bool(_ client: PostgresClient, _ sql: String) async throws -> Bool {
        for try await value in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(Bool.self) { return value }
        return false
    }

    @Test(.timeLimit(.minutes(1)))
    func unreachableServerFailsPromptly() async throws {
        let location = try PostgresLocation(parsing: "postgres://fc:secret-canary@127.0.0.1:1/catalog?sslmode=disable")
        let started = ContinuousClock.now
        let error = try await #require(throws: StoreError.self) {
            try await PostgresCatalogStore.withStore(location, connectTimeout: .seconds(2)) { _ in }
        }
        #expect(error.code == .unreachable)
        #expect(!error.description.contains("secret-canary"))
        #expect(ContinuousClock.now - started < .seconds(15))
    }

    @Test func openingWithoutMigratingReadsThePendingMigrationsAndWritesNothing() async throws {
        let location = try await location()
        let pending = try await PostgresCatalogStore.withStore(location, migrating: false) { store in try await store.pendingMigrations() }
        #expect(pending == StoreMigration.all)
        let server = try PostgresTestDatabase.serverURL()
        let tables = try await PostgresTestDatabase.admin(server, database: location.database) { client in
            var count = 0
            for try await value in try await client.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").decode(Int.self) {
                count = value
            }
            return count
        }
        #expect(tables == 0, "not even the migrations table was created")
        let after = try await PostgresCatalogStore.withStore(location) { store in try await store.pendingMigrations() }
        #expect(after.isEmpty)
    }

    @Test func storeFromANewerBinaryIsRefused() async throws {
        let location = try await location()
        try await PostgresCatalogStore.withStore(location) { _ in }
        let server = try PostgresTestDatabase.serverURL()
        _ = try await PostgresTestDatabase.admin(server, database: location.database) { client in
            try await client.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from-the-future')")
        }
        let error = try await #require(throws: StoreError.self) {
            try await PostgresCatalogStore.withStore(location) { _ in }
        }
        #expect(error.code == .newerSchema)
        #expect(error.message.contains("99"))
    }

    /// A first sync fills `files` long before autovacuum analyzes it; without statistics the planner answers each
    /// page's id lookup by scanning the endpoint's rows. The store analyzes after bulk writes instead: not for a
    /// few rows, and once 10,000 rows have been written.
    @Test func bulkSyncWritesRefreshThePlannerStatistics() async throws {
        let location = try await location()
        let server = try PostgresTestDatabase.serverURL()
        @Sendable func lastAnalyzed() async throws -> Date? {
            try await PostgresTestDatabase.admin(server, database: location.database) { client in
                var analyzed: Date?
                let rows = try await client.query("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'files'")
                for try await value in rows.decode(Date?.self) { analyzed = value }
                return analyzed
            }
        }
        try await PostgresCatalogStore.withStore(location) { store in
            _ = try await store.reconcile { _ in ([EndpointWrite(record: try StoreConformance.sample("bulk"), resetsCursor: false)], ()) }
            let seen = Date(timeIntervalSince1970: 1_795_000_000)
            func page(_ range: Range<Int>) -> SyncPageWrite {
                let files = range.map { index in
                    CatalogFile(
                        endpoint: "bulk", metadata: FileMetadata(id: "f\(index)", name: "f\(index)", path: "f\(index)"),
                        state: .present, firstSeenAt: seen, lastSeenAt: seen, contentHash: "h\(index)")
                }
                return SyncPageWrite(endpoint: "bulk", files: files, seenAt: seen, cursor: nil)
            }
            _ = try await store.applySyncPage(page(0..<9_000))
            // The statistics collector reports asynchronously; give it time to show an analyze that should not exist.
            try await Task.sleep(for: .milliseconds(700))
            #expect(try await lastAnalyzed() == nil, "9,000 rows: no analyze yet")
            _ = try await store.applySyncPage(page(9_000..<10_000))
            try await eventually("the table is analyzed once 10,000 rows are written") { try await lastAnalyzed() != nil }
        }
    }

    /// A page found all unchanged is marked seen by the rows' physical addresses in the statement that classified it.
    /// A row another transaction updates meanwhile has moved, and PostgreSQL skips it without a word: the page must
    /// then store no cursor and be written again by key, or the file would look unseen to the sweep.
    @Test func aRowUpdatedDuringAnUnchangedPageIsStillMarkedSeen() async throws {
        let location = try await location()
        let server = try PostgresTestDatabase.serverURL()
        let first = Date(timeIntervalSince1970: 1_795_000_000)
        let again = first.addingTimeInterval(60)
        let files = (0..<50).map { index in
            CatalogFile(
                endpoint: "moved", metadata: FileMetadata(id: "f\(index)", name: "f\(index)", path: "f\(index)"),
                state: .present, firstSeenAt: first, lastSeenAt: first, contentHash: "h\(index)")
        }
        try await PostgresCatalogStore.withStore(location) { store in
            _ = try await store.reconcile { _ in ([EndpointWrite(record: try StoreConformance.sample("moved"), resetsCursor: false)], ()) }
            _ = try await store.applySyncPage(SyncPageWrite(endpoint: "moved", files: files, seenAt: first, cursor: "c1"))
            try await PostgresTestDatabase.admin(server, database: location.database) { admin in
                let (release, locked) = (AsyncStream.makeStream(of: Void.self), AsyncStream.makeStream(of: Void.self))
                let holder = Task {
                    try await admin.withTransaction(logger: Logger(label: "test.postgres")) { connection in
                        try await connection.query(
                            "UPDATE files SET name = name || '' WHERE file_id = 'f25'", logger: Logger(label: "test.postgres"))
                        locked.continuation.yield()
                        for await _ in release.stream { break }
                    }
                }
                for await _ in locked.stream { break }
                // The page's statement waits for the row lock, then finds the row moved.
                let page = Task {
                    try await store.applySyncPage(SyncPageWrite(endpoint: "moved", files: files, seenAt: again, cursor: "c2"))
                }
                try await eventually("the page waits for the locked row") {
                    var waiting = 0
                    for try await count in try await admin.query(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%WITH endpoint AS%'"
                    ).decode(Int.self) {
                        waiting = count
                    }
                    return waiting > 0
                }
                release.continuation.yield()
                try await holder.value
                let counts = try await page.value
                #expect(counts.unchanged == 50)
            }
            let stored = try await store.files(endpoint: "moved", ids: ["f25", "f24"])
            #expect(stored.count == 2 && stored.allSatisfy { $0.lastSeenAt == again }, "\(stored.map(\.lastSeenAt))")
            #expect(try await store.syncState(endpoint: "moved").cursor == "c2")
        }
    }

    /// A re-sync updates every row it sees; half-empty pages let PostgreSQL do that in place (see migration 6).
    @Test func reSyncsUpdateSeenRowsInPlace() async throws {
        let location = try await location()
        try await PostgresCatalogStore.withStore(location) { store in
            _ = try await store.reconcile { _ in ([EndpointWrite(record: try StoreConformance.sample("hot"), resetsCursor: false)], ()) }
            let first = Date(timeIntervalSince1970: 1_795_000_000)
            let files = (0..<300).map { index in
                CatalogFile(
                    endpoint: "hot", metadata: FileMetadata(id: "f\(index)", name: "f\(index)", path: "f\(index)"),
                    state: .present, firstSeenAt: first, lastSeenAt: first, contentHash: "h\(index)")
            }
            _ = try await store.applySyncPage(SyncPageWrite(endpoint: "hot", files: files, seenAt: first, cursor: nil))
            let again = try await store.applySyncPage(
                SyncPageWrite(endpoint: "hot", files: files, seenAt: first.addingTimeInterval(60), cursor: nil))
            #expect(again.unchanged == 300)
        }
        let server = try PostgresTestDatabase.serverURL()
        try await PostgresTestDatabase.admin(server, database: location.database) { client in
            var options: [String] = []
            for try await value in try await client.query("SELECT unnest(reloptions) FROM pg_class WHERE relname = 'files'").decode(
                String.self)
            {
                options.append(value)
            }
            #expect(options.contains("fillfactor=45"), "\(options)")
            try await eventually("the 300 seen-again updates were heap-only") {
                var hot = 0
                for try await value in try await client.query(
                    "SELECT n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'files'"
                ).decode(Int.self) { hot = value }
                return hot == 300
            }
        }
    }

    @Test func plannerStatisticsAreRefreshedAsTheWrittenRowsDouble() {
        var schedule = PlannerStatisticsSchedule()
        var refreshedAt: [Int] = []
        for written in stride(from: 1_000, through: 200_000, by: 1_000) where schedule.recordWrites(1_000) {
            refreshedAt.append(written)
        }
        #expect(refreshedAt == [10_000, 20_000, 40_000, 80_000, 160_000])
        var quiet = PlannerStatisticsSchedule()
        #expect(!(0..<9).map { _ in quiet.recordWrites(1_000) }.contains(true), "9,000 rows: not yet")
    }

    @Test func urlsAreParsedAndRedacted() throws {
        let location = try PostgresLocation(parsing: "postgresql://app:p%40ss@db.example.com:6543/catalog?sslmode=verify-full")
        #expect(location.host == "db.example.com")
        #expect(location.port == 6543)
        #expect(location.username == "app")
        #expect(location.password == "p@ss")
        #expect(location.database == "catalog")
        #expect(location.sslMode == "verify-full")
        #expect(location.description == "postgres://app@db.example.com:6543/catalog?sslmode=verify-full")
        #expect(throws: StoreError.self) { try PostgresLocation(parsing: "postgres://app@db/catalog?sslmode=maybe") }
        let socket = try PostgresLocation(parsing: "postgres://app@/catalog?host=/run/postgresql")
        #expect(socket.socketDirectory == "/run/postgresql")
    }
}
