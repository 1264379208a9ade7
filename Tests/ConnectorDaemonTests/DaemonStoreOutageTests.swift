import ConnectorDaemon
import ConnectorHTTPTestSupport
import ConnectorModel
import ConnectorProvider
import ConnectorStore
import ConnectorStorePostgres
import ConnectorTestSupport
import Foundation
import Testing

/// PostgreSQL stopped and started again under a running daemon (its own throwaway server, so other tests are not
/// disturbed): `/readyz` degrades, and a run caught mid-way completes and is recorded once the store is back.
@Suite(.timeLimit(.minutes(3))) struct DaemonStoreOutageTests {
    /// A throwaway PostgreSQL from `scripts/postgres.sh`.
    struct Server {
        let url: String
        let directory: String

        static func start() throws -> Server {
            let lines = try script(
                #"postgres_start >/dev/null && echo \"\$FILE_CONNECTOR_TEST_POSTGRES_URL\" && echo \"\$PG_TEST_DIR\""#, directory: nil
            )
            .split(separator: "\n").map(String.init)
            guard lines.count == 2 else { throw HarnessError(message: "postgres_start printed \(lines)") }
            return Server(url: lines[0], directory: lines[1])
        }

        func pause() throws { _ = try Self.script("postgres_pause", directory: directory) }
        func resume() throws { _ = try Self.script("postgres_resume", directory: directory) }
        func stop() { _ = try? Self.script("postgres_stop", directory: directory) }

        /// Runs `command` after sourcing the script. Through `system` (fork, exec, waitpid on that child) rather than
        /// Foundation's `Process`, whose exit monitoring can miss a shell that started a daemon.
        static func script(_ command: String, directory: String?) throws -> String {
            let output = NSTemporaryDirectory() + "postgres-script-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: output) }
            let prefix = directory.map { "PG_TEST_DIR='\($0)'; " } ?? ""
            let line = "set -e; source '\(RepositoryLayout.path("scripts/postgres.sh"))'; \(prefix)\(command)"
            let status = system("/bin/bash -c \"\(line)\" > '\(output)' < /dev/null")
            guard status == 0 else { throw HarnessError(message: "\(command) failed (\(status))") }
            return (try String(contentsOfFile: output, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// First page at once, the last page when the test opens the gate.
    struct GatedProvider: FileProvider {
        let gate: AsyncStream<Void>
        var capabilities: ProviderCapabilities { ProviderCapabilities(changeFeed: false) }
        var statistics: ProviderStatistics { ProviderStatistics() }
        func changeFeedStartToken() async throws -> String? { nil }

        func list(_ request: ListingRequest) -> AsyncThrowingStream<ProviderPage, any Error> {
            let gate = self.gate
            let pages = AsyncThrowingStream<ProviderPage, any Error>.makeStream()
            pages.continuation.yield(ProviderPage(files: [FileMetadata(id: "a", name: "a", path: "a")], isLast: false))
            let task = Task {
                for await _ in gate { break }
                pages.continuation.yield(ProviderPage(files: [FileMetadata(id: "b", name: "b", path: "b")], isLast: true))
                pages.continuation.finish()
            }
            pages.continuation.onTermination = { _ in task.cancel() }
            return pages.stream
        }
    }

    @Test func theStoreGoingAwayDegradesReadinessAndLosesNoRun() async throws {
        let server = try Server.start()
        defer { server.stop() }
        let directory = try TemporaryDirectory()
        try directory.write("manifests/gated.yaml", localManifest("gated"))
        let gate = AsyncStream.makeStream(of: Void.self)
        let registry = ProviderRegistry().registering(.local) { _ in GatedProvider(gate: gate.stream) }
        try await PostgresCatalogStore.withStore(try PostgresLocation(parsing: server.url), connectTimeout: .seconds(20)) { store in
            var configuration = DaemonConfiguration(paths: [directory.url("manifests")])
            configuration.port = 0
            configuration.schedulerTick = .milliseconds(20)
            configuration.apiToken = "token"
            let listening = AsyncStream.makeStream(of: Int.self)
            let daemon = try Daemon(
                configuration: configuration, store: store, registry: registry, watcher: nil,
                logger: LogCapture().logger(), onListening: { listening.continuation.yield($0) })
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await daemon.run() }
                var ports = listening.stream.makeAsyncIterator()
                let port = try #require(await ports.next())
                let http = HTTPProbe(port: port)
                try await eventually("the first page committed", timeout: .seconds(20), every: .milliseconds(100)) {
                    try await store.files(endpoint: "gated", limit: nil).count == 1
                }

                try server.pause()
                try await eventually("readiness degraded", timeout: .seconds(20), every: .milliseconds(100)) {
                    let ready = try await http.get("/readyz")
                    return ready.status == 503 && ready.body.contains("store unreachable")
                }
                gate.continuation.yield()  // the listing ends while the store is away: its last page waits for the store
                try await Task.sleep(for: .seconds(1))
                try server.resume()

                try await eventually("the interrupted run recorded", timeout: .seconds(60), every: .milliseconds(100)) {
                    try await store.syncRuns(endpoint: "gated", limit: 5).first.map { $0.status != .running } ?? false
                }
                try await eventually("ready again", timeout: .seconds(30), every: .milliseconds(100)) {
                    try await http.get("/readyz").status == 200
                }
                let runs = try await store.syncRuns(endpoint: "gated", limit: 5)
                // The page write waited for the store (the client queues it until a connection is back), so the run
                // caught by the outage completed, recorded once, nothing lost or doubled.
                #expect(runs.count == 1 && runs[0].status == .succeeded && runs[0].created == 2 && runs[0].finishedAt != nil, "\(runs)")
                #expect(try await store.files(endpoint: "gated", limit: nil).map(\.fileID).sorted() == ["a", "b"])
                await daemon.shutdown()
                try await group.waitForAll()
            }
        }
    }
}
