import AsyncHTTPClient
import ConnectorDaemon
import ConnectorHTTPTestSupport
import ConnectorJSON
import ConnectorModel
import ConnectorProvider
import ConnectorProviderLocal
import ConnectorReconciler
import ConnectorStore
import ConnectorStoreSQLite
import ConnectorTestSupport
import ConnectorWatch
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Testing

/// A daemon in this process over a SQLite store in a temporary directory, with its manifests in `manifests/`, its
/// HTTP server on a free loopback port, and every log line captured.
struct DaemonHarness: Sendable {
    let directory: TemporaryDirectory
    let daemon: Daemon
    let store: SQLiteCatalogStore
    let port: Int
    let logs: LogCapture

    var manifests: String { directory.url("manifests") }

    /// Runs `body` with a started daemon; shuts it down and waits for it afterwards.
    static func run(
        manifests: [String: String], environment: [String: String] = [:], apiToken: String? = "test-token",
        watch: Bool = true, registry: ProviderRegistry? = nil, configure: (inout DaemonConfiguration) -> Void = { _ in },
        _ body: (DaemonHarness) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        try directory.makeDirectory("manifests")
        try directory.makeDirectory("data")
        try directory.write("data/a.txt", "a")
        for (name, text) in manifests { try directory.write("manifests/" + name, text) }
        let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
        var configuration = DaemonConfiguration(paths: [directory.url("manifests")])
        configuration.port = 0
        configuration.apiToken = apiToken
        configuration.environment = environment
        configuration.schedulerTick = .milliseconds(50)
        configure(&configuration)
        let logs = LogCapture()
        let paths = configuration.paths
        let watcher =
            watch
            ? ManifestWatcher(
                paths: paths, debounce: .milliseconds(50), fingerprint: { ManifestFingerprint(paths: paths).current() }) : nil
        let listening = AsyncStream.makeStream(of: Int.self)
        let daemon = try Daemon(
            configuration: configuration, store: store,
            registry: registry ?? ProviderRegistry().registering(.local, LocalProvider.factory),
            watcher: watcher, logger: logs.logger(label: "daemon"), onListening: { listening.continuation.yield($0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await daemon.run() }
            var ports = listening.stream.makeAsyncIterator()
            guard let port = await ports.next() else { throw HarnessError(message: "the server never listened") }
            let harness = DaemonHarness(directory: directory, daemon: daemon, store: store, port: port, logs: logs)
            do {
                try await eventually("the first reconcile") { daemon.status.lastReconcile != nil }
                try await body(harness)
            } catch {
                await daemon.shutdown()
                try? await group.waitForAll()
                throw error
            }
            await daemon.shutdown()
            try await group.waitForAll()
        }
        try store.close()
    }

    /// One HTTP exchange with the daemon.
    func request(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil
    ) async throws -> (status: Int, body: String, headers: HTTPHeaders) {
        try await HTTPProbe(port: port).request(method, path, headers: headers, body: body)
    }

    /// A JSON GET.
    func json(_ path: String) async throws -> JSONValue {
        let response = try await request(.GET, path)
        return try JSONParser.parse(response.body).value
    }

    /// The endpoint as the store has it.
    func endpoint(_ name: String) async throws -> StoredEndpoint? {
        try await store.snapshot().endpoints[name]
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A local endpoint over `../data` with `interval`.
func localManifest(_ name: String, interval: String = "1h") -> String {
    localEndpoint(name, interval: interval, path: "../data")
}

/// Loopback HTTP requests to a daemon's port.
struct HTTPProbe: Sendable {
    let port: Int

    /// One exchange.
    func request(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil
    ) async throws -> (status: Int, body: String, headers: HTTPHeaders) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 4 << 20)
        return (Int(response.status.code), String(buffer: body), response.headers)
    }

    /// A GET.
    func get(_ path: String) async throws -> (status: Int, body: String, headers: HTTPHeaders) {
        try await request(.GET, path)
    }
}
