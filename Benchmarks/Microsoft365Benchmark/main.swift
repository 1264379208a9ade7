// Syncs COUNT files of a SharePoint library from the fake Microsoft Graph over loopback (an Entra client-secret
// grant, site and library resolution, the drive's root delta, the engine, a real SQLite store), then an incremental
// sync after 100 changes, then a forced full enumeration. Before the timed runs the fake renders its rows once (an
// untimed sync into a scratch store): the service renders them on its own machines, while here the fake shares the
// two cores with the client; the forced full enumeration runs against a cold fake (the rename invalidates every row).
// One line of JSON per run. Environment:
//   M365_LATENCY_MS=100 M365_JITTER_MS=20   every answer is delayed so (a WAN away)
//   M365_FULL_ONLY=1   stop after the first full sync (for profiles)
//   M365_IGNORE_TOP=1   delta ignores $top, as it has been seen to in production (pages of 200)
//   M365_WAITING_PAGES=N   how many prepared pages may wait for the store (SyncEngine.waitingPages)
//   swift build -c release --product Microsoft365Benchmark
//   .build/release/Microsoft365Benchmark 100000 /tmp/m365-bench.db
import ConnectorHTTP
import ConnectorModel
import ConnectorPlan
import ConnectorProvider
import ConnectorProviderMicrosoft365
import ConnectorStore
import ConnectorStoreSQLite
import ConnectorSync
import FakeMicrosoftGraph
import Foundation
import Logging

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: Microsoft365Benchmark COUNT SQLITE_PATH\n".utf8))
    exit(2)
}
try? FileManager.default.removeItem(atPath: arguments[2])

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// CPU seconds the process has used so far, every thread, user and system (the fake's included): on two busy cores
/// a steadier measure of a change than the wall time.
func processorSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
        getrusage(RUSAGE_SELF, &usage)
    #endif
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// 100 changes: 40 modified, 30 added, 10 deleted, 18 moved within the library, a folder renamed (its subtree is
/// listed again at the new paths) and a folder deleted with its files.
func mutate(_ graph: FakeMicrosoftGraph, drive: String, library: FakeMicrosoftGraph.GeneratedLibrary) {
    let files = library.files
    let folders = library.folders
    let step = max(1, files.count / 100)
    for index in 0..<40 { graph.modify(files[(index * step) % files.count]) }
    for index in 0..<30 { graph.createFile(name: "New drawing \(index).pdf", parent: folders[(index * 7) % folders.count], drive: drive) }
    for index in 0..<10 { graph.delete(files[(index * step + 1) % files.count]) }
    for index in 0..<18 { graph.move(files[(index * step + 2) % files.count], to: folders[(index * 13) % folders.count]) }
    graph.rename(folders[folders.count - 1], to: "Renamed folder")
    graph.delete(folders[folders.count - 2])
}

let graph = FakeMicrosoftGraph()
let baseURL = try await graph.start()
let tenant = graph.createTenant(domains: ["contoso.onmicrosoft.com"])
let app = graph.registerApp(in: tenant, permissions: [.sitesSelected])
let site = graph.createSite(in: tenant, hostname: "contoso.sharepoint.com", path: "/sites/Engineering")
let drive = graph.createDrive(in: site, name: "Documents", urlSegment: "Shared Documents")
graph.grant(app, site: site)
let generationStart = ContinuousClock.now
let library = graph.generateLibrary(drive: drive, files: count, filesPerFolder: 100, subfoldersPerFolder: 10)
let generation = ContinuousClock.now - generationStart
let environment = ProcessInfo.processInfo.environment
if environment["M365_IGNORE_TOP"] != nil { graph.ignoresTop = true }
let latencyMilliseconds = environment["M365_LATENCY_MS"].flatMap(Int.init) ?? 0
if latencyMilliseconds > 0 || environment["M365_JITTER_MS"] != nil {
    graph.injectLatency(
        fixed: .milliseconds(latencyMilliseconds), jitter: .milliseconds(environment["M365_JITTER_MS"].flatMap(Int.init) ?? 0))
}

