import ConnectorReconciler
import ConnectorStoreSQLite
import ConnectorTestSupport
import Foundation
import Testing

/// A daemon keeps one `Reconciler` for its life while its checkout moves on (`git pull`, a git-sync sidecar): each
/// pass records the commit the manifests came from then, not the one seen first.
@Suite struct DaemonRevisionTests {
    @Test func eachPassRecordsTheCommitTheManifestsCameFrom() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("manifests/alpha.yaml", localManifest("alpha"))
        try directory.makeDirectory("data")
        let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
        defer { try? store.close() }
        let reconciler = try Reconciler(environment: [:])
        let paths = [directory.url("manifests")]

        func recordedRevision() async throws -> String? {
            try await store.snapshot().endpoints["alpha"]?.sourceRevision
        }
        _ = try await reconciler.reconcile(paths: paths, store: store)
        #expect(try await recordedRevision() == nil, "not yet a git work tree")

        try await git(directory, "init", "-q")
        try await git(directory, "add", "manifests")
        try await git(directory, "commit", "-q", "-m", "first")
        try directory.write("manifests/alpha.yaml", localManifest("alpha", interval: "5m"))
        _ = try await reconciler.reconcile(paths: paths, store: store)
        #expect(try await recordedRevision() == (try await git(directory, "rev-parse", "HEAD")) + "+dirty", "uncommitted")

        try await git(directory, "commit", "-q", "-am", "second")
        try directory.write("manifests/alpha.yaml", localManifest("alpha", interval: "10m"))
        try await git(directory, "commit", "-q", "-am", "third")
        _ = try await reconciler.reconcile(paths: paths, store: store)
        #expect(try await recordedRevision() == (try await git(directory, "rev-parse", "HEAD")), "the new commit")
    }

    /// Runs git in `directory` and returns its output, trimmed; a failing git fails the test.
    @discardableResult
    private func git(_ directory: TemporaryDirectory, _ arguments: String...) async throws -> String {
        let outcome = try await CommandRunner(executable: "/usr/bin/env").run(
            ["git", "-C", directory.path, "-c", "user.name=t", "-c", "user.email=t@example.com"] + arguments)
        try #require(outcome.status == 0, "git \(arguments.joined(separator: " ")): \(outcome.standardError)")
        return outcome.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
