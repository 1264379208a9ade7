import ConnectorModel
import ConnectorStore
import ConnectorTestSupport
import Foundation
import GRDB
import PostgresNIO
import Testing

@testable import ConnectorStorePostgres
@testable import ConnectorStoreSQLite

/// A store written by the release before migration 10 (1 to 9 applied) keeps its files and their last sightings, and
/// its first full listing after the upgrade sights what it finds unchanged and sweeps the rest.
@Suite struct ListingSightingsUpgradeTests {
    static let released = Date(timeIntervalSince1970: 1_795_000_000)

    /// The first listing after the upgrade: a seen unchanged, b not seen.
    static func listAfterUpgrade(_ store: any CatalogStore) async throws {
        let before = try await store.files(endpoint: "old", limit: nil)
        #expect(before.map(\.lastSeenAt) == [released, released], "last sightings carried over: \(before)")
        let listing = released.addingTimeInterval(3600)
        let a = CatalogFile(
            endpoint: "old", metadata: FileMetadata(id: "a", name: "a", path: "a", size: 1), firstSeenAt: listing,
            lastSeenAt: listing, contentHash: "x")
        let counts = try await store.applySyncPage(
            SyncPageWrite(endpoint: "old", files: [a], seenAt: listing.addingTimeInterval(1), cursor: nil, listingStartedAt: listing))
        #expect(counts == SyncPageCounts(unchanged: 1))
        let removed = try await store.completeListing(
            endpoint: "old", listingStartedAt: listing, ending: .sweep, cursor: "{}", at: listing.addingTimeInterval(2),
            correlationID: nil)
        #expect(removed == 1)
        let after = Dictionary(uniqueKeysWithValues: try await store.files(endpoint: "old", limit: nil).map { ($0.fileID, $0) })
        #expect(after["a"]?.state == .present && after["a"]?.lastSeenAt == listing)
        #expect(after["b"]?.state == .removed && after["b"]?.lastSeenAt == released)
    }

    @Test func aSQLiteStoreOfTheLastReleaseUpgrades() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.url("release.db")
        try await SQLiteUpgradeTests.writeStore(
            at: path, migrations: 9,
            """
            INSERT INTO endpoints (name, provider, spec, spec_hash, scope_hash, generation, state, created_at, updated_at)
            VALUES ('old', 'local', '{}', 'h', 's', 1, 'active', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
            INSERT INTO files (endpoint, file_id, name, path, size, state, first_seen_at, last_seen_at, content_hash)
            VALUES ('old', 'a', 'a', 'a', 1, 'present', '2026-11-18T11:06:40.000Z', '2026-11-18T11:06:40.000Z', 'x'),
                   ('old', 'b', 'b', 'b', 1, 'present', '2026-11-18T11:06:40.000Z', '2026-11-18T11:06:40.000Z', 'y');
            """)
        let store = try await SQLiteCatalogStore(path: path)
        #expect(try await store.appliedMigrations() == StoreMigration.all)
        try await Self.listAfterUpgrade(store)
        try store.close()
    }

    @Test func aPostgreSQLStoreOfTheLastReleaseUpgrades() async throws {
        let location = try PostgresLocation(parsing: try await PostgresTestDatabase.create())
        let server = try PostgresTestDatabase.serverURL()
        _ = try await PostgresTestDatabase.admin(server, database: location.database) { client in
            try await client.query(PostgresQuery(unsafeSQL: PostgresSchema.migrationsTable))
            for migration in StoreMigration.all.prefix(9) {
                for statement in PostgresSchema.statements(for: migration) { try await client.query(PostgresQuery(unsafeSQL: statement)) }
                try await client.query("INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))")
            }
            try await client.query(
                """
                INSERT INTO endpoints (name, provider, spec, spec_hash, scope_hash, generation, state, created_at, updated_at)
                VALUES ('old', 'local', '{}', 'h', 's', 1, 'active', \(Self.released), \(Self.released))
                """)
            try await client.query(
                """
                INSERT INTO files (endpoint, file_id, name, path, size, state, first_seen_at, last_seen_at, content_hash)
                VALUES ('old', 'a', 'a', 'a', 1, 'present', \(Self.released), \(Self.released), 'x'),
                       ('old', 'b', 'b', 'b', 1, 'present', \(Self.released), \(Self.released), 'y')
                """)
        }
        try await PostgresCatalogStore.withStore(location) { store in
            #expect(try await store.appliedMigrations() == StoreMigration.all)
            try await Self.listAfterUpgrade(store)
        }
    }
}
