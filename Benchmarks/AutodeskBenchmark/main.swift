import ConnectorHTTP
import ConnectorHTTPTestSupport
import ConnectorModel
import ConnectorProvider
import ConnectorProviderAutodesk
import ConnectorStore
import ConnectorStoreSQLite
import ConnectorSync
import FakeAutodeskAPS
import Foundation
import Logging
import Synchronization

// The autodesk-acc provider against FakeAutodeskAPS over loopback, into SQLite (release build):
//   swift build -c release --product AutodeskBenchmark && .build/release/AutodeskBenchmark [items]
// The per-family pacer is disabled (AutodeskAppPacers.unpaced()): at Autodesk's documented 300 folder-contents
// requests per minute the same listing would be bound by the budget, and the figure printed for that is computed.
// Environment:
//   ACC_LATENCY_MS=300   every answer of the fake is delayed so (Autodesk's servers a WAN away)
//   ACC_PACED=1          the documented per-family budgets apply (AutodeskAppPacers.standardBudgets()), and the full
//                        sync is compared with the time its folder-contents pages need at 300 a minute
//   ACC_MAX_CONCURRENT=8 sync.maxConcurrentRequests (default: the provider's default); ACC_FULL_ONLY=1 stops after it

let itemCount = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 50_000
var shape = FakeACCProject.Shape(items: itemCount)
shape.branching = 4
shape.depth = 3
let generationStart = ContinuousClock.now
// A shifted wall clock shared by the fake and the provider: moved 15 minutes on between syncs, as a schedule
// would, so each incremental walk's 5-minute safety margin does not reach back to the previous batch of changes.
let clockShift = Mutex(0.0)
let shiftedNow: @Sendable () -> Date = { Date().addingTimeInterval(clockShift.withLock { $0 }) }
let benchmarkEnvironment = ProcessInfo.processInfo.environment
let paced = benchmarkEnvironment["ACC_PACED"] == "1"
let fullOnly = benchmarkEnvironment["ACC_FULL_ONLY"] == "1"
let maxConcurrent = benchmarkEnvironment["ACC_MAX_CONCURRENT"].flatMap(Int.init)
var apsConfiguration = FakeAutodeskAPS.Configuration()
apsConfiguration.now = { Int64(shiftedNow().timeIntervalSince1970 * 1000) }
let latencyMilliseconds = benchmarkEnvironment["ACC_LATENCY_MS"].flatMap(Int.init) ?? 0
apsConfiguration.latency = .milliseconds(latencyMilliseconds)
let aps = FakeAutodeskAPS(configuration: apsConfiguration, project: .generate(shape))
let generation = ContinuousClock.now - generationStart
let server = FaultInjectingHTTPServer(handler: aps.handler)
_ = try await server.start()
let directory = NSTemporaryDirectory() + "acc-bench-" + UUID().uuidString
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }
let store = try await SQLiteCatalogStore(path: directory + "/catalog.db")
var logger = Logger(label: "acc-bench")
logger.logLevel = .error
let environment = [
    "ACC_CREDENTIALS": #"{"client_id":"\#(aps.configuration.clientID)","client_secret":"\#(aps.configuration.clientSecret)"}"#
]

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

