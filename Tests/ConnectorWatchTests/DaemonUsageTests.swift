import Testing

@testable import ConnectorWatch

/// How the daemon uses the watcher: a `for await` loop inside an actor, ended by cancellation.
@Suite(.timeLimit(.minutes(1)))
struct DaemonUsageTests {
    actor Reconciler {
        private(set) var applied: [String?] = []

        func run(_ watcher: ManifestWatcher) async {
            for await change in watcher.changes() {
                applied.append(change.fingerprint)
            }
        }
    }

    @Test func actorConsumesChangesUntilCancelled() async throws {
        let fixture = try WatchFixture()
        try fixture.write("app.yaml", "name: app\n")
        let started = RecordedNotices()
        let watcher = ManifestWatcher(
            paths: [fixture.root], fingerprint: TestFingerprint.closure([fixture.root]),
            report: { started.append($0) })
        let reconciler = Reconciler()
        let loop = Task { await reconciler.run(watcher) }
        #expect(await started.waitForFirst())
        try fixture.write("app.yaml", "name: app\nreplicas: 2\n")
        let expected = TestFingerprint.of([fixture.root])
        var applied: [String?] = []
        let deadline = ContinuousClock.now + .seconds(30)
        while applied.isEmpty && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            applied = await reconciler.applied
        }
        #expect(applied == [expected])
        loop.cancel()
        await loop.value
    }
}
