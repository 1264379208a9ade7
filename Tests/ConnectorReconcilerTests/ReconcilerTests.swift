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
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

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

    /// A ConfigMap updated again and again while passes read it (kubelet swaps `..data` to a new directory each time):
    /// whenever a pass applies, the version the store records is the one whose content it applied. Without reading the
    /// version's stamp before the manifests as well as after, a swap between the two paired the new version with the
    /// old content (seen in `ManifestSkewTests` under load: a replica behind applied its older copy once).
    @Test func aRecordedVersionIsTheOneWhoseContentWasApplied() async throws {
        let bed = try await Bed()
        let mount = bed.directory.url("config")
        try bed.directory.makeDirectory("config")
        let data = bed.directory.url("data")
        /// Projects generation `n`: alpha every `n` minutes, in `..gen-n`, swapped in by a rename; the old one removed.
        @Sendable func project(_ n: Int) throws {
            try bed.directory.write("config/..gen-\(n)/alpha.yaml", localEndpoint("alpha", interval: "\(n)m", path: data))
            try bed.directory.symlink("config/..data_tmp", to: "..gen-\(n)")
            guard rename(mount + "/..data_tmp", mount + "/..data") == 0 else { throw CocoaError(.fileWriteUnknown) }
            if n > 1 { try FileManager.default.removeItem(atPath: mount + "/..gen-\(n - 1)") }
        }
        try project(1)
        try bed.directory.symlink("config/alpha.yaml", to: "..data/alpha.yaml")
        let stop = Mutex(false)
        let projector = Task.detached {
            var n = 1
            while !stop.withLock({ $0 }) {
                n += 1
                try project(n)
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...40)))
            }
            return n
        }
        func generation() -> String { (try? FileManager.default.destinationOfSymbolicLink(atPath: mount + "/..data")) ?? "?" }
        // Passes until enough applied while a swap landed during them (the passes that could pair a version with
        // another's content), within a minute however loaded the machine is.
        var (applied, racedApplied, gaveUp) = (0, 0, 0)
        var mismatches: [String] = []
        let end = ContinuousClock.now + .seconds(60)
        while (applied < 100 || racedApplied < 25) && ContinuousClock.now < end {
            let before = generation()
            do {
                guard case .applied = try await bed.reconciler.reconcile(paths: [mount], store: bed.store) else { continue }
            } catch is ManifestsChangedWhileReadError {
                gaveUp += 1
                continue
            }
            applied += 1
            if generation() != before { racedApplied += 1 }
            let snapshot = try await bed.store.snapshot()
            let identity = snapshot.manifestVersion?.identity ?? "none"
            let recorded = Int64(identity.replacingOccurrences(of: "..gen-", with: "")) ?? -1
            let schedule = try #require(snapshot.endpoints["alpha"]).configuration.map(\.schedule)
            if schedule != .success(.interval(.minutes(recorded))) { mismatches.append("\(identity) recorded with \(schedule)") }
        }
        stop.withLock { $0 = true }
        let projections = try await projector.value
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(applied) applied passes: \(mismatches.prefix(5))")
        #expect(
            applied >= 100 && racedApplied >= 25,
            "\(applied) passes applied, \(racedApplied) of them while a swap landed, over \(projections) projections (\(gaveUp) gave up)")
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
