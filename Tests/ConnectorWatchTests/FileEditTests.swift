import Foundation
import NIOConcurrencyHelpers
import Testing

@testable import ConnectorWatch

/// Edits of manifest files in a watched directory, the way people and tools make them.
@Suite(.timeLimit(.minutes(1)))
struct FileEditTests {
    /// A directory `manifests/` with `app.yaml` and `db.yaml`, watched.
    static func watchedDirectory(
        debounce: Duration = .milliseconds(200), maxDelay: Duration = .seconds(1)
    ) async throws -> (WatchFixture, WatchProbe, String) {
        let fixture = try WatchFixture()
        try fixture.makeDirectory("manifests")
        try fixture.write("manifests/app.yaml", "name: app\n")
        try fixture.write("manifests/db.yaml", "name: db\n")
        let directory = fixture.path("manifests")
        let probe = try await WatchProbe.start([directory], debounce: debounce, maxDelay: maxDelay)
        #expect(probe.seen.notices.first?.backend == .inotify, "inotify is the backend on Linux")
        return (fixture, probe, directory)
    }

    @Test func inPlaceEditIsOneChange() async throws {
        let (fixture, probe, directory) = try await Self.watchedDirectory()
        try fixture.write("manifests/app.yaml", "name: app\nreplicas: 2\n")
        let expected = TestFingerprint.of([directory])
        #expect(await probe.waitForChange(to: expected))
        #expect(await probe.settle().count == 1)
        #expect(probe.changes.first?.paths == [fixture.path("manifests/app.yaml")])
        await probe.stop()
    }

    @Test func vimStyleSaveIsSeen() async throws {
        let (fixture, probe, directory) = try await Self.watchedDirectory()
        try fixture.write("manifests/.app.yaml.swp", "swap")
        try fixture.rename("manifests/app.yaml", "manifests/app.yaml~")
        try fixture.write("manifests/app.yaml", "name: app\nreplicas: 3\n")
        try fixture.remove("manifests/app.yaml~")
        try fixture.remove("manifests/.app.yaml.swp")
        let expected = TestFingerprint.of([directory])
        #expect(await probe.waitForChange(to: expected))
        #expect(await probe.settle().last?.fingerprint == expected)
        await probe.stop()
    }

    @Test func sedStyleTemporaryFileRenamedOverIsSeen() async throws {
        let (fixture, probe, directory) = try await Self.watchedDirectory()
        try fixture.write("manifests/sedAbc123", "name: app\nreplicas: 4\n")
        try fixture.rename("manifests/sedAbc123", "manifests/app.yaml")
        let expected = TestFingerprint.of([directory])
        #expect(await probe.waitForChange(to: expected))
        #expect(await probe.settle().count == 1)
        await probe.stop()
    }

