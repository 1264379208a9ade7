import ConnectorJSON
import ConnectorTestSupport
import Foundation
import Testing

/// `plan` and `reconcile` show the manifests' version beside the store's and refuse to go backwards unless told to;
/// each kind of source has an order that follows what users do to it.
@Suite struct ManifestVersionCommandTests {
    @Test func olderConfigMapManifestsAreRefusedUnlessAllowed() async throws {
        let directory = try TemporaryDirectory()
        try ManifestSkewTests.project(["alpha.yaml": localEndpoint("alpha", interval: "1h")], into: "old", in: directory)
        try await Task.sleep(for: .milliseconds(20))
        try ManifestSkewTests.project(["alpha.yaml": localEndpoint("alpha", interval: "2h")], into: "new", in: directory)
        let database = directory.url("catalog.db")
        let applied = try await fileConnector(["--database", database, "reconcile", "new", "--no-sync"], in: directory.path)
        #expect(applied.status == 0 && applied.standardOutput.hasPrefix("Manifests: configmap ..20"), "\(applied.standardOutput)")
        #expect(applied.standardOutput.contains("the store has none yet"))

        let plan = try await fileConnector(["--database", database, "plan", "old"], in: directory.path)
        #expect(plan.status == 1 && plan.standardOutput.contains("Refused: these manifests (configmap ..20"), "\(plan.standardOutput)")
        let refused = try await fileConnector(["--database", database, "reconcile", "old", "--no-sync"], in: directory.path)
        #expect(
            refused.status == 1 && refused.standardError.contains("older than the ones the store last applied"), "\(refused.standardError)")
        let endpoint = try await fileConnector(["--database", database, "get", "endpoints", "alpha", "-o", "json"])
        #expect(endpoint.standardOutput.contains(#""interval": "2h""#), "nothing went back")

        let json = try await fileConnector(["--database", database, "plan", "old", "-o", "json"], in: directory.path)
        let manifests = try JSONParser.parse(json.standardOutput).value["manifests"]
        #expect(manifests?["verdict"]?.stringValue == "behind" && manifests?["stored"]?["source"]?.stringValue == "configmap")

        let forced = try await fileConnector(
            ["--database", database, "reconcile", "old", "--no-sync", "--allow-older-manifests"], in: directory.path)
        #expect(forced.status == 0 && forced.standardOutput.contains("update: schedule.interval 2h -> 1h"), "\(forced.standardOutput)")
        let back = try await fileConnector(["--database", database, "plan", "new"], in: directory.path)
        #expect(
            back.status == 0 && back.standardOutput.contains("update: schedule.interval 1h -> 2h"), "newer again: \(back.standardOutput)")
    }

    @Test func removingAManifestFileIsANewerVersion() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("manifests/alpha.yaml", localEndpoint("alpha"))
        try directory.write("manifests/beta.yaml", localEndpoint("beta"))
        let database = directory.url("catalog.db")
        let first = try await fileConnector(["--database", database, "reconcile", "manifests", "--no-sync"], in: directory.path)
        #expect(first.status == 0 && first.standardOutput.hasPrefix("Manifests: files of 20"), "\(first.standardOutput)")
        try await Task.sleep(for: .milliseconds(20))
        // beta.yaml was the newest file; without it the newest file is older, but its directory changed.
        try FileManager.default.removeItem(atPath: directory.url("manifests/beta.yaml"))
        let second = try await fileConnector(
            ["--database", database, "reconcile", "manifests", "--no-sync", "--allow-mass-retire"], in: directory.path)
        #expect(second.status == 0 && second.standardOutput.contains("- endpoint/beta"), "\(second.standardOutput)\(second.standardError)")
    }

    @Test func aGitWorkTreeIsVersionedByItsCommit() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("repo/manifests/alpha.yaml", localEndpoint("alpha"))
        let git = try CommandRunner(executable: "/usr/bin/git")
        let repo = directory.url("repo")
        for arguments in [
            ["init", "-q"], ["-c", "user.name=t", "-c", "user.email=t@example.com", "add", "."],
            ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "first"],
        ] {
            let outcome = try await git.run(arguments, in: repo)
            #expect(outcome.status == 0, "\(outcome.standardError)")
        }
        let head = try await git.run(["rev-parse", "HEAD"], in: repo).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let database = directory.url("catalog.db")
        let applied = try await fileConnector(["--database", database, "reconcile", "repo/manifests", "--no-sync"], in: directory.path)
        #expect(applied.standardOutput.hasPrefix("Manifests: git \(head.prefix(12)) of 20"), "\(applied.standardOutput)")

        // An uncommitted edit is newer than the commit.
        try await Task.sleep(for: .milliseconds(20))
        try directory.write("repo/manifests/alpha.yaml", localEndpoint("alpha", interval: "5m"))
        let edited = try await fileConnector(["--database", database, "reconcile", "repo/manifests", "--no-sync"], in: directory.path)
        #expect(edited.status == 0 && edited.standardOutput.contains("git \(head.prefix(12))"), "\(edited.standardOutput)")
        #expect(edited.standardOutput.contains("update: schedule.interval 15m -> 5m"))

        // Committed within the same second (a commit's time has whole seconds): history, not time, orders them.
        let commit = try await git.run(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "second"], in: repo)
        #expect(commit.status == 0, "\(commit.standardError)")
        let committed = try await fileConnector(["--database", database, "reconcile", "repo/manifests", "--no-sync"], in: directory.path)
        #expect(committed.status == 0, "a later commit applies: \(committed.standardOutput)\(committed.standardError)")
        // The first commit checked out again is behind the second, whatever the times say.
        #expect(try await git.run(["checkout", "-q", head], in: repo).status == 0)
        let older = try await fileConnector(["--database", database, "reconcile", "repo/manifests", "--no-sync"], in: directory.path)
        #expect(older.status == 1 && older.standardError.contains("older than the ones the store last applied"), "\(older.standardOutput)")

        // Standard input has no version: it is applied, and the store's version stays.
        let piped = try await fileConnector(
            ["--database", database, "reconcile", "-", "--no-sync"], standardInput: localEndpoint("alpha", interval: "7m"))
        #expect(piped.status == 0 && piped.standardOutput.hasPrefix("Manifests: standard input (no version); the store has git"))
    }
}
