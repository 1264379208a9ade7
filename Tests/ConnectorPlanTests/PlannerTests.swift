import ConnectorModel
import ConnectorPlan
import Foundation
import Testing

/// The planner's semantics (docs/cli.md), pinned by golden text and JSON renderings.
@Suite struct PlannerTests {
    let planner = Planner()

    @Test func createIntoAnEmptyStore() throws {
        let plan = planner.plan(
            desired: try desired([
                manifest("design-drive"), manifest("nightly", schedule: "cron: \"0 2 * * *\"\n    timezone: Europe/Berlin"),
                manifest("on-request", schedule: "manual: true"),
            ]),
            sinks: [], snapshot: .empty, now: planTime)
        #expect(plan.count(.create) == 3)
        #expect(plan.dueSyncs.map(\.endpoint) == ["design-drive", "nightly"], "manual endpoints are never due on their own")
        #expect(plan.writes.allSatisfy { $0.record.generation == 1 && $0.record.sourceRevision == "c0ffee" })
        try expectGolden(plan.renderText(), "create.txt")
        try expectGolden(plan.renderJSON(), "create.json")
    }

    @Test func secondPlanOfTheSameManifestsChangesNothing() throws {
        let endpoints = try desired([manifest("a"), manifest("b", schedule: "cron: \"@hourly\"")])
        let first = planner.plan(desired: endpoints, sinks: [], snapshot: .empty, now: planTime)
        let later = planTime.addingTimeInterval(60)
        let snapshot = StoreSnapshot.empty.applying(first)
            .synced("a", at: planTime, next: planTime.addingTimeInterval(900))
            .synced("b", at: planTime, next: planTime.addingTimeInterval(3600))
        let second = planner.plan(desired: endpoints, sinks: [], snapshot: snapshot, now: later)
        #expect(!second.hasChanges)
        #expect(second.writes.isEmpty)
        #expect(second.dueSyncs.isEmpty)
        try expectGolden(second.renderText(), "noop.txt")
    }

