// Syncs COUNT files from the fake Google Drive over loopback (JWT grant, breadth-first walk with many parents per
// query, the engine, a real SQLite store), then an incremental sync after 100 changes, then a second full listing
// (which trusts the catalog's knowledge of empty folders). One line of JSON per run. Environment:
//   DRIVE_MULTI_PARENT_BUG_RATE=0.2   the fake reproduces Drive's multi-parent query bug on that share of batched queries
//   DRIVE_LATENCY_MS=100 DRIVE_JITTER_MS=20   every answer is delayed so (a WAN away)
//   DRIVE_MAX_CONCURRENT=8   sync.maxConcurrentRequests (default: the provider's default)
//   swift build -c release --product GoogleDriveBenchmark
//   .build/release/GoogleDriveBenchmark 100000 /tmp/drive-bench.db
import ConnectorHTTP
import ConnectorModel
import ConnectorPlan
import ConnectorProvider
import ConnectorProviderGoogleDrive
import ConnectorStore
import ConnectorStoreSQLite
import ConnectorSync
import FakeGoogleDrive
import Foundation
import Logging

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: GoogleDriveBenchmark COUNT SQLITE_PATH\n".utf8))
    exit(2)
}
try? FileManager.default.removeItem(atPath: arguments[2])

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// 100 changes: 40 modified, 30 added, 10 trashed, 10 deleted, 8 moved within the tree, a folder renamed and a
/// folder moved out.
func mutate(_ drive: FakeGoogleDrive, tree: FakeGoogleDrive.GeneratedTree, outside: String) {
    let files = tree.files
    let step = max(1, files.count / 100)
    for index in 0..<40 { drive.modify(files[(index * step) % files.count]) }
    for index in 0..<30 { drive.createFile(name: "new-\(index).pdf", parent: tree.folders[(index * 7) % tree.folders.count]) }
    for index in 0..<10 { drive.trash(files[(index * step + 1) % files.count]) }
    for index in 0..<10 { drive.delete(files[(index * step + 2) % files.count]) }
    for index in 0..<8 { drive.move(files[(index * step + 3) % files.count], to: tree.folders[(index * 13) % tree.folders.count]) }
    drive.rename(tree.folders[tree.folders.count - 1], to: "renamed-folder")
    drive.move(tree.folders[tree.folders.count - 2], to: outside)
}

let drive = FakeGoogleDrive()
let baseURL = try await drive.start()
let account = try drive.issueServiceAccount()
let root = drive.createFolder(name: "Bench", parent: nil)
let outside = drive.createFolder(name: "Outside", parent: nil)
let generationStart = ContinuousClock.now
let tree = drive.generateTree(under: root, files: count, filesPerFolder: 100, subfoldersPerFolder: 10)
let generation = ContinuousClock.now - generationStart
let environment = ProcessInfo.processInfo.environment
if let rate = environment["DRIVE_MULTI_PARENT_BUG_RATE"].flatMap(Double.init) {
    drive.reproduceMultiParentBug(rate: rate, seed: 3)
}
let latencyMilliseconds = environment["DRIVE_LATENCY_MS"].flatMap(Int.init) ?? 0
if latencyMilliseconds > 0 || environment["DRIVE_JITTER_MS"] != nil {
    drive.injectLatency(
        fixed: .milliseconds(latencyMilliseconds), jitter: .milliseconds(environment["DRIVE_JITTER_MS"].flatMap(Int.init) ?? 0))
}
let maxConcurrent = environment["DRIVE_MAX_CONCURRENT"].flatMap(Int.init)

var quiet = Logger(label: "bench")
quiet.logLevel = .error
let store = try await SQLiteCatalogStore(path: arguments[2])
try await ProviderHTTPClient.withClient(configuration: .init(), logger: quiet) { client in
    let registry = ProviderRegistry().registering(.googleDrive, GoogleDriveProvider.factory(client: client))
    let spec = EndpointSpec(
        provider: .googleDrive, credentials: CredentialReference(fromEnv: "GDRIVE_SA_KEY"),
        googleDrive: GoogleDriveSource(folderId: root, apiURL: baseURL), schedule: ScheduleSpec(interval: "1h"),
        sync: maxConcurrent.map { SyncSettings(maxConcurrentRequests: $0) })
    let desired = DesiredEndpoint(try Endpoint(name: "bench", spec: spec, origin: SourceLocation(file: "/bench.yaml")))
    let plan = Planner().plan(desired: [desired], sinks: [], snapshot: .empty, now: Date())
    _ = try await store.reconcile { _ in (plan.reconcileWrites, ()) }
    let engine = SyncEngine(store: store, registry: registry, environment: ["GDRIVE_SA_KEY": account.json], logger: quiet)
    guard let endpoint = try await store.snapshot().endpoints["bench"] else { return }

    let clock = ContinuousClock()
    drive.resetRequestCounts()
    let fullStart = clock.now
    let full = try await engine.sync(endpoint, trigger: .manual)
    let fullTime = clock.now - fullStart
    let fullRequests = drive.requestCounts
    // Requests × latency ÷ wall time: how many were in flight on average (with DRIVE_LATENCY_MS set).
    let inFlight = Double(full.requests) * Double(latencyMilliseconds) / 1000 / seconds(fullTime)

    mutate(drive, tree: tree, outside: outside)
    drive.resetRequestCounts()
    guard let again = try await store.snapshot().endpoints["bench"] else { return }
    let incrementalStart = clock.now
    let incremental = try await engine.sync(again, trigger: .manual)
    let incrementalTime = clock.now - incrementalStart
    let incrementalRequests = drive.requestCounts

    drive.resetRequestCounts()
    guard let third = try await store.snapshot().endpoints["bench"] else { return }
    let refullStart = clock.now
    let refull = try await engine.sync(third, trigger: .manual, forceFull: true)
    let refullTime = clock.now - refullStart
    let refullRequests = drive.requestCounts

    let present = try await store.fileCounts()["bench"]?.present ?? -1
    let expected = drive.truth(under: root).count
    func counts(_ table: [String: Int]) -> String {
        "{" + table.sorted { $0.key < $1.key }.map { #""\#($0.key)":\#($0.value)"# }.joined(separator: ",") + "}"
    }
    print(
        #"{"count":\#(count),"folders":\#(tree.folders.count + 1),"generate_s":\#(String(format: "%.3f", seconds(generation))),"full_s":\#(String(format: "%.3f", seconds(fullTime))),"files_per_s":\#(Int(Double(full.created) / seconds(fullTime))),"full_requests":\#(full.requests),"latency_ms":\#(latencyMilliseconds),"avg_in_flight":\#(String(format: "%.2f", inFlight)),"max_in_flight":\#(drive.maxRequestsInFlight),"full_requests_by_route":\#(counts(fullRequests)),"incremental_s":\#(String(format: "%.3f", seconds(incrementalTime))),"incremental_mode":"\#(incremental.mode)","incremental_requests":\#(incremental.requests),"incremental_requests_by_route":\#(counts(incrementalRequests)),"incremental_effects":{"created":\#(incremental.created),"updated":\#(incremental.updated),"removed":\#(incremental.removed)},"refull_s":\#(String(format: "%.3f", seconds(refullTime))),"refull_requests_by_route":\#(counts(refullRequests)),"refull_removed":\#(refull.removed),"multi_parent_bug_answers":\#(drive.multiParentBugCount),"present":\#(present),"expected":\#(expected),"status":"\#(full.status)/\#(incremental.status)/\#(refull.status)"}"#
    )
}
try store.close()
await drive.stop()
