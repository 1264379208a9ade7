import ConnectorDaemon
import ConnectorHTTPTestSupport
import ConnectorProvider
import ConnectorProviderLocal
import ConnectorStore
import ConnectorStorePostgres
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
}