    @Test func updatesBumpTheGenerationAndResetTheCursorOnlyForScope() throws {
        let before = try desired([manifest("schedule-change"), manifest("scope-change"), manifest("label-change")])
        let snapshot = StoreSnapshot.empty.applying(planner.plan(desired: before, sinks: [], snapshot: .empty, now: planTime))
            .synced("schedule-change", at: planTime, next: planTime.addingTimeInterval(900))
            .synced("scope-change", at: planTime, next: planTime.addingTimeInterval(900))
            .synced("label-change", at: planTime, next: planTime.addingTimeInterval(900))
        let after = try desired([
            manifest("schedule-change", schedule: "interval: 5m"),
            manifest("scope-change", extra: "\n  filters:\n    extensions: [pdf]"),
            manifest("label-change", metadata: "\n  labels:\n    team: ops"),
        ])
        let plan = planner.plan(desired: after, sinks: [], snapshot: snapshot, now: planTime.addingTimeInterval(120))
        let byName = Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.name, $0) })
        #expect(byName["schedule-change"]?.write?.record.generation == 2)
        #expect(byName["schedule-change"]?.resetsCursor == false)
        #expect(byName["schedule-change"]?.write?.record.nextSyncAt == planTime.addingTimeInterval(300), "anchored to the last start")
        #expect(byName["scope-change"]?.resetsCursor == true)
        #expect(byName["scope-change"]?.write?.record.generation == 2)
        #expect(byName["label-change"]?.write?.record.generation == 1, "labels are not spec: no new generation")
        #expect(byName["label-change"]?.write?.record.labels == ["team": "ops"])
        #expect(plan.dueSyncs.map(\.endpoint) == ["scope-change"])
        try expectGolden(plan.renderText(), "update.txt")
    }

    @Test func retireKeepAndRevive() throws {
        let all = try desired([
            manifest("stays"), manifest("goes"), manifest("protected", metadata: "\n  annotations:\n    fileconnector/prune: disabled"),
            manifest("four"), manifest("five"),
        ])
        let snapshot = StoreSnapshot.empty.applying(planner.plan(desired: all, sinks: [], snapshot: .empty, now: planTime))
        let remaining = all.filter { !["goes", "protected"].contains($0.name) }
        let retire = planner.plan(desired: remaining, sinks: [], snapshot: snapshot, now: planTime)
        #expect(retire.changes.first { $0.name == "goes" }?.action == .retire)
        #expect(retire.changes.first { $0.name == "protected" }?.action == .unchanged)
        #expect(retire.changes.first { $0.name == "goes" }?.write?.record.state == .retired)
        try expectGolden(retire.renderText(), "retire.txt")

        let keepAll = Planner(options: .init(prune: false)).plan(desired: remaining, sinks: [], snapshot: snapshot, now: planTime)
        #expect(keepAll.count(.retire) == 0)
        #expect(keepAll.changes.first { $0.name == "goes" }?.summary == "in no manifest; kept (--no-prune)")

        let retired = snapshot.applying(retire)
        let revive = planner.plan(desired: all, sinks: [], snapshot: retired, now: planTime.addingTimeInterval(3600))
        let revived = try #require(revive.changes.first { $0.name == "goes" })
        #expect(revived.action == .revive)
        #expect(revived.write?.record.state == .active)
        #expect(revived.write?.record.generation == 2)
        #expect(revived.write?.record.retiredAt == nil)
        #expect(revived.write?.record.createdAt == planTime, "a revived endpoint keeps its history")
        #expect(revive.dueSyncs.contains { $0.endpoint == "goes" && $0.full })
        try expectGolden(revive.renderText(), "revive.txt")
    }

    @Test func retiringMoreThanHalfIsRefusedUnlessAllowed() throws {
        let all = try desired([manifest("a"), manifest("b"), manifest("c")])
        let snapshot = StoreSnapshot.empty.applying(planner.plan(desired: all, sinks: [], snapshot: .empty, now: planTime))
        let refused = planner.plan(desired: [], sinks: [], snapshot: snapshot, now: planTime)
        #expect(refused.refusal?.contains("retire 3 of 3 active endpoints") == true)
        try expectGolden(refused.renderText(), "mass-retire.txt")
        let twoOfThree = planner.plan(desired: Array(all.prefix(1)), sinks: [], snapshot: snapshot, now: planTime)
        #expect(twoOfThree.refusal != nil, "2 of 3 is more than half")
        let oneOfThree = planner.plan(desired: Array(all.prefix(2)), sinks: [], snapshot: snapshot, now: planTime)
        #expect(oneOfThree.refusal == nil)
        let allowed = Planner(options: .init(allowMassRetire: true)).plan(desired: [], sinks: [], snapshot: snapshot, now: planTime)
        #expect(allowed.refusal == nil)
        #expect(allowed.count(.retire) == 3)
    }

    @Test func overdueEndpointsAreDueOnceAndSuspendedOnesNever() throws {
        let endpoints = try desired([manifest("late"), manifest("paused", extra: "")])
        var snapshot = StoreSnapshot.empty.applying(planner.plan(desired: endpoints, sinks: [], snapshot: .empty, now: planTime))
            .synced("late", at: planTime, next: planTime.addingTimeInterval(900))
            .synced("paused", at: planTime, next: planTime.addingTimeInterval(900))
        let afterDowntime = planTime.addingTimeInterval(6 * 3600)
        let plan = planner.plan(desired: endpoints, sinks: [], snapshot: snapshot, now: afterDowntime)
        #expect(plan.dueSyncs.map(\.reason) == ["due since 2026-11-29T12:15:00Z", "due since 2026-11-29T12:15:00Z"])
        let suspended = try desired([
            manifest("late"), manifest("paused").replacingOccurrences(of: "  provider: local", with: "  provider: local\n  suspend: true"),
        ])
        let suspend = planner.plan(desired: suspended, sinks: [], snapshot: snapshot, now: afterDowntime)
        let paused = try #require(suspend.changes.first { $0.name == "paused" })
        #expect(paused.write?.record.state == .suspended)
        #expect(paused.write?.record.nextSyncAt == nil)
        #expect(suspend.dueSyncs.map(\.endpoint) == ["late"])
        snapshot = snapshot.applying(suspend)
        #expect(snapshot.endpoints["paused"]?.state == .suspended)
    }

    @Test(arguments: [0, 1, 2, 3])
    func applyingAPlanThenPlanningAgainIsANoOp(seed: Int) throws {
        let sets = [
            [manifest("a")],
            [manifest("a", schedule: "interval: 1h"), manifest("b")],
            [manifest("b", extra: "\n  filters:\n    extensions: [dwg]")],
            [manifest("a"), manifest("c", schedule: "manual: true")],
        ]
        var snapshot = StoreSnapshot.empty
        for step in 0..<sets.count {
            let endpoints = try desired(sets[(seed + step) % sets.count])
            let plan = Planner(options: .init(allowMassRetire: true)).plan(desired: endpoints, sinks: [], snapshot: snapshot, now: planTime)
            snapshot = snapshot.applying(plan)
            let again = Planner(options: .init(allowMassRetire: true)).plan(
                desired: endpoints, sinks: [], snapshot: snapshot, now: planTime)
            #expect(!again.hasChanges, "step \(step): \(again.renderText())")
        }
    }
}
