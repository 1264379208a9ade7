import ConnectorJSON
import ConnectorTestSupport
import Foundation
import Testing

/// `plan`, `reconcile`, `get` and `migrate` end to end on a real SQLite file (and PostgreSQL where noted).
@Suite struct ReconcileCommandTests {
    /// A working directory with `manifests/` and a store path.
    struct Workspace {
        let directory: TemporaryDirectory
        var manifests: String { directory.url("manifests") }
        var database: String { directory.url("catalog.db") }

        init() throws {
            directory = try TemporaryDirectory()
            try directory.makeDirectory("manifests")
            // The endpoints' `local.path: ./data`, relative to the manifests: an empty tree to sync.
            try directory.makeDirectory("manifests/data")
        }

        func write(_ name: String, _ text: String) throws { try directory.write("manifests/\(name).yaml", text) }
        func remove(_ name: String) throws { try FileManager.default.removeItem(atPath: directory.url("manifests/\(name).yaml")) }

        func run(_ arguments: [String], database: String? = nil) async throws -> CommandRunner.Outcome {
            try await fileConnector(["--database", database ?? self.database] + arguments, in: directory.path)
        }

        func endpoints(database: String? = nil) async throws -> [String: JSONValue] {
            let outcome = try await run(["get", "endpoints", "--output", "json"], database: database)
            let list = try JSONParser.parse(outcome.standardOutput).value["endpoints"]?.arrayValue ?? []
            return Dictionary(uniqueKeysWithValues: list.compactMap { entry in entry["name"]?.stringValue.map { ($0, entry) } })
        }
    }

    @Test func quickstartLifecycleCreateNoopUpdateRetireRevive() async throws {
        let workspace = try Workspace()
        try workspace.write("photos", localEndpoint("photos"))
        try workspace.write("models", localEndpoint("models"))

        let create = try await workspace.run(["reconcile", "manifests"])
        #expect(create.status == 0, "\(create.standardError)")
        #expect(create.standardOutput.contains("+ endpoint/photos"))
        #expect(create.standardOutput.contains("Plan: 2 to create, 0 to update, 0 to retire, 2 syncs due."), "\(create.standardOutput)")

        let again = try await workspace.run(["reconcile", "manifests"])
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("No changes"))
        #expect(again.standardOutput.contains("= endpoint/photos"))

        try workspace.write("photos", localEndpoint("photos", interval: "5m"))
        let plan = try await workspace.run(["plan", "--detailed-exitcode", "manifests"])
        #expect(plan.status == 2)
        #expect(plan.standardOutput.contains("~ endpoint/photos") && plan.standardOutput.contains("update: schedule.interval 15m -> 5m"))
        let update = try await workspace.run(["reconcile", "manifests"])
        #expect(update.status == 0)
        await #expect(try workspace.endpoints()["photos"]?["generation"] == 2)
        #expect(try await workspace.run(["plan", "--detailed-exitcode", "manifests"]).status == 0)

        try workspace.write("extra", localEndpoint("extra"))
        #expect(try await workspace.run(["reconcile", "manifests"]).status == 0)
        try workspace.remove("models")
        let retire = try await workspace.run(["reconcile", "manifests"])
        #expect(retire.status == 0)
        #expect(retire.standardOutput.contains("- endpoint/models") && retire.standardOutput.contains("retire"))
        await #expect(try workspace.endpoints()["models"]?["state"] == "retired")

        try workspace.remove("photos")
        try workspace.remove("extra")
        let everything = try await workspace.run(["reconcile", "manifests"])
        #expect(everything.status == 1, "retiring 2 of 2 active endpoints is refused")
        #expect(everything.standardError.contains("--allow-mass-retire"))
        await #expect(try workspace.endpoints()["photos"]?["state"] == "active", "refused: nothing applied")
        try workspace.write("photos", localEndpoint("photos", interval: "5m"))
        try workspace.write("extra", localEndpoint("extra"))

