import Testing

@testable import ConnectorWatch

/// The Kubernetes ConfigMap volume update (`..data_tmp` renamed over `..data`), in every order of
/// the kubelet's steps, watched as a mount directory and as a single key path.
@Suite(.timeLimit(.minutes(1)))
struct ConfigMapSwapTests {
    struct Ordering: Sendable, CustomTestStringConvertible {
        var keyLinks: ConfigMapVolume.KeyLinks
        var old: ConfigMapVolume.OldGeneration
        var testDescription: String { "keys \(keyLinks.rawValue), old \(old.rawValue)" }

        static let all = ConfigMapVolume.KeyLinks.allCases.flatMap { links in
            ConfigMapVolume.OldGeneration.allCases.map { Ordering(keyLinks: links, old: $0) }
        }
    }

    static let initial = ["app.yaml": "name: app\n", "old.yaml": "name: old\n"]
    static let updated = ["app.yaml": "name: app\nreplicas: 2\n", "extra.yaml": "name: extra\n"]

    @Test(arguments: Ordering.all)
    func mountDirectorySeesTheSwap(ordering: Ordering) async throws {
        let fixture = try WatchFixture()
        var volume = try ConfigMapVolume(fixture: fixture, mount: "config", files: Self.initial)
        let probe = try await WatchProbe.start([volume.path()])
        let before = TestFingerprint.of([volume.path()])
        try volume.update(to: Self.updated, keyLinks: ordering.keyLinks, old: ordering.old)
        let expected = TestFingerprint.of([volume.path()])
        #expect(expected != before)
        #expect(await probe.waitForChange(to: expected))
        #expect(await probe.settle().last?.fingerprint == expected)
        // A second update is seen as well: the watch survived the first swap.
        try volume.update(to: ["app.yaml": "name: app\nreplicas: 3\n"], keyLinks: ordering.keyLinks, old: ordering.old)
        #expect(await probe.waitForChange(to: TestFingerprint.of([volume.path()])))
        await probe.stop()
    }

    @Test(arguments: Ordering.all)
    func singleKeyPathSeesTheSwap(ordering: Ordering) async throws {
        let fixture = try WatchFixture()
        var volume = try ConfigMapVolume(fixture: fixture, mount: "config", files: Self.initial)
        let key = volume.path("app.yaml")
        let probe = try await WatchProbe.start([key])
        try volume.update(to: Self.updated, keyLinks: ordering.keyLinks, old: ordering.old)
        let expected = TestFingerprint.of([key])
        #expect(await probe.waitForChange(to: expected))
        #expect(await probe.settle().count == 1)
        #expect(probe.changes.first?.paths.contains(volume.path("..data")) == true, "the ..data rename is the event: \(probe.changes)")
        try volume.update(to: ["app.yaml": "name: app\nreplicas: 3\n"], keyLinks: ordering.keyLinks, old: ordering.old)
        #expect(await probe.waitForChange(to: TestFingerprint.of([key])))
        await probe.stop()
    }

    @Test func swapThatLeavesTheKeyAloneIsNoChangeOfIt() async throws {
        let fixture = try WatchFixture()
        var volume = try ConfigMapVolume(fixture: fixture, mount: "config", files: Self.initial)
        let key = volume.path("app.yaml")
        let probe = try await WatchProbe.start([key])
        try volume.update(to: ["app.yaml": "name: app\n", "old.yaml": "name: old\nreplicas: 2\n"])
        #expect(await probe.settle().isEmpty)
        await probe.stop()
    }

    @Test func pollingSeesTheSwap() async throws {
        let fixture = try WatchFixture()
        var volume = try ConfigMapVolume(fixture: fixture, mount: "config", files: Self.initial)
        let paths = [volume.path(), volume.path("app.yaml")]
        let probe = try await WatchProbe.start(paths, strategy: .polling(every: .milliseconds(50)))
        #expect(probe.seen.notices.first?.backend == .polling(interval: .milliseconds(50)))
        try volume.update(to: Self.updated)
        #expect(await probe.waitForChange(to: TestFingerprint.of(paths)))
        await probe.stop()
    }
}
