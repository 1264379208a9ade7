import ConnectorStore
import ConnectorTestSupport
import Foundation
import PostgresNIO
import Testing

/// `plan`, `reconcile --dry-run` and `get` write nothing to the store (docs/cli.md: "the diff; nothing written"): not a
/// new SQLite file, not a migration. A pull-request job that plans against production must leave it as it was.
@Suite struct ReadOnlyCommandTests {
    typealias Workspace = ReconcileCommandTests.Workspace

    @Test func aMissingSQLiteStoreReadsAsEmptyAndIsNotCreated() async throws {
        let workspace = try Workspace()
        try workspace.write("photos", localEndpoint("photos"))
        let plan = try await workspace.run(["plan", "--detailed-exitcode", "manifests"])
        #expect(plan.status == 2, "\(plan.standardError)")
        #expect(plan.standardOutput.contains("+ endpoint/photos"), "\(plan.standardOutput)")
        let dryRun = try await workspace.run(["reconcile", "--dry-run", "manifests"])
        #expect(dryRun.status == 0 && dryRun.standardOutput.contains("+ endpoint/photos"), "\(dryRun.standardError)")
        for kind in ["endpoints", "files", "runs"] {
            let get = try await workspace.run(["get", kind, "--output", "json"])
            #expect(get.status == 0, "get \(kind): \(get.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.database), "no store file was created")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.directory.path).sorted() == ["manifests"])

        // What writes still creates it.
        #expect(try await workspace.run(["reconcile", "--no-sync", "manifests"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: workspace.database))
    }

    @Test func aNeverMigratedPostgreSQLDatabaseReadsAsEmptyAndStaysEmpty() async throws {
        let workspace = try Workspace()
        try workspace.write("photos", localEndpoint("photos"))
        let database = try await PostgresTestDatabase.create()
        let plan = try await workspace.run(["plan", "manifests"], database: database)
        #expect(plan.status == 0 && plan.standardOutput.contains("+ endpoint/photos"), "\(plan.standardError)")
        #expect(try await workspace.run(["get", "endpoints"], database: database).status == 0)
        #expect(try await Self.tables(database).isEmpty, "no table was created")
    }

    @Test func aStoreThatNeedsMigrationsIsRefusedAndLeftAsItWas() async throws {
        let workspace = try Workspace()
        try workspace.write("photos", localEndpoint("photos"))
        let database = try await PostgresTestDatabase.create()
        #expect(try await workspace.run(["reconcile", "--no-sync", "manifests"], database: database).status == 0)
        // As if the store had been migrated by the previous release: the newest migration not yet applied.
        let newest = try #require(StoreMigration.all.last)
        _ = try await Self.admin(database) { client in
            try await client.query("DELETE FROM schema_migrations WHERE version = \(newest.version)")
        }

        for arguments in [["plan", "manifests"], ["reconcile", "--dry-run", "manifests"], ["get", "endpoints"]] {
            let outcome = try await workspace.run(arguments, database: database)
            #expect(outcome.status == 1, "\(arguments): \(outcome.standardOutput)")
            #expect(outcome.standardError.contains(newest.identifier), "\(outcome.standardError)")
            #expect(outcome.standardError.contains("run `file-connector migrate` first"), "\(outcome.standardError)")
            #expect(!outcome.standardError.contains(try #require(URL(string: database)?.password)), "no password")
        }
        let versions = try await Self.admin(database) { client in
            var versions: [Int] = []
            for try await version in try await client.query("SELECT version FROM schema_migrations ORDER BY version").decode(Int.self) {
                versions.append(version)
            }
            return versions
        }
        #expect(versions == StoreMigration.all.dropLast().map(\.version), "nothing was migrated")
    }

    private static func admin<Result: Sendable>(
        _ database: String, _ body: @Sendable (PostgresClient) async throws -> Result
    ) async throws -> Result {
        let name = try #require(URL(string: database)?.path.dropFirst().description)
        return try await PostgresTestDatabase.admin(try PostgresTestDatabase.serverURL(), database: name, body)
    }

    private static func tables(_ database: String) async throws -> [String] {
        try await admin(database) { client in
            var names: [String] = []
            for try await name in try await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").decode(String.self)
            {
                names.append(name)
            }
            return names
        }
    }
}
