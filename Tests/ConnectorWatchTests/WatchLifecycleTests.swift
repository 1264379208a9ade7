import Foundation
import Testing

@testable import ConnectorWatch

/// Starting, stopping and falling back: no thread or descriptor outlives the watch, and polling
/// takes over when inotify cannot be used.
@Suite(.timeLimit(.minutes(1)))
struct WatchLifecycleTests {
    @Test(arguments: [WatchStrategy.automatic, .polling(every: .milliseconds(50))])
    func cancellingTheConsumerReleasesThreadAndDescriptors(strategy: WatchStrategy) async throws {
        let fixture = try WatchFixture()
        try fixture.makeDirectory("manifests/sub")
        try fixture.write("manifests/app.yaml", "name: app\n")
        let probe = try await WatchProbe.start([fixture.path("manifests")], strategy: strategy)
        let resources = try #require(probe.seen.resources.first)
        let held = ProcessResources.identities(resources)
        #expect(resources.descriptors.count == (strategy.prefersInotify ? 3 : 2))
        #expect(held.values.allSatisfy { $0 != nil }, "descriptors are open while watching")
        #expect(resources.threadID > 0 && ProcessResources.threadExists(resources.threadID))

        await probe.stop()

        #expect(!ProcessResources.threadExists(resources.threadID), "the thread was joined")
        for (descriptor, identity) in held {
            #expect(ProcessResources.identity(of: descriptor) != identity, "descriptor \(descriptor) was closed")
        }
    }

    @Test func leavingTheLoopReleasesThreadAndDescriptors() async throws {
        let fixture = try WatchFixture()
        try fixture.write("app.yaml", "name: app\n")
        let recorded = RecordedResources()
        var watcher = ManifestWatcher(paths: [fixture.root], fingerprint: TestFingerprint.closure([fixture.root]))
        watcher.inspect = { recorded.append($0) }
        var held: [Int32: String?] = [:]
        var threadID: Int32 = 0
        do {
            var iterator = watcher.changes().makeAsyncIterator()
            let resources = try #require(recorded.all.first)
            held = ProcessResources.identities(resources)
            threadID = resources.threadID
            try fixture.write("app.yaml", "name: app\nreplicas: 2\n")
            #expect(await iterator.next() != nil)
        }
        // The iterator is gone: its session stopped the backend on deinit.
        #expect(!ProcessResources.threadExists(threadID))
        for (descriptor, identity) in held {
            #expect(ProcessResources.identity(of: descriptor) != identity)
        }
    }

    @Test func pollingSeesAnEdit() async throws {
        let fixture = try WatchFixture()
        try fixture.write("app.yaml", "name: app\n")
        let probe = try await WatchProbe.start([fixture.root], strategy: .polling(every: .milliseconds(50)))
        #expect(probe.seen.notices.first?.kind == .watching)
        try fixture.write("app.yaml", "name: app\nreplicas: 2\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([fixture.root])))
        try fixture.touch("app.yaml")
        #expect(await probe.settle(extra: .milliseconds(200)).count == 1, "a touch is no change")
        await probe.stop()
    }

    @Test func watchLimitAtStartFallsBackToPolling() async throws {
        let fixture = try WatchFixture()
        try fixture.makeDirectory("manifests/a")
        try fixture.makeDirectory("manifests/b")
        try fixture.write("manifests/a/app.yaml", "name: app\n")
        var strategy = WatchStrategy.automatic(fallbackInterval: .milliseconds(50))
        strategy.simulatedWatchLimit = 2
        let probe = try await WatchProbe.start([fixture.path("manifests")], strategy: strategy)
        let notice = try #require(probe.seen.notices.first)
        #expect(notice.kind == .fellBackToPolling)
        #expect(notice.backend == .polling(interval: .milliseconds(50)))
        #expect(notice.detail.contains("max_user_watches"), "the notice tells the operator what to raise")
        try fixture.write("manifests/a/app.yaml", "name: app\nreplicas: 2\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([fixture.path("manifests")])))
        await probe.stop()
    }

    @Test func watchLimitHitLaterFallsBackToPolling() async throws {
        let fixture = try WatchFixture()
        try fixture.makeDirectory("manifests")
        try fixture.write("manifests/app.yaml", "name: app\n")
        var strategy = WatchStrategy.automatic(fallbackInterval: .milliseconds(50))
        strategy.simulatedWatchLimit = 2  // the directory and its parent
        let directory = fixture.path("manifests")
        let probe = try await WatchProbe.start([directory], strategy: strategy)
        #expect(probe.seen.notices.first?.backend == .inotify)
        try fixture.makeDirectory("manifests/team")
        try fixture.write("manifests/team/jobs.yaml", "name: jobs\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        #expect(await probe.wait { $0.notices.last?.kind == .fellBackToPolling })
        #expect(probe.seen.resources.count == 2, "inotify, then polling")
        if let first = probe.seen.resources.first {
            #expect(!ProcessResources.threadExists(first.threadID), "the inotify thread ended")
        }
        try fixture.write("manifests/team/jobs.yaml", "name: jobs\nreplicas: 2\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        await probe.stop()
    }

    /// A watched directory that is deleted and created again: deleting it is a change (the
    /// fingerprint of a missing directory differs), its parent's watch sees it come back, and the
    /// new directory is watched like the old one.
    @Test func deletedAndRecreatedDirectoryKeepsBeingWatched() async throws {
        let fixture = try WatchFixture()
        try fixture.makeDirectory("manifests")
        try fixture.write("manifests/app.yaml", "name: app\n")
        let directory = fixture.path("manifests")
        let probe = try await WatchProbe.start([directory])
        try fixture.remove("manifests")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        try fixture.makeDirectory("manifests")
        try fixture.write("manifests/app.yaml", "name: app\nreplicas: 2\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        _ = await probe.settle()
        try fixture.write("manifests/app.yaml", "name: app\nreplicas: 3\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        await probe.stop()
    }

    @Test func pathCreatedAfterStartIsWatched() async throws {
        let fixture = try WatchFixture()
        let directory = fixture.path("later/manifests")
        let probe = try await WatchProbe.start([directory])
        try fixture.makeDirectory("later/manifests")
        try fixture.write("later/manifests/app.yaml", "name: app\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        _ = await probe.settle()
        try fixture.write("later/manifests/app.yaml", "name: app\nreplicas: 2\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        await probe.stop()
    }

    @Test func changesSinceAnOlderFingerprintReportsAtOnce() async throws {
        let fixture = try WatchFixture()
        try fixture.write("app.yaml", "name: app\n")
        let loaded = TestFingerprint.of([fixture.root])
        try fixture.write("app.yaml", "name: app\nreplicas: 2\n")  // changed before watching started
        let watcher = ManifestWatcher(paths: [fixture.root], fingerprint: TestFingerprint.closure([fixture.root]))
        var iterator = watcher.changes(since: loaded).makeAsyncIterator()
        let change = await iterator.next()
        #expect(change?.fingerprint == TestFingerprint.of([fixture.root]))
    }
}