        try workspace.write("models", localEndpoint("models"))
        let revive = try await workspace.run(["reconcile", "manifests"])
        #expect(revive.status == 0)
        #expect(revive.standardOutput.contains("+ endpoint/models") && revive.standardOutput.contains("revive"))
        let models = try await #require(try workspace.endpoints()["models"])
        #expect(models["state"] == "active")
        #expect(models["generation"] == 2)
    }

    @Test func invalidInputAppliesNothingAndRetiresNothing() async throws {
        let workspace = try Workspace()
        try workspace.write("a", localEndpoint("a"))
        try workspace.write("b", localEndpoint("b"))
        #expect(try await workspace.run(["reconcile", "manifests"]).status == 0)
        try workspace.write("b", localEndpoint("b", interval: "sometimes"))
        try workspace.write("c", localEndpoint("c"))
        let outcome = try await workspace.run(["reconcile", "manifests"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("b.yaml:10:"))
        #expect(outcome.standardError.contains("nothing was applied"))
        let endpoints = try await workspace.endpoints()
        #expect(endpoints.keys.sorted() == ["a", "b"], "c not created")
        #expect(endpoints["b"]?["state"] == "active")
    }

    @Test func noPruneAndPruneAnnotationKeepEndpoints() async throws {
        let workspace = try Workspace()
        for name in ["a", "b", "c"] { try workspace.write(name, localEndpoint(name)) }
        #expect(try await workspace.run(["reconcile", "manifests"]).status == 0)
        try workspace.remove("c")
        let kept = try await workspace.run(["reconcile", "--no-prune", "manifests"])
        #expect(kept.status == 0)
        #expect(kept.standardOutput.contains("kept (--no-prune)"))
        await #expect(try workspace.endpoints()["c"]?["state"] == "active")
    }

    @Test func planJSONIsStable() async throws {
        let workspace = try Workspace()
        try workspace.write("a", localEndpoint("a"))
        let outcome = try await workspace.run(["plan", "--output", "json", "manifests"])
        #expect(outcome.status == 0)
        let plan = try JSONParser.parse(outcome.standardOutput).value
        #expect(plan["summary"]?["create"] == 1)
        #expect(plan["changes"]?[0]?["action"] == "create")
        #expect(plan["dueSyncs"]?[0]?["reason"] == "never synced")
        #expect(plan["hasChanges"] == true)
    }

    @Test func getFormats() async throws {
        let workspace = try Workspace()
        try workspace.write("a", localEndpoint("a"))
        _ = try await workspace.run(["reconcile", "--no-sync", "manifests"])
        let table = try await workspace.run(["get", "endpoints"])
        #expect(table.status == 0)
        #expect(
            table.standardOutput.hasPrefix(
                "NAME  STATE   GEN  PROVIDER  LAST SYNC  NEXT SYNC  FILES\na     active  1    local     never      due        0\n"))
        #expect(table.standardOutput.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let yaml = try await workspace.run(["get", "endpoints", "a", "--output", "yaml"])
        #expect(yaml.standardOutput.contains("name: \"a\""))
        let csv = try await workspace.run(["get", "endpoints", "--output", "csv"])
        #expect(csv.standardOutput.hasPrefix("name,state,generation,provider,"))
        let missing = try await workspace.run(["get", "endpoints", "nope"])
        #expect(missing.status == 1)
        let runs = try await workspace.run(["get", "runs"])
        #expect(runs.standardOutput == "ID  ENDPOINT  TRIGGER  MODE  STATUS  STARTED  CHANGES\n")
    }

    @Test func globalOptionsWorkBeforeAndAfterTheCommand() async throws {
        let workspace = try Workspace()
        try workspace.write("a", localEndpoint("a"))
        let before = try await fileConnector(["--database", workspace.database, "reconcile", "manifests"], in: workspace.directory.path)
        #expect(before.status == 0)
        let after = try await fileConnector(["get", "endpoints", "--database", workspace.database], in: workspace.directory.path)
        #expect(after.standardOutput.contains("a     active"))
        let fromEnvironment = try await fileConnector(
            ["get", "endpoints"], in: workspace.directory.path, environment: ["FILE_CONNECTOR_DATABASE": "sqlite:" + workspace.database])
        #expect(fromEnvironment.standardOutput.contains("a     active"))
    }

    @Test func storeFaultsAreOneLineErrors() async throws {
        let workspace = try Workspace()
        try workspace.write("a", localEndpoint("a"))
        let corrupt = try workspace.directory.write("corrupt.db", String(repeating: "garbage ", count: 1000))
        let outcome = try await workspace.run(["reconcile", "manifests"], database: corrupt)
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError
                == "error: store sqlite:\(corrupt): the file is not a SQLite database, or it is damaged (restore it from a backup or point --database elsewhere)\n"
        )

        // A read-only store: as root, run as `nobody` (root ignores permission bits); otherwise
        // take the write bits off the file and its directory.
        #expect(try await workspace.run(["migrate"]).status == 0)
        let readOnly: CommandRunner.Outcome
        if asNobody() != nil {
            readOnly = try await fileConnectorAsNobody(
                ["--database", workspace.database, "reconcile", "manifests"], copyingInto: try TemporaryDirectory(),
                in: workspace.directory.path)
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: workspace.database)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: workspace.directory.path)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: workspace.directory.path) }
            readOnly = try await workspace.run(["reconcile", "manifests"])
        }
        #expect(readOnly.status == 1)
        #expect(readOnly.standardError.hasPrefix("error: store sqlite:\(workspace.database): "))
        #expect(readOnly.standardError.contains("read-only") || readOnly.standardError.contains("cannot open"))
        #expect(readOnly.standardError.split(separator: "\n").count == 1)
    }

    @Test func theManifestFileAndGitRevisionAreRecorded() async throws {
        let workspace = try Workspace()
        try workspace.write("a", localEndpoint("a"))
        let git = { (arguments: [String]) async throws -> String in
            try await CommandRunner(executable: "/usr/bin/env").run(
                ["git", "-C", workspace.directory.path, "-c", "user.name=t", "-c", "user.email=t@example.com"] + arguments
            ).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        _ = try await git(["init", "-q"])
        _ = try await git(["add", "manifests"])
        _ = try await git(["commit", "-q", "-m", "manifests"])
        let head = try await git(["rev-parse", "HEAD"])
        #expect(head.count == 40)
        #expect(try await workspace.run(["reconcile", "manifests"]).status == 0)
        let endpoint = try await #require(try workspace.endpoints()["a"])
        #expect(endpoint["source"]?["revision"] == .string(head))
        #expect(endpoint["source"]?["file"] == .string(workspace.directory.path + "/manifests/a.yaml"), "recorded absolute")
    }

    @Test func twoReconcilesOnOneSQLiteFileNeverInterleave() async throws {
        try await twoConcurrentReconciles(database: nil)
    }

    @Test func twoReconcilesOnOnePostgreSQLDatabaseNeverInterleave() async throws {
        try await twoConcurrentReconciles(database: try await PostgresTestDatabase.create())
    }

    private func twoConcurrentReconciles(database: String?) async throws {
        let workspace = try Workspace()
        for index in 0..<50 { try workspace.write("e\(index)", localEndpoint("e\(index)")) }
        let target = database ?? workspace.database
        let runner = try CommandRunner()
        let started = try [0, 1].map { _ in
            try runner.start(["--database", target, "reconcile", "manifests"], in: workspace.directory.path)
        }
        var outcomes: [CommandRunner.Outcome] = []
        for command in started { outcomes.append(await command.finished()) }
        #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map(\.standardError))")
        let created = outcomes.map { $0.standardOutput.contains("Plan: 50 to create") }
        #expect(created.filter { $0 }.count == 1, "exactly one process created the endpoints; the other saw them")
        #expect(outcomes.contains { $0.standardOutput.contains("No changes") })
        let endpoints = try await workspace.endpoints(database: target)
        #expect(endpoints.count == 50)
        #expect(endpoints.values.allSatisfy { $0["generation"] == 1 })
    }
}
