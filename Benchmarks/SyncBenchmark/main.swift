// Syncs N files from FakeCatalogAPI over loopback (the HTTP layer, the engine, a real store), then
// an incremental sync after 100 changes. One line of JSON per run; scripts/bench/sync-http.sh drives it.
//   SyncBenchmark COUNT STORE_URL     (STORE_URL: a SQLite path or a postgres:// URL)
import ConnectorHTTP
import ConnectorHTTPTestSupport
import ConnectorModel
import ConnectorPlan
import ConnectorProvider
import ConnectorStore
import ConnectorStorePostgres
import ConnectorStoreSQLite
import ConnectorSync
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: SyncBenchmark COUNT STORE\n".utf8))
    exit(2)
}
let storeArgument = arguments[2]

@Sendable func peakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

@Sendable func benchmark(count: Int, store: any CatalogStore) async throws {
    let api = FakeCatalogAPI(count: count)
    let server = FaultInjectingHTTPServer(handler: api.handler)
    _ = try await server.start()
    var quiet = Logger(label: "bench")
    quiet.logLevel = .error
    try await ProviderHTTPClient.withClient(configuration: .init(), logger: quiet) { client in
        let provider = HTTPCatalogProvider(client: client, baseURL: server.baseURL)
        let registry = ProviderRegistry().registering(.local) { _ in provider }
        let spec = EndpointSpec(provider: .local, local: LocalSource(path: "/fake"), schedule: ScheduleSpec(interval: "1h"))
        let desired = DesiredEndpoint(try Endpoint(name: "bench", spec: spec, origin: SourceLocation(file: "/bench.yaml")))
        let plan = Planner().plan(desired: [desired], sinks: [], snapshot: .empty, now: Date())
        _ = try await store.reconcile { _ in (plan.reconcileWrites, ()) }
        let engine = SyncEngine(store: store, registry: registry, environment: [:], logger: quiet)
        let clock = ContinuousClock()
        guard let endpoint = try await store.snapshot().endpoints["bench"] else { return }
        let fullStart = clock.now
        let full = try await engine.sync(endpoint, trigger: .manual)
        let fullTime = clock.now - fullStart
        api.mutate(100)
        guard let again = try await store.snapshot().endpoints["bench"] else { return }
        let incrementalStart = clock.now
        let incremental = try await engine.sync(again, trigger: .manual)
        let incrementalTime = clock.now - incrementalStart
        let seconds = { (duration: Duration) in Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }
        let present = try await store.fileCounts()["bench"]?.present ?? -1
        print(
            #"{"count":\#(count),"full_s":\#(String(format: "%.3f", seconds(fullTime))),"files_per_s":\#(Int(Double(full.created) / seconds(fullTime))),"requests":\#(full.requests),"incremental_s":\#(String(format: "%.3f", seconds(incrementalTime))),"incremental_mode":"\#(incremental.mode)","incremental_changes":\#(incremental.created + incremental.updated + incremental.removed),"present":\#(present),"expected":\#(api.presentCount),"status":"\#(full.status)/\#(incremental.status)","peak_rss_mib":\#(String(format: "%.1f", peakRSSMiB()))}"#
        )
    }
    await server.stop()
}

if storeArgument.hasPrefix("postgres") {
    let location = try PostgresLocation(parsing: storeArgument)
    try await PostgresCatalogStore.withStore(location) { store in try await benchmark(count: count, store: store) }
} else {
    let store = try await SQLiteCatalogStore(path: storeArgument)
    try await benchmark(count: count, store: store)
    try store.close()
}
