import ConnectorModel
import ConnectorPlan
import Foundation
import Testing

/// The newest manifests win: a plan of manifests older than the store's (or as new but different) is refused with
/// both versions named, unless allowed; a plan that applies records its version.
@Suite struct ManifestVersionTests {
    static let t0 = Date(timeIntervalSince1970: 1_796_000_000)
    static func version(_ seconds: TimeInterval, _ hash: String = "a", source: ManifestVersion.Source = .configMap) -> ManifestVersion {
        ManifestVersion(source: source, time: t0.addingTimeInterval(seconds), identity: "..v\(Int(seconds))", contentHash: hash)
    }

    @Test func versionsOrderByTimeAndEqualTimesMustAgree() {
        #expect(Self.version(1).verdict(over: nil) == .apply)
        #expect(Self.version(2).verdict(over: Self.version(1)) == .apply)
        #expect(Self.version(1).verdict(over: Self.version(1)) == .apply)
        #expect(Self.version(1).verdict(over: Self.version(2, "b")) == .behind)
        #expect(Self.version(1, "b").verdict(over: Self.version(1, "a")) == .conflict)
        #expect(Self.version(0.0004).time == Self.version(0).time, "kept to the millisecond, as the stores keep it")
        #expect(Self.version(1).verdict(over: Self.version(2, "a")) == .apply, "the same content is never behind")
        #expect(!Self.version(1).supersedes(Self.version(2, "a")) && Self.version(3).supersedes(Self.version(2, "b")))
        #expect(Self.version(1, "b", source: .git).verdict(over: Self.version(2)) == .apply, "a commit's time and kubelet's do not compare")
        #expect(Self.version(1, "b", source: .git).supersedes(Self.version(2)))
        // Git versions of one second are ordered by history.
        let first = ManifestVersion(source: .git, time: Self.t0, identity: "aaa", contentHash: "1")
        let second = ManifestVersion(source: .git, time: Self.t0, identity: "bbb+dirty", contentHash: "2")
        #expect(second.verdict(over: first) == .conflict, "the same second, no history known")
        #expect(second.verdict(over: first, lineage: { $0 == "aaa" ? .descendant : nil }) == .apply)
        #expect(first.verdict(over: second, lineage: { $0 == "bbb" ? .ancestor : nil }) == .behind)
        #expect(second.verdict(over: first, lineage: { _ in .diverged }) == .conflict, "two branches")
        #expect(second.supersedes(first, lineage: { _ in .descendant }) && !first.supersedes(second, lineage: { _ in .ancestor }))
        let dirty = ManifestVersion(source: .git, time: Self.t0.addingTimeInterval(-5), identity: "aaa+dirty", contentHash: "3")
        #expect(dirty.verdict(over: first) == .apply, "uncommitted edits of the same commit apply")
    }

    @Test func aPlanOfOlderManifestsIsRefusedUnlessAllowed() throws {
        let endpoints = try desired([manifest("alpha")])
        var snapshot = StoreSnapshot.empty
        snapshot.manifestVersion = Self.version(10)

        let behind = Planner().plan(desired: endpoints, sinks: [], version: Self.version(5, "b"), snapshot: snapshot, now: planTime)
        #expect(behind.manifests?.verdict == .behind && behind.recordsVersion == nil)
        let refusal = try #require(behind.refusal)
        #expect(refusal.contains("older than the ones the store last applied") && refusal.contains("--allow-older-manifests"))
        #expect(behind.renderText().hasPrefix("Manifests: configmap ..v5 of 2026-"), "\(behind.renderText())")
        #expect(behind.renderText().contains("the store has configmap ..v10 of"))

        let conflict = Planner().plan(desired: endpoints, sinks: [], version: Self.version(10, "z"), snapshot: snapshot, now: planTime)
        #expect(conflict.manifests?.verdict == .conflict && conflict.refusal?.contains("differ") == true)

        let allowed = Planner(options: .init(allowOlderManifests: true)).plan(
            desired: endpoints, sinks: [], version: Self.version(5, "b"), snapshot: snapshot, now: planTime)
        #expect(allowed.refusal == nil && allowed.reconcileWrites.manifestVersion == Self.version(5, "b"))

        let newer = Planner().plan(desired: endpoints, sinks: [], version: Self.version(11, "c"), snapshot: snapshot, now: planTime)
        #expect(newer.refusal == nil && newer.reconcileWrites.manifestVersion == Self.version(11, "c"))
        let same = Planner().plan(desired: endpoints, sinks: [], version: Self.version(5, "a"), snapshot: snapshot, now: planTime)
        #expect(same.refusal == nil && same.reconcileWrites.manifestVersion == nil, "the same content, older: applied, not recorded")
        let unversioned = Planner().plan(desired: endpoints, sinks: [], version: nil, snapshot: snapshot, now: planTime)
        #expect(unversioned.refusal == nil && unversioned.reconcileWrites.manifestVersion == nil, "standard input is not ordered")
        #expect(unversioned.renderJSON().contains(#""verdict": "apply""#))
    }
}