try await ProviderHTTPClient.withClient(logger: logger) { client in
    let registry = ProviderRegistry().registering(
        .autodeskAcc, AutodeskACCProvider.factory(client: client, pacers: paced ? AutodeskAppPacers() : .unpaced(), wallClock: shiftedNow))
    let engine = SyncEngine(store: store, registry: registry, environment: environment, logger: logger)
    let spec = EndpointSpec(
        provider: .autodeskAcc, credentials: CredentialReference(fromEnv: "ACC_CREDENTIALS"),
        autodeskAcc: AutodeskAccSource(hubId: aps.hubID, projectId: aps.projectID, apiURL: server.baseURL),
        schedule: ScheduleSpec(interval: "1h"), sync: SyncSettings(pageSize: 1000, maxConcurrentRequests: maxConcurrent))
    let now = Date()
    let record = StoredEndpoint(
        name: "tower", provider: "autodesk-acc", spec: String(decoding: try JSONEncoder().encode(spec), as: UTF8.self),
        specHash: String(repeating: "a", count: 64), scopeHash: String(repeating: "b", count: 64), generation: 1, state: .active,
        labels: [:], annotations: [:], sourceFile: nil, sourceRevision: nil, createdAt: now, updatedAt: now, retiredAt: nil,
        lastSyncAt: nil, lastSyncStatus: nil, nextSyncAt: now)
    _ = try await store.reconcile { _ in ([EndpointWrite(record: record, resetsCursor: true)], ()) }

    let fullStart = ContinuousClock.now
    let full = try await engine.sync(try await store.snapshot().endpoints["tower"]!, trigger: .manual)
    let fullTime = seconds(ContinuousClock.now - fullStart)
    let present = try await store.fileCounts()["tower"]?.present ?? 0
    let visible = aps.visibleFiles().count
    let contents = aps.requestLog.filter { $0.family == "folderContents" }.count
    print(
        "project: \(itemCount) items (\(visible) visible) in \(aps.folderIDs.count) folders, generated in \(String(format: "%.2f", seconds(generation))) s"
    )
    print(
        "full sync: \(full.status), \(present) files in \(String(format: "%.2f", fullTime)) s = \(Int(Double(present) / fullTime)) files/s, \(full.requests) requests (\(contents) folder-contents pages)"
    )
    let budget = Double(contents) / 300 * 60
    print("  paced at Autodesk's 300 folder-contents requests/min the same listing needs >= \(String(format: "%.1f", budget / 60)) min")
    let inFlight =
        latencyMilliseconds > 0
        ? String(
            format: ", %.2f requests in flight on average (at most %d)",
            Double(aps.requestLog.count) * Double(latencyMilliseconds) / 1000 / fullTime, aps.maxRequestsInFlight) : ""
    print(
        "  \(latencyMilliseconds) ms per request, \(paced ? "paced" : "unpaced"): \(String(format: "%.1f", fullTime)) s = \(String(format: "%.2f", fullTime / budget)) x the contents budget's \(String(format: "%.1f", budget)) s\(inFlight)"
    )
    if fullOnly { return }

    clockShift.withLock { $0 += 15 * 60 }
    var random = SeededGenerator(seed: 5)
    let ids = aps.visibleItemIDs
    let folders = aps.folderIDs
    for change in 0..<100 {
        let item = ids[Int(random.next() % UInt64(ids.count))]
        switch change % 5 {
        case 0, 1: aps.addVersion(item: item)
        case 2: aps.addItem(folder: folders[Int(random.next() % UInt64(folders.count))], name: "New sheet \(change).pdf")
        case 3: aps.deleteItem(item)
        default: aps.moveItem(item, to: folders[Int(random.next() % UInt64(folders.count))])
        }
    }
    clockShift.withLock { $0 += 10 * 60 }  // the next scheduled sync comes later
    aps.clearRequestLog()
    let incrementalStart = ContinuousClock.now
    let incremental = try await engine.sync(try await store.snapshot().endpoints["tower"]!, trigger: .manual)
    let incrementalTime = seconds(ContinuousClock.now - incrementalStart)
    let entered = Set(aps.requestLog.compactMap(\.folderID)).count
    let after = try await store.fileCounts()["tower"]?.present ?? 0
    print(
        "incremental sync after 100 changes: \(incremental.mode) \(incremental.status) in \(String(format: "%.3f", incrementalTime)) s, \(incremental.requests) requests, entered \(entered) of \(folders.count) folders; created \(incremental.created), updated \(incremental.updated), removed \(incremental.removed)"
    )
    print("catalog matches the fake: \(after == aps.visibleFiles().count) (\(after) files)")

    // The same number of changes concentrated in three folders: the walk stays on their paths.
    clockShift.withLock { $0 += 15 * 60 }
    let hot = Array(folders.suffix(3))
    let hotItems = aps.visibleItemIDs.filter { id in aps.folderID(ofItem: id).map(hot.contains) ?? false }
    for change in 0..<100 {
        if change % 2 == 0, !hotItems.isEmpty {
            aps.addVersion(item: hotItems[change % hotItems.count])
        } else {
            aps.addItem(folder: hot[change % 3], name: "Hot sheet \(change).pdf")
        }
    }
    clockShift.withLock { $0 += 10 * 60 }
    aps.clearRequestLog()
    let hotStart = ContinuousClock.now
    let hotRun = try await engine.sync(try await store.snapshot().endpoints["tower"]!, trigger: .manual)
    let hotTime = seconds(ContinuousClock.now - hotStart)
    let hotEntered = Set(aps.requestLog.compactMap(\.folderID)).count
    print(
        "incremental sync after 100 changes in 3 folders: \(hotRun.status) in \(String(format: "%.3f", hotTime)) s, \(hotRun.requests) requests, entered \(hotEntered) of \(folders.count) folders; created \(hotRun.created), updated \(hotRun.updated)"
    )
    print("catalog matches the fake: \((try await store.fileCounts()["tower"]?.present ?? 0) == aps.visibleFiles().count)")
}
await server.stop()
try store.close()
