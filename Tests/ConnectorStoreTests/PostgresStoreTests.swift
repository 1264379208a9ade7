import ConnectorModel
import ConnectorStore
import ConnectorStorePostgres
import ConnectorTestSupport
import Foundation
import Testing

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

    @Test func storeFromANewerBinaryIsRefused() async throws {
        let location = try await location()
        try await PostgresCatalogStore.withStore(location) { _ in }
        let server = try PostgresTestDatabase.serverURL()
        try await PostgresTestDatabase.admin(server, database: location.database) { client in
            try await client.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from-the-future')")
        }
        let error = try await #require(throws: StoreError.self) {
            try await PostgresCatalogStore.withStore(location) { _ in }
        }
        #expect(error.code == .newerSchema)
        #expect(error.message.contains("99"))
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
