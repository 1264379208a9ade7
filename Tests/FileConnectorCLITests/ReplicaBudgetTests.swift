import ConnectorJSON
import ConnectorProviderAutodesk
import ConnectorTestSupport
import FakeAutodeskAPS
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Daemons on one PostgreSQL share an APS app's documented budgets: ten Autodesk endpoints on one app, synced by
/// two daemons (and in a second run a third joining and one killed midway) against the Autodesk fake served by
/// `fake-cloud`, which logs every request's family and arrival; every family's requests are counted per minute
/// across all daemons. At the real budgets and the real minute, each run takes a little over one; `scripts/test.sh`
/// runs these after the rest of the suite, alone, and the scenarios one after the other: both at once ran five
/// daemons and two fakes on a CI machine's two cores, and granted requests that waited there reached the fake late
/// enough to put 321 into one minute.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ReplicaBudgetTests {
    static let endpoints = (0..<10).map { "site-\($0)" }

    static func manifest(_ name: String, aps: FakeAutodeskAPS, apiURL: String) -> String {
        """
        apiVersion: fileconnector/v1
        kind: Endpoint
        metadata:
          name: \(name)
        spec:
          provider: autodesk-acc
          credentials:
            fromEnv: APS_CREDENTIALS
          autodeskAcc:
            hubId: \(aps.hubID)
            projectId: \(aps.projectID)
            apiURL: \(apiURL)
          schedule:
            interval: 1h
          sync:
            pageSize: 10

        """
    }

    /// The CPU time `process` has used, user and system, from `/proc/PID/stat`.
    static func cpuTime(of process: RunningCommand) throws -> Duration {
        let stat = try String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)
        // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are the
        // 12th and 13th of them, in clock ticks.
        let fields = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")
        let ticks = (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
        return .milliseconds(ticks * 1000 / Int(sysconf(Int32(_SC_CLK_TCK))))
    }

    enum Scenario: String, CaseIterable, Sendable {
        /// A and B start together.
        case twoDaemons
        /// A and B start together, C joins at 15 s, B is killed at 30 s.
        case aThirdJoinsAndOneIsKilled
    }

    @Test(arguments: Scenario.allCases)
    func daemonsOnOnePostgreSQLShareAnAPSAppsBudgetsPerMinute(_ scenario: Scenario) async throws {
        // The fake runs in a process of its own, as Autodesk does: in this test process, busy with the whole suite,
        // it would note requests late (when a task got round to them), not when they arrived.
        let directory = try TemporaryDirectory()
        let fakeCloud = try CommandRunner(
            executable: (try CommandRunner().executable as NSString).deletingLastPathComponent + "/fake-cloud")
        let fake = try fakeCloud.start([
            "--output", directory.url("fake.json"), "--acc-request-log", directory.url("requests.json"), "--acc-items", "320",
            "--fault-rate", "0", "--change-every", "0", "--drive-roots", "0",
        ])
        defer { fake.signal(SIGKILL) }
        try await eventually("fake-cloud listening", timeout: .seconds(60), every: .milliseconds(100)) {
            FileManager.default.fileExists(atPath: directory.url("fake.json"))
        }
        let details = try JSONParser.parse(try String(contentsOfFile: directory.url("fake.json"), encoding: .utf8)).value["acc"]
        // The same project in this process (it is generated from a seed), for the catalogs' ground truth.
        let aps = FakeAutodeskAPS(project: .generate(FakeACCProject.Shape(items: 320)))
        try #require(details?["projectId"]?.stringValue == aps.projectID, "fake-cloud serves the project generated here")
        for name in Self.endpoints {
            try directory.write("manifests/\(name).yaml", Self.manifest(name, aps: aps, apiURL: details?["baseURL"]?.stringValue ?? ""))
        }
        let environment = [
            "APS_CREDENTIALS":
                #"{"client_id": "\#(details?["clientId"]?.stringValue ?? "")", "client_secret": "\#(details?["clientSecret"]?.stringValue ?? "")"}"#
        ]
        let database = try await PostgresTestDatabase.create()
        // Applied once before the daemons start, so that all of them find the same ten endpoints due.
        let reconcile = try await CommandRunner().run(
            ["--database", database, "reconcile", "manifests", "--no-sync"], in: directory.path, environment: environment)
        try #require(reconcile.status == 0, "\(reconcile.standardError)")

        func daemon() throws -> RunningCommand {
            try CommandRunner().start(
                [
                    "--database", database, "run", "manifests", "--listen", "127.0.0.1:\(RunCommandTests.freePort())",
                    "--max-concurrent-syncs", "5",
                ], in: directory.path, environment: environment)
        }
        // A and B start together, five syncs each at most (each endpoint needs more than a tenth of a minute's
        // budget, so both are still syncing when the first minute's budget is spent). In the second scenario C joins
        // at 15 s and B is killed at 30 s, while its syncs wait for the next minute, and they are taken over.
        let a = try daemon()
        let b = try daemon()
        var c: RunningCommand?
        defer { for process in [a, b, c].compactMap(\.self) { process.signal(SIGKILL) } }
        if scenario == .aThirdJoinsAndOneIsKilled {
            try await Task.sleep(for: .seconds(15))
            c = try daemon()
            // Every endpoint is held by A or B by now; C waits without asking for their leases in a loop.
            try await Task.sleep(for: .seconds(3))
            let idleFrom = try Self.cpuTime(of: c!)
            try await Task.sleep(for: .seconds(12))
            let idle = try Self.cpuTime(of: c!) - idleFrom
            #expect(idle < .seconds(3), "C used \(idle) of CPU in 12 s with nothing it could run")
            b.signal(SIGKILL)
        }

        try await eventually("every endpoint synced", timeout: .seconds(180), every: .seconds(1)) {
            let listed = try await CommandRunner().run(["--database", database, "get", "endpoints", "-o", "json"])
            let endpoints = try JSONParser.parse(listed.standardOutput).value["endpoints"]?.arrayValue ?? []
            return endpoints.count == Self.endpoints.count
                && endpoints.allSatisfy { $0["lastSync"]?["status"]?.stringValue == "succeeded" }
        }
        fake.signal(SIGTERM)
        let fakeOutcome = await fake.finished()
        try #require(fakeOutcome.status == 0, "\(fakeOutcome.standardError)")
        let log = try (JSONParser.parse(try String(contentsOfFile: directory.url("requests.json"), encoding: .utf8)).value.arrayValue ?? [])
            .map { (family: $0["family"]?.stringValue ?? "", at: Duration.seconds($0["at"]?.doubleValue ?? 0)) }
        for family in APSFamily.allCases {
            let busiest = FakeAutodeskAPS.busiestWindow(log.filter { $0.family == family.rawValue }.map(\.at), length: .seconds(60)).count
            #expect(busiest <= family.requestsPerMinute, "\(family): \(busiest) requests in one minute, budget \(family.requestsPerMinute)")
        }
        let contents = log.filter { $0.family == APSFamily.folderContents.rawValue }.map(\.at).sorted()
        let budget = APSFamily.folderContents.requestsPerMinute
        try #require(contents.count > budget, "enough requests to need a second minute: \(contents.count)")
        // The floor: request n cannot go before ⌊(n − 1) / budget⌋ minutes have passed since the first.
        let floor = Duration.seconds(60 * ((contents.count - 1) / budget))
        let span = contents.last! - contents.first!
        #expect(span >= floor && span <= floor * 1.1, "\(contents.count) contents requests in \(span), floor \(floor)")

        let survivors = [a, c ?? b]
        for process in survivors { process.signal(SIGTERM) }
        var outcomes: [CommandRunner.Outcome] = []
        for process in survivors { outcomes.append(await process.finished()) }
        #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map { $0.standardError.suffix(2000) })")
        if scenario == .twoDaemons {
            #expect(outcomes.allSatisfy { $0.standardError.contains("sync started") }, "both daemons synced")
        } else {
            #expect(
                outcomes.contains { $0.standardError.contains("taking over the sync lease of a process that is gone") },
                "B's syncs were taken over: \(outcomes.map { $0.standardError.suffix(3000) })")
        }
        let expected = Dictionary(uniqueKeysWithValues: aps.visibleFiles().map { ($0.path, "present") })
        for name in Self.endpoints {
            let files = try await CommandRunner().run(["--database", database, "get", "files", name, "-o", "json"])
            #expect(try CloudProviderCommandTests.catalog(files) == expected, "\(name)")
        }
        let minutes = Dictionary(grouping: contents) { Int(($0 - contents[0]) / .seconds(60)) }.mapValues(\.count)
        print(
            "ReplicaBudgetTests \(scenario): \(contents.count) contents requests in \(span), per minute \(minutes.sorted { $0.key < $1.key })"
        )
    }
}
