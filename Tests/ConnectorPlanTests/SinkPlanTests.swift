import ConnectorModel
import ConnectorPlan
import Foundation
import Testing

/// Sinks are planned like endpoints: created, updated (a new generation clears the dead letter), retired when they
/// leave the manifests (unless pruning is off), revived when they come back (delivery starts afresh), and shown in
/// plans with their receiver's origin only.
@Suite struct SinkPlanTests {
    let planner = Planner()

    @Test func aSinkGoesThroughItsLife() throws {
        let endpoints = try desired([manifest("drawings")])
        let first = try desiredSinks([
            sinkManifest("indexer", extra: "\n  events: {types: [file.created], endpointSelector: team=drawings}"),
            sinkManifest("warehouse"),
        ])
        let created = planner.plan(desired: endpoints, sinks: first, snapshot: .empty, now: planTime)
        #expect(created.sinkChanges.map(\.action) == [.create, .create])
        #expect(created.reconcileWrites.sinks.allSatisfy { $0.delivery == .restarted && $0.record.generation == 1 })
        #expect(created.count(.create) == 3 && created.summaryLine.hasPrefix("Plan: 3 to create"))
        try expectGolden(created.renderText(), "sinks-create.txt")
        #expect(!created.renderText().contains("t0ken") && !created.renderJSON().contains("t0ken"), "only the receiver's origin is shown")

        var snapshot = StoreSnapshot.empty.applying(created)
        let unchanged = planner.plan(desired: endpoints, sinks: first, snapshot: snapshot, now: planTime.addingTimeInterval(60))
        #expect(!unchanged.hasChanges && unchanged.sinkChanges.allSatisfy { $0.action == .unchanged })

        // A new receiver path (the token rotated) and a new batch size: a new generation, failures cleared.
        let edited = try desiredSinks([
            sinkManifest("indexer", url: "https://indexer.example.com/hooks/n3w", extra: "\n  batch: {maxEvents: 10}"),
            sinkManifest("warehouse", metadata: "\n  labels: {team: data}"),
        ])
        let updated = planner.plan(desired: endpoints, sinks: edited, snapshot: snapshot, now: planTime.addingTimeInterval(120))
        let indexer = try #require(updated.sinkChanges.first { $0.name == "indexer" })
        #expect(indexer.action == .update && indexer.write?.delivery == .resumed && indexer.write?.record.generation == 2)
        #expect(
            indexer.fields.contains(
                FieldChange(path: "webhook.url", old: "https://indexer.example.com", new: "https://indexer.example.com (path changed)")))
        let warehouse = try #require(updated.sinkChanges.first { $0.name == "warehouse" })
        #expect(warehouse.action == .update && warehouse.write?.delivery == .kept && warehouse.write?.record.generation == 1)
        #expect(!updated.renderText().contains("n3w") && !updated.renderJSON().contains("t0ken"))
        snapshot = snapshot.applying(updated)

        // Out of the manifests: retired, unless pruning is off; back again: revived, delivering afresh.
        let noPrune = Planner(options: .init(prune: false)).plan(desired: endpoints, sinks: [], snapshot: snapshot, now: planTime)
        #expect(!noPrune.hasChanges && noPrune.sinkChanges.allSatisfy { $0.summary == "in no manifest; kept (--no-prune)" })
        let retired = planner.plan(desired: endpoints, sinks: Array(edited.prefix(1)), snapshot: snapshot, now: planTime)
        #expect(retired.sinkChanges.map(\.action) == [.unchanged, .retire])
        #expect(retired.renderText().contains("- sink/warehouse"))
        #expect(retired.refusal == nil, "the mass-retire guard counts endpoints")
        snapshot = snapshot.applying(retired)
        #expect(snapshot.sinks["warehouse"]?.state == .retired)
        let revived = planner.plan(desired: endpoints, sinks: edited, snapshot: snapshot, now: planTime)
        let back = try #require(revived.sinkChanges.first { $0.name == "warehouse" })
        #expect(back.action == .revive && back.write?.delivery == .restarted && back.write?.record.generation == 2)

        // Suspended: kept, no delivery.
        let suspended = try desiredSinks([sinkManifest("warehouse", extra: "\n  suspend: true", metadata: "\n  labels: {team: data}")])
        let paused = planner.plan(desired: endpoints, sinks: suspended, snapshot: snapshot.applying(revived), now: planTime)
        #expect(paused.sinkChanges.first { $0.name == "warehouse" }?.write?.record.state == .suspended)
    }
}
