import ConnectorHTTPTestSupport
import ConnectorJSON
import ConnectorSinks
import ConnectorTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Sinks declared as manifests and delivered by the real daemon to a real receiver over loopback that checks every
/// signature and fails some requests: every event arrives at least once and in order across a SIGKILL mid-delivery
/// and a restart; a sink whose receiver refuses the signature is dead-lettered with its reason in `get sinks` and
/// the metrics; the signing secret appears in no output, log or store.
@Suite(.serialized, .timeLimit(.minutes(3))) struct SinkDeliveryCommandTests {
    /// A receiver: `/refused` answers 401 (a receiver holding another secret); `/hooks` answers 204 after a moment,
    /// except that every seventh request gets a 500 and every eleventh a 503 with `Retry-After: 1`.
    static func receiver() -> FaultInjectingHTTPServer {
        FaultInjectingHTTPServer { request in
            if request.path == "/refused" { return .status(401) }
            if request.index % 7 == 3 { return .status(500) }
            if request.index % 11 == 5 { return .status(503, headers: [("Retry-After", "1")]) }  // as failed(_:) says
            return .delayed(.milliseconds(120), then: .status(204))
        }
    }

    static func manifests(in directory: TemporaryDirectory, port: Int) throws {
        try FileManager.default.createDirectory(atPath: directory.url("tree"), withIntermediateDirectories: true)
        for index in 0..<60 {
            try directory.write("tree/drawing-\(index).dwg", "drawing \(index)")
        }
        try FileManager.default.createDirectory(atPath: directory.url("manifests"), withIntermediateDirectories: true)
        try directory.write(
            "manifests/endpoint.yaml",
            """
            apiVersion: fileconnector/v1
            kind: Endpoint
            metadata:
              name: drawings
              labels: {team: drawings}
            spec:
              provider: local
              local: {path: \(directory.url("tree"))}
              schedule: {interval: 1h}
            """)
        try directory.write(
            "manifests/sinks.yaml",
            """
            apiVersion: fileconnector/v1
            kind: Sink
            metadata: {name: warehouse}
            spec:
              webhook:
                url: http://127.0.0.1:\(port)/hooks
                signingSecret: {fromEnv: WAREHOUSE_SECRET}
                timeout: 5s
              batch: {maxEvents: 5}
              retry: {maxAttempts: 20, initialBackoff: 100ms, maxBackoff: 300ms}
            ---
            apiVersion: fileconnector/v1
            kind: Sink
            metadata: {name: refused}
            spec:
              webhook:
                url: http://127.0.0.1:\(port)/refused
                signingSecret: {fromFile: secret.txt}
              events:
                types: [file.created]
                endpointSelector: team=drawings
              retry: {maxAttempts: 2, initialBackoff: 100ms, maxBackoff: 100ms}
            """)
    }

    /// Whether ``receiver()`` failed its request number `index`.
    static func failed(_ index: Int) -> Bool { index % 7 == 3 || index % 11 == 5 }

    /// The sequence numbers `receiver` accepted at `/hooks` (all but the requests `failed` names), in order of arrival;
    /// every request's signature checked.
    static func accepted(
        by receiver: FaultInjectingHTTPServer, secret: String, failed: (Int) -> Bool = SinkDeliveryCommandTests.failed
    ) throws -> [Int64] {
        let key = try WebhookSecret(encoded: secret)
        var sequences: [Int64] = []
        for request in receiver.requests where request.path == "/hooks" {
            let message = WebhookMessage(
                id: request.header("webhook-id") ?? "", timestamp: Int64(request.header("webhook-timestamp") ?? "") ?? 0,
                body: request.body)
            #expect(request.header("webhook-signature") == message.signature(with: key), "request \(request.index) is signed")
            guard !failed(request.index) else { continue }
            let events = try JSONParser.parse(request.bodyText).value["data"]?["events"]?.arrayValue ?? []
            sequences += events.compactMap { $0["sequence"]?.intValue.map(Int64.init) }
        }
        return sequences
    }

    static func sinks(_ database: String) async throws -> [String: JSONValue] {
        let listed = try await CommandRunner().run(["--database", database, "get", "sinks", "-o", "json"])
        #expect(listed.status == 0, "\(listed.standardError)")
        let sinks = try JSONParser.parse(listed.standardOutput).value["sinks"]?.arrayValue ?? []
        return Dictionary(uniqueKeysWithValues: sinks.compactMap { sink in sink["name"]?.stringValue.map { ($0, sink) } })
    }

    @Test func aDaemonKilledMidDeliveryLosesNoEventAndKeepsTheOrder() async throws {
        let directory = try TemporaryDirectory()
        let receiver = Self.receiver()
        let receiverPort = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try Self.manifests(in: directory, port: receiverPort)
        let secret = WebhookSecret.generate()
        try directory.write("manifests/secret.txt", WebhookSecret.generate())
        let database = directory.url("catalog.db")
        let environment = ["WAREHOUSE_SECRET": secret]

        let plan = try await CommandRunner().run(
            ["--database", database, "plan", "manifests"], in: directory.path, environment: environment)
        #expect(
            plan.standardOutput.contains("+ sink/warehouse") && plan.standardOutput.contains("webhook http://127.0.0.1:\(receiverPort),"))
        #expect(!plan.standardOutput.contains("/hooks"), "a plan shows the receiver's origin only:\n\(plan.standardOutput)")

        let first = try CommandRunner().start(
            ["--database", database, "run", "manifests", "--listen", "127.0.0.1:\(RunCommandTests.freePort())"], in: directory.path,
            environment: environment)
        defer { first.signal(SIGKILL) }
        try await eventually("some batches delivered", timeout: .seconds(60), every: .milliseconds(10)) {
            try Self.accepted(by: receiver, secret: secret).count >= 20
        }
        first.signal(SIGKILL)
        let killed = await first.finished()
        let beforeRestart = try Self.accepted(by: receiver, secret: secret)
        let total = try #require(try await Self.sinks(database)["warehouse"]?["cursor"]?.intValue)
        let latest = try await CommandRunner().run(["--database", database, "get", "changes", "-o", "json"])
        let newest = try JSONParser.parse(latest.standardOutput).value["next"]?.intValue ?? 0
        #expect(total < newest, "the daemon was killed mid-delivery (cursor \(total) of \(newest))")

        let port = RunCommandTests.freePort()
        let second = try CommandRunner().start(
            ["--database", database, "run", "manifests", "--listen", "127.0.0.1:\(port)"], in: directory.path, environment: environment)
        defer { second.signal(SIGKILL) }
        try await eventually("every event delivered", timeout: .seconds(90), every: .milliseconds(50)) {
            Set(try Self.accepted(by: receiver, secret: secret)).isSuperset(of: (1...Int64(newest)))
        }
        let accepted = try Self.accepted(by: receiver, secret: secret)
        #expect(accepted.count > beforeRestart.count)
        // In order: each event's first arrival comes after every smaller one's; repeats are only re-sent batches.
        var seen = Set<Int64>()
        let firstArrivals = accepted.filter { seen.insert($0).inserted }
        #expect(firstArrivals.count >= newest && firstArrivals == Array(1...Int64(firstArrivals.count)), "\(accepted)")

        try await eventually("the refusing receiver's sink dead-lettered", timeout: .seconds(30), every: .milliseconds(50)) {
            try await Self.sinks(database)["refused"]?["status"]?.stringValue == "dead-lettered"
        }
        let sinks = try await Self.sinks(database)
        let refused = try #require(sinks["refused"])
        let reason = refused["lastError"]?.stringValue ?? ""
        #expect(reason.contains("401") && reason.contains("signing secret") && reason.contains("gave up after 2 attempts"), "\(reason)")
        try await eventually("the warehouse sink caught up", timeout: .seconds(30), every: .milliseconds(50)) {
            try await Self.sinks(database)["warehouse"]?["lag"]?.intValue == 0
        }
        let table = try await CommandRunner().run(["--database", database, "get", "sinks"])
        #expect(table.standardOutput.contains("refused: dead-lettered: the receiver answered 401"), "\(table.standardOutput)")

        let metrics = try await RunCommandTests.http(port, "/metrics").body
        #expect(metrics.contains(#"fileconnector_sink_lag_events{sink="warehouse"} 0"#), "\(metrics)")
        #expect(metrics.contains(#"fileconnector_sink_dead_lettered{sink="refused"} 1"#))
        #expect(metrics.contains(#"fileconnector_sink_deliveries_total{sink="warehouse",result="delivered"}"#))
        #expect(metrics.contains(#"fileconnector_sink_last_delivery_timestamp_seconds{sink="warehouse"}"#))

        second.signal(SIGTERM)
        let stopped = await second.finished()
        #expect(stopped.status == 0, "\(stopped.standardError.suffix(2000))")
        #expect(stopped.standardError.contains(#""msg":"sink batch delivered""#) && stopped.standardError.contains(#""first_sequence""#))
        // The canary: the secrets are in no log line, listing, or byte of the store.
        let secretFile = try String(contentsOfFile: directory.url("manifests/secret.txt"), encoding: .utf8)
        let storeBytes = try [database, database + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }.map {
            String(decoding: try Data(contentsOf: URL(fileURLWithPath: $0)), as: UTF8.self)
        }.joined()
        let key = String(secret.dropFirst("whsec_".count))
        for text in [killed.standardError, stopped.standardError, plan.standardOutput, table.standardOutput, storeBytes, metrics] {
            #expect(!text.contains(key) && !text.contains(String(secretFile.dropFirst("whsec_".count))))
        }
    }

    @Test func sinksAreResumedByHandAndTheirSecretsMadeByTheCLI() async throws {
        let made = try await CommandRunner().run(["sink", "new-secret"])
        let secret = made.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(made.status == 0 && (try? WebhookSecret(encoded: secret)) != nil, "\(made.standardOutput)")
        let directory = try TemporaryDirectory()
        try Self.manifests(in: directory, port: 9)
        let database = directory.url("catalog.db")
        let unknown = try await CommandRunner().run(["--database", database, "sink", "resume", "warehouse"])
        #expect(unknown.status == 1 && unknown.standardError.contains(#"no sink named "warehouse""#))
        let applied = try await CommandRunner().run(["--database", database, "reconcile", "manifests", "--no-sync"], in: directory.path)
        #expect(applied.standardOutput.contains("Applied: 1 endpoint change and 2 sink changes committed."), "\(applied.standardOutput)")
        let resumed = try await CommandRunner().run(["--database", database, "sink", "resume", "warehouse"])
        #expect(resumed.status == 0 && resumed.standardOutput.contains("delivery resumes"), "\(resumed.standardError)")
        let pending = try await Self.sinks(database)
        #expect(pending["warehouse"]?["status"]?.stringValue == "pending" && pending["refused"]?["cursor"]?.intValue == 0)
        // Out of the manifests: retired, and the table says so.
        try FileManager.default.removeItem(atPath: directory.url("manifests/sinks.yaml"))
        let retired = try await CommandRunner().run(["--database", database, "reconcile", "manifests", "--no-sync"], in: directory.path)
        #expect(retired.standardOutput.contains("- sink/refused") && retired.standardOutput.contains("- sink/warehouse"))
        #expect(try await Self.sinks(database)["warehouse"]?["status"]?.stringValue == "retired")
    }

    @Test func twoDaemonsOnOnePostgreSQLDeliverOneAtATimeAndGoOnWhenOneIsKilled() async throws {
        let directory = try TemporaryDirectory()
        let inFlight = InFlightCount()
        let receiver = FaultInjectingHTTPServer { request in
            guard request.path == "/hooks" else { return .status(404) }
            inFlight.begin()
            try? await Task.sleep(for: .milliseconds(60))
            inFlight.end()
            return .status(204)
        }
        let receiverPort = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try Self.manifests(in: directory, port: receiverPort)
        try FileManager.default.removeItem(atPath: directory.url("manifests/sinks.yaml"))
        try directory.write(
            "manifests/sink.yaml",
            """
            apiVersion: fileconnector/v1
            kind: Sink
            metadata: {name: warehouse}
            spec:
              webhook: {url: 'http://127.0.0.1:\(receiverPort)/hooks', signingSecret: {fromEnv: WAREHOUSE_SECRET}}
              batch: {maxEvents: 4}
            """)
        let secret = WebhookSecret.generate()
        let database = try await PostgresTestDatabase.create()
        let daemons = try (0..<2).map { _ in
            try CommandRunner().start(
                ["--database", database, "run", "manifests", "--listen", "127.0.0.1:\(RunCommandTests.freePort())"], in: directory.path,
                environment: ["WAREHOUSE_SECRET": secret])
        }
        defer { for daemon in daemons { daemon.signal(SIGKILL) } }
        try await eventually("some batches delivered", timeout: .seconds(60), every: .milliseconds(10)) {
            try Self.accepted(by: receiver, secret: secret, failed: { _ in false }).count >= 24
        }
        #expect(inFlight.most == 1, "one replica at a time delivers to a sink")
        daemons[0].signal(SIGKILL)
        _ = await daemons[0].finished()
        let changes = try await CommandRunner().run(["--database", database, "get", "changes", "-o", "json"])
        let newest = try JSONParser.parse(changes.standardOutput).value["next"]?.intValue ?? 0
        try await eventually("every event delivered by the survivor", timeout: .seconds(90), every: .milliseconds(50)) {
            Set(try Self.accepted(by: receiver, secret: secret, failed: { _ in false })).isSuperset(of: 1...Int64(newest))
        }
        var seen = Set<Int64>()
        let firstArrivals = try Self.accepted(by: receiver, secret: secret, failed: { _ in false }).filter { seen.insert($0).inserted }
        #expect(firstArrivals == Array(1...Int64(firstArrivals.count)) && firstArrivals.count >= newest)
        daemons[1].signal(SIGTERM)
        let stopped = await daemons[1].finished()
        #expect(stopped.status == 0, "\(stopped.standardError.suffix(1000))")
    }
}

/// Requests being answered at once, and the most seen.
private final class InFlightCount: @unchecked Sendable {
    private let lock = NSLock()
    private var now = 0
    private(set) var most = 0

    func begin() {
        lock.withLock {
            now += 1
            most = max(most, now)
        }
    }

    func end() { lock.withLock { now -= 1 } }
}
