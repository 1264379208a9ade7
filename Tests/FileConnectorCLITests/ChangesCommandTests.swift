import ConnectorJSON
import ConnectorTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `get changes` with the real binary: what reconciles and syncs committed, in order, filtered, from a cursor, and
/// followed as it comes until SIGINT.
@Suite struct ChangesCommandTests {
    /// The events of `get changes ... --output json`: `(sequence, type)`, and the `next` cursor.
    static func changes(_ outcome: CommandRunner.Outcome) throws -> (events: [(Int, String)], next: Int) {
        let document = try JSONParser.parse(outcome.standardOutput).value
        let events = (document["changes"]?.arrayValue ?? []).map { ($0["sequence"]?.intValue ?? -1, $0["type"]?.stringValue ?? "") }
        return (events, document["next"]?.intValue ?? -1)
    }

    @Test func reconcilesAndSyncsAreReadBackInOrder() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("manifests/tree.yaml", localEndpoint("tree", path: "../data"))
        try directory.write("manifests/other.yaml", localEndpoint("other", path: "../data"))
        try directory.write("data/a.txt", "a")
        let database = directory.url("catalog.db")
        func run(_ arguments: [String]) async throws -> CommandRunner.Outcome {
            try await fileConnector(["--database", database] + arguments, in: directory.path)
        }
        #expect(try await run(["reconcile", "--no-sync", "manifests"]).status == 0)
        #expect(try await run(["sync", "tree"]).status == 0)
        let json = try await run(["get", "changes", "--output", "json"])
        let all = try Self.changes(json)
        #expect(all.events.map(\.1) == ["endpoint.created", "endpoint.created", "sync.started", "file.created", "sync.succeeded"])
        #expect(all.events.map(\.0) == [1, 2, 3, 4, 5] && all.next == 5)
        // A file event carries the file's id, the run's correlation id, and the file's record from the catalog.
        let document = try JSONParser.parse(json.standardOutput).value
        let created = document["changes"]?.arrayValue?[3]
        let runStarted = document["changes"]?.arrayValue?[2]
        #expect(
            created?["data"]?["id"]?.stringValue == "a.txt" && created?["file"]?["path"]?.stringValue == "a.txt", "\(json.standardOutput)")
        #expect(created?["file"]?["state"]?.stringValue == "present" && created?["file"]?["size"]?.intValue == 1)
        #expect(created?["correlationId"] == runStarted?["correlationId"] && created?["correlationId"]?.stringValue != nil)

        let after = try Self.changes(try await run(["get", "changes", "tree", "--since", "2", "--output", "json"]))
        #expect(after.events.map(\.1) == ["sync.started", "file.created", "sync.succeeded"] && after.next == 5)
        let started = try Self.changes(try await run(["get", "changes", "--type", "sync.started", "--output", "json"]))
        #expect(started.events.map(\.0) == [3])
        let csv = try await run(["get", "changes", "--since", "3", "--output", "csv"])
        #expect(
            csv.standardOutput.hasPrefix("sequence,time,type,endpoint,correlation_id,data,path\r\n4,")
                && csv.standardOutput.contains(#","{""id"":""a.txt""}",a.txt"#), "\(csv.standardOutput)")
        let table = try await run(["get", "changes", "tree"])
        #expect(table.standardOutput.contains("sync.succeeded") && table.standardOutput.contains("+1 ~0 -0"), "\(table.standardOutput)")
        #expect(table.standardOutput.contains("file.created") && table.standardOutput.contains("a.txt"), "\(table.standardOutput)")

        // The file changed and another came: an update with the fields that changed, a creation.
        try directory.write("data/a.txt", "a, longer")
        try directory.write("data/b.txt", "b")
        #expect(try await run(["sync", "tree"]).status == 0)
        let second = try await run(["get", "changes", "tree", "--since", "5", "--type", "file.created", "--type", "file.updated"])
        let lines = second.standardOutput.split(separator: "\n").dropFirst().map {
            $0.split(separator: " ", omittingEmptySubsequences: true)
        }
        #expect(
            lines.map { "\($0[2]) \($0[4...].joined(separator: " "))" } == ["file.created b.txt", "file.updated a.txt (size, modifiedAt)"],
            "\(second.standardOutput)")

        // A manifest removed: its endpoint is retired.
        try FileManager.default.removeItem(atPath: directory.url("manifests/other.yaml"))
        #expect(try await run(["reconcile", "--no-sync", "manifests"]).status == 0)
        let retired = try Self.changes(try await run(["get", "changes", "other", "--since", "5", "--output", "json"]))
        #expect(retired.events.map(\.1) == ["endpoint.retired"])

        let wrong = try await run(["get", "changes", "--type", "file.bogus"])
        #expect(wrong.status != 0 && wrong.standardError.contains("--type"), "\(wrong.standardError)")
        let misplaced = try await run(["get", "runs", "--follow"])
        #expect(misplaced.status != 0 && misplaced.standardError.contains("get changes"), "\(misplaced.standardError)")
    }

    /// `-l` picks the endpoints by their labels, as kubectl's does; a selector it cannot read is refused before the
    /// store is opened.
    @Test func aLabelSelectorPicksTheEndpoints() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("manifests/prod.yaml", localEndpoint("prod-files", path: "../data", labels: ["env": "prod", "tier": "a"]))
        try directory.write("manifests/dev.yaml", localEndpoint("dev-files", path: "../data", labels: ["env": "dev"]))
        try directory.write("manifests/bare.yaml", localEndpoint("bare-files", path: "../data"))
        try directory.write("data/a.txt", "a")
        let database = directory.url("catalog.db")
        func endpoints(_ selector: String) async throws -> Set<String> {
            let outcome = try await fileConnector(
                ["--database", database, "get", "changes", "-l", selector, "--output", "json"], in: directory.path)
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let document = try JSONParser.parse(outcome.standardOutput).value
            return Set((document["changes"]?.arrayValue ?? []).compactMap { $0["endpoint"]?.stringValue })
        }
        #expect(try await fileConnector(["--database", database, "reconcile", "manifests"], in: directory.path).status == 0)
        #expect(try await endpoints("env=prod") == ["prod-files"])
        #expect(try await endpoints("env in (prod,dev),tier!=a") == ["dev-files"])
        #expect(try await endpoints("!env") == ["bare-files"])
        #expect(try await endpoints("env,env notin (prod)") == ["dev-files"])
        #expect(try await endpoints("team=data").isEmpty)
        let wrong = try await fileConnector(["--database", database, "get", "changes", "-l", "env in prod"], in: directory.path)
        #expect(wrong.status != 0 && wrong.standardError.contains("--selector") && wrong.standardError.contains("\"(\" is expected"))
        let elsewhere = try await fileConnector(["--database", database, "get", "files", "-l", "env=prod"], in: directory.path)
        #expect(elsewhere.status != 0 && elsewhere.standardError.contains("get changes"))
    }

    @Test func followWritesNewChangesAsTheyComeUntilInterrupted() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("manifests/tree.yaml", localEndpoint("tree", path: "../data"))
        try directory.write("data/a.txt", "a")
        let database = directory.url("catalog.db")
        #expect(try await fileConnector(["--database", database, "reconcile", "--no-sync", "manifests"], in: directory.path).status == 0)
        let follower = try CommandRunner().start(
            ["--database", database, "get", "changes", "--follow", "--output", "json"], in: directory.path)
        try await Task.sleep(for: .seconds(1))
        #expect(try await fileConnector(["--database", database, "sync", "tree"], in: directory.path).status == 0)
        try await Task.sleep(for: .seconds(2.5))
        follower.signal(SIGINT)
        let outcome = await follower.finished()
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let types = try outcome.standardOutput.split(separator: "\n").map { try JSONParser.parse(String($0)).value["type"]?.stringValue }
        #expect(
            types == ["endpoint.created", "sync.started", "file.created", "sync.succeeded"],
            "one JSON object per line: \(outcome.standardOutput)")
    }
}
