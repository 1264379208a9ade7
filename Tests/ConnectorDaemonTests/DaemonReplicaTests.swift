import ConnectorDaemon
import ConnectorHTTPTestSupport
import ConnectorProvider
import ConnectorProviderLocal
import ConnectorReconciler
import ConnectorStore
import ConnectorStorePostgres
import ConnectorStoreSQLite
import ConnectorSync
import ConnectorTestSupport
import Foundation
import Testing

/// Two daemons on one PostgreSQL, each with its own store client and lease identity, share the work: every due
/// sync runs exactly once.
@Suite(.timeLimit(.minutes(2))) struct DaemonReplicaTests {
    @Test func twoReplicasRunEachDueSyncExactlyOnce() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("data/a.txt", "a")
        let names = (0..<12).map { "endpoint-\($0)" }
        for name in names { try directory.write("manifests/\(name).yaml", localManifest(name)) }
        let location = try PostgresLocation(parsing: try await PostgresTestDatabase.create())
        try await PostgresCatalogStore.withStore(location) { first in
            try await PostgresCatalogStore.withStore(location) { second in
                let replicas = try [first, second].enumerated().map { index, store in
                    var configuration = DaemonConfiguration(paths: [directory.url("manifests")])
                    configuration.port = 0
                    configuration.schedulerTick = .milliseconds(20)
                    configuration.lease = SyncLease(owner: "replica-\(index)")
                    return try Daemon(
                        configuration: configuration, store: store, registry: ProviderRegistry().registering(.local, LocalProvider.factory),
                        watcher: nil, logger: LogCapture().logger(label: "replica-\(index)"))
                }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for replica in replicas { group.addTask { try await replica.run() } }
                    let deadline = ContinuousClock.now + .seconds(30)
                    var runs: [SyncRunRecord] = []
                    while ContinuousClock.now < deadline {
                        runs = try await first.syncRuns(endpoint: nil, limit: 1000)
                        if Set(runs.filter { $0.finishedAt != nil }.map(\.endpoint)) == Set(names) { break }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    // Give a late duplicate every chance to show up.
                    try await Task.sleep(for: .milliseconds(500))
                    runs = try await first.syncRuns(endpoint: nil, limit: 1000)
                    for replica in replicas { await replica.shutdown() }
                    try await group.waitForAll()
                    let perEndpoint = Dictionary(grouping: runs, by: \.endpoint).mapValues(\.count)
                    #expect(perEndpoint == Dictionary(uniqueKeysWithValues: names.map { ($0, 1) }), "\(perEndpoint)")
                    #expect(runs.allSatisfy { $0.status == .succeeded })
                }
            }
        }
    }

    /// A due endpoint that another replica is syncing is left to it for a while: the scheduler goes on to the
    /// endpoints nobody runs, rather than asking again and again for the leases it was refused.
    @Test func aReplicaGoesOnToTheEndpointsNobodyRuns() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("data/a.txt", "a")
        let held = ["a-held-0", "a-held-1"]
        let free = (0..<4).map { "b-free-\($0)" }
        for name in held + free { try directory.write("manifests/\(name).yaml", localManifest(name)) }
        let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
        defer { try? store.close() }
        _ = try await Reconciler(environment: [:]).reconcile(paths: [directory.url("manifests")], store: store)
        // Another host's replica is syncing the two endpoints that sort first (its leases are live for ten minutes).
        let now = Date()
        for name in held {
            let claimed = try await store.claimSyncLease(
                endpoint: name, owner: "elsewhere/1/0", now: now, expiresAt: now + 600, onlyIfDue: true, staleOwner: nil)
            try #require(claimed)
        }
        var configuration = DaemonConfiguration(paths: [directory.url("manifests")])
        configuration.port = 0
        configuration.schedulerTick = .milliseconds(20)
        configuration.maxConcurrentSyncs = 2
        let daemon = try Daemon(
            configuration: configuration, store: store, registry: ProviderRegistry().registering(.local, LocalProvider.factory),
            watcher: nil, logger: LogCapture().logger(label: "replica"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await daemon.run() }
            defer { group.cancelAll() }
            try await eventually("the free endpoints synced", timeout: .seconds(20), every: .milliseconds(50)) {
                let runs = try await store.syncRuns(endpoint: nil, limit: 100)
                return Set(runs.filter { $0.status == .succeeded }.map(\.endpoint)) == Set(free)
            }
            let runs = try await store.syncRuns(endpoint: nil, limit: 100)
            #expect(Set(runs.map(\.endpoint)) == Set(free), "the held endpoints were left to their holder")
            await daemon.shutdown()
            try await group.waitForAll()
        }
    }
}
