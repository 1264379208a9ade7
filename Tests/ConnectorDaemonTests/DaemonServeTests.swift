import ConnectorDaemon
import ConnectorHTTPTestSupport
import ConnectorProvider
import ConnectorProviderLocal
import ConnectorStoreSQLite
import ConnectorTestSupport
import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing

/// `Daemon.serve`, the whole of `file-connector run` after its options are read, in this process: it serves, keeps a
/// second daemon off its SQLite store while it runs, and lets go of the store when it shuts down.
@Suite struct DaemonServeTests {
    @Test func serveRunsTheDaemonAndHoldsTheSQLiteStoreUntilItStops() async throws {
        let directory = try TemporaryDirectory()
        try directory.makeDirectory("manifests")
        try directory.makeDirectory("data")
        try directory.write("manifests/docs.yaml", localManifest("docs"))
        let storePath = directory.url("catalog.db")
        let store = try await SQLiteCatalogStore(path: storePath)
        var configuration = DaemonConfiguration(paths: [directory.url("manifests")])
        configuration.port = 0
        configuration.sqliteStorePath = storePath
        let settings = configuration
        let logs = LogCapture()
        let providers: Daemon.ProviderScope = { _, body in try await body(ProviderRegistry().registering(.local, LocalProvider.factory)) }
        let started = AsyncStream.makeStream(of: (Daemon, Int).self)
        let daemonBox = NIOLockedValueBox<Daemon?>(nil)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await Daemon.serve(
                    configuration: settings, store: store, providers: providers, logger: logs.logger(label: "daemon"),
                    onStart: { daemon in daemonBox.withLockedValue { $0 = daemon } },
                    onListening: { port in
                        if let daemon = daemonBox.withLockedValue({ $0 }) { started.continuation.yield((daemon, port)) }
                    })
            }
            var iterator = started.stream.makeAsyncIterator()
            let (daemon, port) = try #require(await iterator.next())
            #expect(try await HTTPProbe(port: port).get("/healthz").status == 200)
            #expect(logs.all.contains { $0.contains("listening") && $0.contains("127.0.0.1:\(port)") }, "\(logs.all)")
            try await eventually("the first reconcile") { daemon.status.lastReconcile != nil }
            #expect(try await store.endpoint(named: "docs") != nil, "serve reconciled the manifests")

            // A second daemon on the same SQLite store refuses to start, naming this process.
            let refusal = await #expect(throws: DaemonLockError.self) {
                try await Daemon.serve(configuration: settings, store: store, providers: providers, logger: logs.logger(label: "second"))
            }
            #expect(
                refusal?.description.contains("pid \(ProcessInfo.processInfo.processIdentifier)") == true, "\(String(describing: refusal))")

            await daemon.shutdown()
            try await group.waitForAll()
        }
        // Shut down: the lock is free again.
        let lockedAgain = NIOLockedValueBox<Daemon?>(nil)
        try await withThrowingTaskGroup(of: Void.self) { group in
            let ready = AsyncStream.makeStream(of: Void.self)
            group.addTask {
                try await Daemon.serve(
                    configuration: settings, store: store, providers: providers, logger: logs.logger(label: "third"),
                    onStart: { daemon in lockedAgain.withLockedValue { $0 = daemon } }, onListening: { _ in ready.continuation.yield() })
            }
            var iterator = ready.stream.makeAsyncIterator()
            _ = await iterator.next()
            await lockedAgain.withLockedValue { $0 }?.shutdown()
            try await group.waitForAll()
        }
        try store.close()
    }
}