    @Test func newFileIsAChange() async throws {
        let (fixture, probe, directory) = try await Self.watchedDirectory()
        try fixture.write("manifests/cache.yaml", "name: cache\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        await probe.stop()
    }

    @Test func deletedFileIsAChange() async throws {
        let (fixture, probe, directory) = try await Self.watchedDirectory()
        try fixture.remove("manifests/db.yaml")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        await probe.stop()
    }

    @Test func newSubdirectoryIsWatchedAtOnce() async throws {
        let (fixture, probe, directory) = try await Self.watchedDirectory()
        // The file is created before the watcher can have added a watch on the new directory.
        try fixture.makeDirectory("manifests/team")
        try fixture.write("manifests/team/jobs.yaml", "name: jobs\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        // Nested directories created in one go are all watched.
        try fixture.makeDirectory("manifests/a/b/c")
        try fixture.write("manifests/a/b/c/deep.yaml", "name: deep\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        _ = await probe.settle()
        // Later edits inside them are seen too: the watches exist.
        try fixture.write("manifests/team/jobs.yaml", "name: jobs\nreplicas: 2\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        try fixture.write("manifests/a/b/c/deep.yaml", "name: deep\nreplicas: 2\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        await probe.stop()
    }

    @Test func burstOfFiftyWritesIsOneChange() async throws {
        // A debounce wide enough that a loaded machine (the whole suite runs in parallel on two cores) still
        // fits the burst in it; the writes are spread over ~200 ms on an idle one, so that without the
        // debounce the watcher would report several changes.
        let (fixture, probe, directory) = try await Self.watchedDirectory(debounce: .seconds(1), maxDelay: .seconds(10))
        for round in 1...50 {
            try fixture.write("manifests/app.yaml", "name: app\nround: \(round)\n")
            // A short pause off the cooperative pool (a Task.sleep can take seconds on a loaded machine).
            usleep(4_000)
        }
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        let changes = await probe.settle()
        #expect(changes.count == 1)
        // inotify merges identical events still queued, so the count is not 50, but all were one burst.
        #expect(changes.first?.eventCount ?? 0 >= 1)
        await probe.stop()
    }

    @Test func continuousWritesAreAppliedWithinMaxDelay() async throws {
        let fixture = try WatchFixture()
        try fixture.write("app.yaml", "round: 0\n")
        let path = fixture.path("app.yaml")
        let probe = try await WatchProbe.start([path], debounce: .milliseconds(300), maxDelay: .milliseconds(600))
        let started = ContinuousClock.now
        var round = 0
        // A write every 50 ms never leaves 300 ms of quiet; the first change must still come while the writes go on
        // (without the max delay it would come only once they stop, after 20 s).
        while probe.changes.isEmpty && ContinuousClock.now - started < .seconds(20) {
            round += 1
            try fixture.write("app.yaml", "round: \(round)\n")
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(!probe.changes.isEmpty)
        #expect(ContinuousClock.now - started < .seconds(15))
        await probe.stop()
    }

    @Test func touchIsNoChange() async throws {
        let (fixture, probe, directory) = try await Self.watchedDirectory()
        try fixture.touch("manifests/app.yaml")
        #expect(await probe.settle().isEmpty)
        // The watcher is alive: a real edit afterwards is seen.
        try fixture.write("manifests/app.yaml", "name: app\nreplicas: 5\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        await probe.stop()
    }

    @Test func identicalRewriteIsNoChange() async throws {
        let (fixture, probe, directory) = try await Self.watchedDirectory()
        try fixture.write("manifests/app.yaml", "name: app\n")
        try fixture.write("manifests/.tmp-app", "name: app\n")
        try fixture.rename("manifests/.tmp-app", "manifests/db.yaml")
        try fixture.write("manifests/db.yaml", "name: app\n")
        try fixture.write("manifests/db.yaml", "name: db\n")
        #expect(await probe.settle().isEmpty)
        try fixture.write("manifests/db.yaml", "name: db\nreplicas: 5\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        await probe.stop()
    }

    @Test func singleFileTargetCountsOnlyItsOwnName() async throws {
        let fixture = try WatchFixture()
        try fixture.write("app.yaml", "name: app\n")
        try fixture.write("other.yaml", "name: other\n")
        let path = fixture.path("app.yaml")
        // A fingerprint that differs on every call: every burst that reaches it is a change.
        let probe = try await WatchProbe.start([path], fingerprint: CallCounter().fingerprint)
        try fixture.write("other.yaml", "name: other\nreplicas: 2\n")
        try fixture.write("app.yaml.tmp", "name: app\nreplicas: 2\n")
        #expect(await probe.settle().isEmpty, "neighbours are not events of app.yaml")
        try fixture.rename("app.yaml.tmp", "app.yaml")
        #expect(await probe.wait { $0.changes.count == 1 })
        #expect(probe.changes.first?.paths == [path])
        await probe.stop()
    }

    @Test func hiddenNamesAreNotEvents() async throws {
        let fixture = try WatchFixture()
        try fixture.write("app.yaml", "name: app\n")
        let probe = try await WatchProbe.start([fixture.root], fingerprint: CallCounter().fingerprint)
        try fixture.write(".app.yaml.swp", "swap")
        try fixture.makeDirectory(".git/objects")
        try fixture.write(".git/objects/ab", "blob")
        try fixture.remove(".app.yaml.swp")
        #expect(await probe.settle().isEmpty)
        try fixture.write("app.yaml", "name: app\nreplicas: 2\n")
        #expect(await probe.wait { $0.changes.count == 1 })
        await probe.stop()
    }
}

/// A fingerprint that is different on every call, so every debounced burst becomes a change:
/// it shows which raw events reach the fingerprint check at all.
final class CallCounter: Sendable {
    private let calls = NIOLockedValueBox(0)

    var fingerprint: @Sendable () -> String? {
        { [self] in
            String(
                calls.withLockedValue { value in
                    value += 1
                    return value
                })
        }
    }
}
