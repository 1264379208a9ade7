import ConnectorJSON
import ConnectorTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Replicas whose copies of the manifests differ for a while (kubelet updates each pod's ConfigMap on its own
/// schedule): the newest version wins whatever replica sees it first, and a replica whose copy is behind applies
/// nothing until it catches up. Real daemons on one PostgreSQL, each watching its own ConfigMap-style folder.
@Suite(.serialized, .timeLimit(.minutes(4))) struct ManifestSkewTests {
    /// Projects `files` into `folder` as kubelet's AtomicWriter does: a new `..<timestamp>` directory, `..data`
    /// swapped to it by a rename, a link per key, the old directory removed.
    static func project(_ files: [String: String], into folder: String, in directory: TemporaryDirectory) throws {
        let mount = directory.url(folder)
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        let old = try? FileManager.default.destinationOfSymbolicLink(atPath: mount + "/..data")
        let stamp = "..\(Self.projectionTime(Date())).\(Int.random(in: 100_000_000...999_999_999))"
        for (name, text) in files { try directory.write("\(folder)/\(stamp)/\(name)", text) }
        try directory.symlink("\(folder)/..data_tmp", to: stamp)
        #expect(rename(mount + "/..data_tmp", mount + "/..data") == 0)
        let entries = try FileManager.default.contentsOfDirectory(atPath: mount)
        for entry in entries where !entry.hasPrefix("..") { try FileManager.default.removeItem(atPath: mount + "/" + entry) }
        for name in files.keys { try directory.symlink("\(folder)/\(name)", to: "..data/\(name)") }
        if let old { try FileManager.default.removeItem(atPath: mount + "/" + old) }
    }

    /// kubelet's AtomicWriter directory time: `2006_01_02_15_04_05`.
    static func projectionTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy_MM_dd_HH_mm_ss"
        return formatter.string(from: date)
    }

    static func manifest(_ name: String, interval: String = "1h", path: String = "/srv/data") -> String {
        localEndpoint(name, interval: interval, path: path)
    }

    static let first = ["alpha.yaml": manifest("alpha"), "beta.yaml": manifest("beta"), "gamma.yaml": manifest("gamma")]
    /// alpha's schedule changes, beta's scope (its cursor is reset), gamma goes, delta comes.
    static let second = [
        "alpha.yaml": manifest("alpha", interval: "2h"), "beta.yaml": manifest("beta", path: "/srv/other"),
        "delta.yaml": manifest("delta"),
    ]

    @Test func theNewestManifestsWinAndABehindReplicaAppliesNothing() async throws {
        let directory = try TemporaryDirectory()
        try Self.project(Self.first, into: "replica-a", in: directory)
        try Self.project(Self.first, into: "replica-b", in: directory)
        let database = try await PostgresTestDatabase.create()
        let ports = [RunCommandTests.freePort(), RunCommandTests.freePort()]
        let daemons = try zip(["replica-a", "replica-b"], ports).map { folder, port in
            try CommandRunner().start(
                ["--database", database, "run", folder, "--listen", "127.0.0.1:\(port)", "--reconcile-interval", "1s"],
                in: directory.path)
        }
        defer { for daemon in daemons { daemon.signal(SIGKILL) } }
        func endpoints() async throws -> [String: JSONValue] {
            let body = try await RunCommandTests.http(ports[0], "/api/v1/endpoints").body
            let list = try JSONParser.parse(body).value["endpoints"]?.arrayValue ?? []
            return Dictionary(uniqueKeysWithValues: list.compactMap { item in item["name"]?.stringValue.map { ($0, item) } })
        }
        try await eventually("the first version applied", timeout: .seconds(30), every: .milliseconds(100)) {
            try await endpoints().count == 3
        }

        // A's copy moves on; B's stays behind for a minute (kubelet's sync period), some sixty of its reconciles.
        try Self.project(Self.second, into: "replica-a", in: directory)
        let movedOn = ContinuousClock.now
        try await eventually("the second version applied", timeout: .seconds(30), every: .milliseconds(100)) {
            let now = try await endpoints()
            return now["delta"]?["state"]?.stringValue == "active" && now["gamma"]?["state"]?.stringValue == "retired"
        }
        try await eventually("B reports that its copy is behind", timeout: .seconds(30), every: .milliseconds(200)) {
            let metrics = try await RunCommandTests.http(ports[1], "/metrics").body
            let ready = try await RunCommandTests.http(ports[1], "/readyz")
            return metrics.contains("fileconnector_manifests_behind 1") && ready.status == 200 && ready.body.contains("behind")
        }
        try await Task.sleep(until: movedOn + .seconds(60))
        try Self.project(Self.second, into: "replica-b", in: directory)
        try await eventually("B caught up", timeout: .seconds(30), every: .milliseconds(200)) {
            try await RunCommandTests.http(ports[1], "/metrics").body.contains("fileconnector_manifests_behind 0")
        }
        try await Task.sleep(for: .seconds(2))

        // The history: every generation moves forward, beta's scope changed (its cursor reset) once, nothing was
        // retired and revived, and each endpoint changed once.
        let changes = try await CommandRunner().run([
            "--database", database, "get", "changes", "--type", "endpoint.created",
            "--type", "endpoint.updated", "--type", "endpoint.retired", "--type", "endpoint.revived", "-o", "json",
        ])
        let events = try JSONParser.parse(changes.standardOutput).value["changes"]?.arrayValue ?? []
        let history = events.map { event in
            "\(event["endpoint"]?.stringValue ?? "?") \(event["type"]?.stringValue ?? "?") \(event["data"]?["generation"]?.intValue ?? -1)"
        }
        #expect(
            history.sorted() == [
                "alpha endpoint.created 1", "alpha endpoint.updated 2", "beta endpoint.created 1", "beta endpoint.updated 2",
                "delta endpoint.created 1", "gamma endpoint.created 1", "gamma endpoint.retired 1",
            ], "\(history)")
        print("ManifestSkewTests: \(history)")
        let scopeResets = events.filter { $0["data"]?["scopeChanged"]?.boolValue == true }.compactMap { $0["endpoint"]?.stringValue }
        #expect(scopeResets == ["beta"], "\(scopeResets)")
        for daemon in daemons { daemon.signal(SIGTERM) }
        var outcomes: [CommandRunner.Outcome] = []
        for daemon in daemons { outcomes.append(await daemon.finished()) }
        #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map { $0.standardError.suffix(1000) })")
        #expect(outcomes[1].standardError.contains("manifests behind the store's"), "B said that its copy was behind")
    }
}
