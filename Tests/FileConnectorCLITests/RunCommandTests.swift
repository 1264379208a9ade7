import AsyncHTTPClient
import ConnectorJSON
import ConnectorTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `file-connector run` as a real process: it serves what Prometheus's `promtool` accepts, applies an edit within a
/// second, guards its trigger with the token, refuses a second daemon on one SQLite file, exits 0 on SIGTERM, and two
/// daemons on one PostgreSQL run each due sync exactly once.
@Suite(.serialized, .timeLimit(.minutes(3))) struct RunCommandTests {
    /// A port nobody listens on now.
    static func freePort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func http(
        _ port: Int, _ path: String, method: HTTPMethod = .GET, headers: [(String, String)] = []
    ) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 8 << 20)))
    }

    @Test func theDaemonServesPromtoolCleanMetricsReloadsAndStopsOnSIGTERM() async throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.copyItem(atPath: RepositoryLayout.path("examples/quickstart"), toPath: directory.url("quickstart"))
        let port = Self.freePort()
        let database = directory.url("catalog.db")
        let daemon = try CommandRunner().start(
            ["--database", database, "run", "quickstart", "--listen", "127.0.0.1:\(port)"], in: directory.path,
            environment: ["FILE_CONNECTOR_API_TOKEN": "run-test-token"])
        defer { daemon.signal(SIGKILL) }
        try await eventually("the first sync", timeout: .seconds(30), every: .milliseconds(50)) {
            try await Self.http(port, "/api/v1/endpoints/quickstart-files/runs").body.contains(#""status":"succeeded""#)
        }
        #expect(try await Self.http(port, "/readyz").status == 200)
        // The container's HEALTHCHECK: 0 when /healthz answers 200, 1 with the reason otherwise.
        let healthy = try await CommandRunner().run(["healthcheck", "--url", "http://127.0.0.1:\(port)/healthz"])
        #expect(healthy.status == 0, "\(healthy.standardError)")
        let missing = try await CommandRunner().run(["healthcheck", "--url", "http://127.0.0.1:\(port)/nothing-here"])
        #expect(missing.status == 1 && missing.standardError.contains("answered 404"), "\(missing.standardError)")
        let closed = try await CommandRunner().run([
            "healthcheck", "--url", "http://127.0.0.1:\(Self.freePort())/healthz", "--timeout", "2",
        ])
        #expect(closed.status == 1 && closed.standardError.contains("did not answer"), "\(closed.standardError)")

        let metrics = try await Self.http(port, "/metrics").body
        try directory.write("metrics.txt", metrics)
        let promtool = try await CommandRunner(executable: "/usr/bin/promtool").run(["check", "metrics"], standardInput: metrics)
        #expect(promtool.status == 0, "promtool check metrics: \(promtool.standardOutput) \(promtool.standardError)")

        let second = try await CommandRunner().run(
            ["--database", database, "run", "quickstart", "--listen", "127.0.0.1:\(Self.freePort())"], in: directory.path)
        #expect(second.status == 1 && second.standardError.contains("another file-connector run"), "\(second.standardError)")

        #expect(try await Self.http(port, "/api/v1/endpoints/quickstart-files/sync", method: .POST).status == 401)
        // Accepted once the scheduler has let go of the first run (until then: 409, already syncing).
        try await eventually("the trigger accepted", timeout: .seconds(30), every: .milliseconds(50)) {
            try await Self.http(
                port, "/api/v1/endpoints/quickstart-files/sync", method: .POST, headers: [("Authorization", "Bearer run-test-token")]
            ).status == 202
        }

        let manifest = directory.url("quickstart/endpoint.yaml")
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "interval: 15m", with: "interval: 7m").write(toFile: manifest, atomically: true, encoding: .utf8)
        let edited = ContinuousClock.now
        try await eventually("the edit applied", timeout: .seconds(30), every: .milliseconds(50)) {
            try await Self.http(port, "/api/v1/endpoints/quickstart-files").body.contains(#""interval":"7m""#)
        }
        // Latency is measured by scripts/bench/daemon.sh; here only that the edit arrives without a restart.
        #expect(ContinuousClock.now - edited < .seconds(15))

        daemon.signal(SIGTERM)
        let outcome = await daemon.finished()
        #expect(outcome.status == 0, "\(outcome.standardError.suffix(2000))")
        let lines = outcome.standardError.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try? JSONParser.parse(String(line)).value
            #expect(object?["msg"] != nil, "a JSON log line: \(line)")
        }
        let syncLines = lines.filter { $0.contains("sync finished") }
        #expect(!syncLines.isEmpty && syncLines.allSatisfy { $0.contains("correlation_id") && $0.contains("quickstart-files") })
        #expect(!outcome.standardError.contains("run-test-token"))
    }

    @Test func twoDaemonsOnOnePostgreSQLRunEachDueSyncOnce() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("data/a.txt", "a")
        let names = (0..<10).map { "replica-\($0)" }
        for name in names { try directory.write("manifests/\(name).yaml", localEndpoint(name, interval: "1h", path: "../data")) }
        let database = try await PostgresTestDatabase.create()
        let ports = [Self.freePort(), Self.freePort()]
        let daemons = try ports.map { port in
            try CommandRunner().start(["--database", database, "run", "manifests", "--listen", "127.0.0.1:\(port)"], in: directory.path)
        }
        defer { for daemon in daemons { daemon.signal(SIGKILL) } }
        func runs() async throws -> [JSONValue] {
            var all: [JSONValue] = []
            for name in names {
                all +=
                    try JSONParser.parse(try await Self.http(ports[0], "/api/v1/endpoints/\(name)/runs").body).value["runs"]?.arrayValue
                    ?? []
            }
            return all
        }
        try await eventually("every endpoint synced", timeout: .seconds(30), every: .milliseconds(50)) {
            try await runs().filter { $0["finishedAt"] != .null }.count >= names.count
        }
        try await Task.sleep(for: .seconds(1))
        let all = try await runs()
        #expect(all.count == names.count, "each due sync ran exactly once: \(all.count) runs")
        for daemon in daemons { daemon.signal(SIGTERM) }
        for daemon in daemons {
            let outcome = await daemon.finished()
            #expect(outcome.status == 0, "\(outcome.standardError.suffix(1000))")
        }
    }
}
