import Testing

@testable import ConnectorWatch

/// Symlinks the manifest loader follows: symlinked subdirectories, a watched path that is itself
/// a symlink replaced by rename (the git-sync layout), and links that loop.
@Suite(.timeLimit(.minutes(1)))
struct SymlinkTests {
    @Test func symlinkedSubdirectoryIsWatched() async throws {
        let fixture = try WatchFixture()
        try fixture.makeDirectory("shared")
        try fixture.write("shared/common.yaml", "name: common\n")
        try fixture.makeDirectory("manifests")
        try fixture.symlink("../shared", at: "manifests/shared")
        let directory = fixture.path("manifests")
        let probe = try await WatchProbe.start([directory])
        try fixture.write("shared/common.yaml", "name: common\nreplicas: 2\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([directory])))
        await probe.stop()
    }

    @Test func watchedPathThatIsASymlinkSwappedByRename() async throws {
        let fixture = try WatchFixture()
        try fixture.makeDirectory("rev1")
        try fixture.write("rev1/app.yaml", "name: app\n")
        try fixture.symlink("rev1", at: "current")
        let path = fixture.path("current")
        let probe = try await WatchProbe.start([path])
        try fixture.makeDirectory("rev2")
        try fixture.write("rev2/app.yaml", "name: app\nreplicas: 2\n")
        try fixture.symlink("rev2", at: ".current-tmp")
        try fixture.rename(".current-tmp", "current")
        #expect(await probe.waitForChange(to: TestFingerprint.of([path])))
        _ = await probe.settle()
        // The watch moved to the new target: an edit there is seen, one in the old one is not a change.
        try fixture.write("rev1/app.yaml", "name: stale\n")
        #expect(await probe.settle().count == 1)
        try fixture.write("rev2/app.yaml", "name: app\nreplicas: 3\n")
        #expect(await probe.waitForChange(to: TestFingerprint.of([path])))
        await probe.stop()
    }

    @Test func symlinkBackToAnAncestorIsNotFollowed() throws {
        let fixture = try WatchFixture()
        try fixture.makeDirectory("m/sub")
        try fixture.symlink("..", at: "m/sub/up")
        try fixture.symlink(".", at: "m/self")
        let plan = WatchPlan(targets: [WatchTarget(fixture.path("m"))])
        #expect(Set(plan.directories.keys) == [fixture.root, fixture.path("m"), fixture.path("m/sub")])
        let snapshot = TreeSnapshot(targets: [WatchTarget(fixture.path("m"))])
        #expect(
            snapshot.entries.keys.sorted() == [
                fixture.path("m"), fixture.path("m/self"), fixture.path("m/sub"), fixture.path("m/sub/up"),
            ])
    }
}
