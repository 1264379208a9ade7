import ConnectorModel
import ConnectorPlan
import ConnectorProvider
import ConnectorProviderLocal
import ConnectorReconciler
import ConnectorStore
import ConnectorStoreSQLite
import ConnectorSync
import ConnectorTestSupport
import Foundation
import Testing

/// The reconciler in this process, on a real SQLite store: what it applies, what it refuses to touch, and the due
/// syncs it runs.
@Suite struct ReconcilerTests {
    /// A store and a manifest directory with `data/a.txt` and `data/b.txt` beside it.
    struct Bed {
        let directory: TemporaryDirectory
        let store: SQLiteCatalogStore
        let reconciler: Reconciler
        var manifests: String { directory.url("manifests") }

        init(options: Planner.Options = .init()) async throws {
            directory = try TemporaryDirectory()
            try directory.makeDirectory("manifests")
            try directory.makeDirectory("data")
            try directory.write("data/a.txt", "a")
            try directory.write("data/b.txt", "bb")
            store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
            reconciler = try Reconciler(environment: [:], options: options)
        }

        func write(_ names: [String]) throws {
            for name in names { try directory.write("manifests/\(name).yaml", localEndpoint(name, path: "../data")) }
        }
    }

    @Test func validManifestsAreAppliedOnceWithTheirTypedConfiguration() async throws {
        let bed = try await Bed()
        try bed.write(["alpha", "beta"])
        guard case .applied(let plan) = try await bed.reconciler.reconcile(paths: [bed.manifests], store: bed.store) else {
            Issue.record("not applied")
            return
        }
        #expect(plan.changes.map(\.action) == [.create, .create])
        let alpha = try #require(try await bed.store.endpoint(named: "alpha"))
        #expect(alpha.generation == 1 && alpha.state == .active)
        #expect(try alpha.configuration.get().schedule == .interval(.minutes(15)))
        #expect(alpha.sourceFile == bed.directory.url("manifests/alpha.yaml"), "recorded absolute, for relative local paths")
        guard case .applied(let again) = try await bed.reconciler.reconcile(paths: [bed.manifests], store: bed.store) else {
            Issue.record("not applied the second time")
            return
        }
        #expect(!again.hasChanges, "the same manifests plan nothing")
        try bed.store.close()
    }

    @Test func anInvalidManifestAppliesNothing() async throws {
        let bed = try await Bed()
        try bed.write(["alpha"])
        try bed.directory.write(
            "manifests/broken.yaml", localEndpoint("broken").replacingOccurrences(of: "interval: 15m", with: "interval: soon"))
        guard case .invalid(let result) = try await bed.reconciler.reconcile(paths: [bed.manifests], store: bed.store) else {
            Issue.record("an invalid manifest was not reported")
            return
        }
        #expect(result.diagnostics.contains { $0.location.file.hasSuffix("broken.yaml") })
        #expect(try await bed.store.snapshot().endpoints.isEmpty, "the valid manifest beside it was not applied either")
        try bed.store.close()
    }

    @Test func planWritesNothingAndAMassRetireIsRefused() async throws {
        let bed = try await Bed()
        try bed.write(["alpha", "beta", "gamma"])
        guard case .planned(let planned) = try await bed.reconciler.plan(paths: [bed.manifests], store: bed.store) else {
            Issue.record("no plan")
            return
        }
        #expect(planned.changes.count == 3)
        #expect(try await bed.store.snapshot().endpoints.isEmpty, "plan wrote nothing")
        _ = try await bed.reconciler.reconcile(paths: [bed.manifests], store: bed.store)
        for name in ["beta", "gamma"] { try FileManager.default.removeItem(atPath: bed.directory.url("manifests/\(name).yaml")) }
        guard case .refused(let refused) = try await bed.reconciler.reconcile(paths: [bed.manifests], store: bed.store) else {
            Issue.record("retiring two of three was not refused")
            return
        }
        #expect(refused.refusal != nil)
        #expect(try await bed.store.snapshot().endpoints.values.allSatisfy { $0.state == .active }, "nothing was retired")
        try bed.store.close()
    }

    @Test func dueSyncsRunUnderTheLeaseAndSkipOnesHeldElsewhere() async throws {
        let bed = try await Bed()
        try bed.write(["alpha", "beta", "gamma"])
        guard case .applied(let plan) = try await bed.reconciler.reconcile(paths: [bed.manifests], store: bed.store) else {
            Issue.record("not applied")
            return
        }
        #expect(Set(plan.dueSyncs.map(\.endpoint)) == ["alpha", "beta", "gamma"])
        // Another process is syncing gamma.
        let now = Date()
        #expect(
            try await bed.store.claimSyncLease(
                endpoint: "gamma", owner: "elsewhere", now: now, expiresAt: now.addingTimeInterval(60), onlyIfDue: false, staleOwner: nil))
        let engine = SyncEngine(store: bed.store, registry: ProviderRegistry().registering(.local, LocalProvider.factory), environment: [:])
        let runs = try await DueSyncRunner(engine: engine, maxConcurrent: 1).run(plan.dueSyncs, store: bed.store, trigger: .reconcile)
        #expect(Set(runs.map(\.endpoint)) == ["alpha", "beta"], "gamma is another process's")
        #expect(runs.allSatisfy { $0.status == .succeeded && $0.trigger == .reconcile })
        #expect(try await bed.store.fileCounts()["alpha"]?.present == 2)
        #expect(try await bed.store.syncRuns(endpoint: "gamma", limit: nil).isEmpty)
        try bed.store.close()
    }
}