/// With BENCH_DEBUG set: every debug line with its time since start in milliseconds, to see where a sync waits.
struct TimedLogHandler: LogHandler {
    static let start = ContinuousClock.now
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        let elapsed = ContinuousClock.now - Self.start
        let url = (event.metadata?["http.url"] ?? metadata["http.url"]).map { " \($0)".prefix(140) } ?? ""
        print(
            String(format: "%10.3f ms ", Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
                + "\(event.message)\(url)")
    }
}
let timed = ProcessInfo.processInfo.environment["BENCH_DEBUG"] != nil
var quiet = timed ? Logger(label: "bench", factory: { _ in TimedLogHandler() }) : Logger(label: "bench")
if !timed { quiet.logLevel = .error }
let store = try await SQLiteCatalogStore(path: arguments[2])
try await ProviderHTTPClient.withClient(configuration: .init(), logger: quiet) { client in
    let factory = Microsoft365Provider.factory(
        client: client, apps: Microsoft365Apps(), userAgent: Microsoft365Provider.userAgent(version: "bench"))
    let registry = ProviderRegistry().registering(.microsoft365, factory)
    let spec = EndpointSpec(
        provider: .microsoft365, credentials: CredentialReference(fromEnv: "M365_APP"),
        microsoft365: Microsoft365Block(
            tenant: "contoso.onmicrosoft.com", site: .init(hostname: site.hostname, path: site.path), apiURL: baseURL, loginURL: baseURL),
        schedule: ScheduleSpec(interval: "1h"))
    let desired = DesiredEndpoint(try Endpoint(name: "bench", spec: spec, origin: SourceLocation(file: "/bench.yaml")))
    let plan = Planner().plan(desired: [desired], sinks: [], snapshot: .empty, now: Date())
    _ = try await store.reconcile { _ in (plan.reconcileWrites, ()) }
    let document = #"{"clientId": "\#(app.clientID)", "clientSecret": "\#(app.secret ?? "")"}"#
    var engine = SyncEngine(store: store, registry: registry, environment: ["M365_APP": document], logger: quiet)
    if let waiting = environment["M365_WAITING_PAGES"].flatMap(Int.init) { engine.waitingPages = waiting }
    guard let endpoint = try await store.snapshot().endpoints["bench"] else { return }

    let scratchPath = arguments[2] + ".warm"
    try? FileManager.default.removeItem(atPath: scratchPath)
    let scratch = try await SQLiteCatalogStore(path: scratchPath)
    _ = try await scratch.reconcile { _ in (plan.reconcileWrites, ()) }
    if let warm = try await scratch.snapshot().endpoints["bench"] {
        _ = try await SyncEngine(store: scratch, registry: registry, environment: ["M365_APP": document], logger: quiet)
            .sync(warm, trigger: .manual)
    }
    try scratch.close()
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratchPath + suffix) }

    let clock = ContinuousClock()
    graph.resetRequestCounts()
    let fullStart = clock.now
    let fullProcessorStart = processorSeconds()
    let full = try await engine.sync(endpoint, trigger: .manual)
    let fullTime = clock.now - fullStart
    let fullProcessor = processorSeconds() - fullProcessorStart
    let fullRequests = graph.requestCounts

    if environment["M365_FULL_ONLY"] != nil {
        print(
            #"{"full_s":\#(String(format: "%.3f", seconds(fullTime))),"files_per_s":\#(Int(Double(full.created) / seconds(fullTime))),"full_cpu_s":\#(String(format: "%.3f", fullProcessor))}"#
        )
        exit(0)
    }
    mutate(graph, drive: drive, library: library)
    graph.resetRequestCounts()
    guard let again = try await store.snapshot().endpoints["bench"] else { return }
    let incrementalStart = clock.now
    let incremental = try await engine.sync(again, trigger: .manual)
    let incrementalTime = clock.now - incrementalStart
    let incrementalRequests = graph.requestCounts

    graph.resetRequestCounts()
    guard let third = try await store.snapshot().endpoints["bench"] else { return }
    let refullStart = clock.now
    let refull = try await engine.sync(third, trigger: .manual, forceFull: true)
    let refullTime = clock.now - refullStart

    let present = try await store.fileCounts()["bench"]?.present ?? -1
    let expected = graph.truth(drive: drive).count
    func counts(_ table: [String: Int]) -> String {
        "{" + table.sorted { $0.key < $1.key }.map { #""\#($0.key)":\#($0.value)"# }.joined(separator: ",") + "}"
    }
    let ratio = seconds(incrementalTime) / seconds(fullTime) * 100
    print(
        #"{"count":\#(count),"folders":\#(library.folders.count),"generate_s":\#(String(format: "%.3f", seconds(generation))),"full_s":\#(String(format: "%.3f", seconds(fullTime))),"files_per_s":\#(Int(Double(full.created) / seconds(fullTime))),"full_cpu_s":\#(String(format: "%.3f", fullProcessor)),"full_requests":\#(full.requests),"latency_ms":\#(latencyMilliseconds),"full_requests_by_route":\#(counts(fullRequests)),"incremental_s":\#(String(format: "%.3f", seconds(incrementalTime))),"incremental_percent_of_full":\#(String(format: "%.2f", ratio)),"incremental_mode":"\#(incremental.mode)","incremental_requests_by_route":\#(counts(incrementalRequests)),"incremental_effects":{"created":\#(incremental.created),"updated":\#(incremental.updated),"removed":\#(incremental.removed)},"refull_s":\#(String(format: "%.3f", seconds(refullTime))),"refull_removed":\#(refull.removed),"present":\#(present),"expected":\#(expected),"status":"\#(full.status)/\#(incremental.status)/\#(refull.status)","errors":"\#(full.error ?? "")\#(incremental.error ?? "")\#(refull.error ?? "")"}"#
    )
}
try store.close()
await graph.stop()
