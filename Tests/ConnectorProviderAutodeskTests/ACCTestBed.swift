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
import Testing

/// A fake APS on loopback, a SQLite catalog in a temporary directory, one shared HTTP client and the app pacers:
/// what each end-to-end test syncs through.
final class ACCTestBed: Sendable {
    static let credentialsVariable = "ACC_CREDENTIALS"
    let aps: FakeAutodeskAPS
    let server: FaultInjectingHTTPServer
    let store: SQLiteCatalogStore
    let client: ProviderHTTPClient
    let pacers: AutodeskAppPacers
    let directory: String

    private init(
        aps: FakeAutodeskAPS, server: FaultInjectingHTTPServer, store: SQLiteCatalogStore, client: ProviderHTTPClient,
        pacers: AutodeskAppPacers, directory: String
    ) {
        self.aps = aps
        self.server = server
        self.store = store
        self.client = client
        self.pacers = pacers
        self.directory = directory
    }

    /// Runs `body` with a fresh bed and tears it down afterwards.
    static func run(
        shape: FakeACCProject.Shape, configuration: FakeAutodeskAPS.Configuration = FakeAutodeskAPS.Configuration(),
        pacers: AutodeskAppPacers = .unpaced(), clock: any Clock<Duration> = ContinuousClock(),
        _ body: (ACCTestBed) async throws -> Void
    ) async throws {
        let aps = FakeAutodeskAPS(configuration: configuration, project: .generate(shape))
        let server = FaultInjectingHTTPServer(handler: aps.handler)
        _ = try await server.start()
        let directory = NSTemporaryDirectory() + "acc-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await SQLiteCatalogStore(path: directory + "/catalog.db")
        var httpConfiguration = ProviderHTTPClient.Configuration()
        httpConfiguration.retry.baseDelay = .milliseconds(5)
        httpConfiguration.retry.rateLimit = RateLimitBackoff(
            baseDelay: .milliseconds(5), maxDelay: .milliseconds(50), maxJitter: .milliseconds(5), maxTotalWait: .seconds(10))
        httpConfiguration.retry.maxDelay = .milliseconds(40)
        httpConfiguration.circuitBreaker = .disabled
        var logger = Logger(label: "acc-test")
        logger.logLevel = .error
        do {
            try await ProviderHTTPClient.withClient(configuration: httpConfiguration, clock: clock, logger: logger) { client in
                try await body(ACCTestBed(aps: aps, server: server, store: store, client: client, pacers: pacers, directory: directory))
            }
        } catch {
            await server.stop()
            try? store.close()
            throw error
        }
        await server.stop()
        try store.close()
    }

    /// The credential document of the fake's app (or of `secret` instead of the right one).
    func environment(secret: String? = nil, clientID: String? = nil) -> [String: String] {
        let document =
            #"{"client_id":"\#(clientID ?? aps.configuration.clientID)","client_secret":"\#(secret ?? aps.configuration.clientSecret)"}"#
        return [Self.credentialsVariable: document]
    }

    /// The spec of an endpoint on the fake's project.
    func spec(
        folderIDs: [String]? = nil, hubID: String? = nil, projectID: String? = nil, pageSize: Int = 50, maxConcurrentRequests: Int? = nil
    ) -> EndpointSpec {
        EndpointSpec(
            provider: .autodeskAcc, credentials: CredentialReference(fromEnv: Self.credentialsVariable),
            autodeskAcc: AutodeskAccSource(
                hubId: hubID ?? aps.hubID, projectId: projectID ?? aps.projectID, folderIds: folderIDs, apiURL: server.baseURL),
            schedule: ScheduleSpec(interval: "1h"), sync: SyncSettings(pageSize: pageSize, maxConcurrentRequests: maxConcurrentRequests))
    }

    /// The provider of an endpoint with `spec`, outside the engine (for listing page by page).
    func provider(_ spec: EndpointSpec) throws -> any FileProvider {
        let context = ProviderContext(
            endpoint: "tower", configuration: try EndpointConfiguration(spec, endpoint: "tower"), manifestDirectory: nil,
            environment: environment())
        return try AutodeskACCProvider.factory(client: client, pacers: pacers)(context)
    }

    /// Records endpoint `name` with `spec` in the store and returns it.
    func endpoint(_ name: String, spec: EndpointSpec) async throws -> StoredEndpoint {
        let now = Date()
        let record = StoredEndpoint(
            name: name, provider: "autodesk-acc", spec: String(decoding: try JSONEncoder().encode(spec), as: UTF8.self),
            specHash: String(repeating: "a", count: 64), scopeHash: String(repeating: "b", count: 64), generation: 1, state: .active,
            labels: [:], annotations: [:], sourceFile: nil, sourceRevision: nil, createdAt: now, updatedAt: now, retiredAt: nil,
            lastSyncAt: nil, lastSyncStatus: nil, nextSyncAt: now)
        _ = try await store.reconcile { _ in ([EndpointWrite(record: record, resetsCursor: true)], ()) }
        return try #require(try await store.snapshot().endpoints[name])
    }

    /// An engine whose registry serves `autodesk-acc` with the provider under test; `pacers` stand for another
    /// process's (a replica's) when given.
    func engine(
        environment: [String: String]? = nil, pacers: AutodeskAppPacers? = nil, wallClock: @escaping @Sendable () -> Date = { Date() }
    ) -> SyncEngine {
        let registry = ProviderRegistry().registering(
            .autodeskAcc, AutodeskACCProvider.factory(client: client, pacers: pacers ?? self.pacers, wallClock: wallClock))
        var logger = Logger(label: "acc-test.sync")
        logger.logLevel = .critical
        return SyncEngine(store: store, registry: registry, environment: environment ?? self.environment(), logger: logger)
    }

    /// Syncs `name` (as currently stored).
    func sync(_ name: String, engine: SyncEngine? = nil, forceFull: Bool = false) async throws -> SyncRunRecord {
        let endpoint = try #require(try await store.snapshot().endpoints[name])
        return try await (engine ?? self.engine()).sync(endpoint, trigger: .manual, forceFull: forceFull)
    }

    /// The present files of `name` by id.
    func catalog(_ name: String) async throws -> [String: FileMetadata] {
        let files = try await store.files(endpoint: name, limit: nil).filter { $0.state == .present }
        return Dictionary(uniqueKeysWithValues: files.map { ($0.metadata.id, $0.metadata) })
    }

    /// Checks that `name`'s catalog is exactly the fake's visible files below `roots`.
    func expectCatalogMatchesGroundTruth(
        _ name: String, roots: [String]? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        let catalog = try await catalog(name)
        let expected = aps.visibleFiles(roots: roots)
        #expect(
            catalog.count == expected.count, "catalog has \(catalog.count) files, the fake \(expected.count)",
            sourceLocation: sourceLocation)
        var mismatches: [String] = []
        for file in expected {
            guard let stored = catalog[file.id] else {
                mismatches.append("missing \(file.path)")
                continue
            }
            if stored.path != file.path || stored.name != file.name || stored.version != file.version || stored.size != file.size
                || abs((stored.modifiedAt ?? .distantPast).timeIntervalSince(file.modifiedAt)) > 0.002
            {
                mismatches.append(
                    "\(file.path): stored \(stored.path) v\(stored.version ?? "-") \(stored.size ?? -1), expected v\(file.version) \(file.size)"
                )
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(3))", sourceLocation: sourceLocation)
    }
}
