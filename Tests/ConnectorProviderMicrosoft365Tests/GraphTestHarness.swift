import ConnectorHTTP
import ConnectorHTTPTestSupport
import ConnectorModel
import ConnectorProvider
import ConnectorStore
import ConnectorStoreSQLite
import ConnectorSync
import ConnectorTestSupport
import FakeMicrosoftGraph
import Foundation
import Logging

@testable import ConnectorProviderMicrosoft365

/// A started fake Graph with a tenant, a site granted to a `Sites.Selected` app, a library whose display name is
/// localized ("Dokumente", URL segment "Shared Documents"), an HTTP client with fast retries, and a log capture.
struct GraphTestHarness {
    let graph: FakeMicrosoftGraph
    let tenant: FakeGraphTenant
    let app: FakeGraphApp
    let site: FakeGraphSite
    let drive: String
    let client: ProviderHTTPClient
    let logs: LogCapture
    let apps: Microsoft365Apps

    static let credentialVariable = "M365_APP"

    static func run<Result>(
        permissions: Set<FakeGraphPermission> = [.sitesSelected], grant: Bool = true, _ body: (GraphTestHarness) async throws -> Result
    ) async throws -> Result {
        let graph = FakeMicrosoftGraph()
        try await graph.start()
        let tenant = graph.createTenant(domains: ["contoso.onmicrosoft.com"])
        let app = graph.registerApp(in: tenant, permissions: permissions)
        let site = graph.createSite(in: tenant, hostname: "contoso.sharepoint.com", path: "/sites/Engineering", displayName: "Engineering")
        let drive = graph.createDrive(in: site, name: "Dokumente", urlSegment: "Shared Documents", isDefault: true)
        _ = graph.createDrive(in: site, name: "Site Assets", urlSegment: "SiteAssets", isDefault: false, isSystem: true)
        if grant { graph.grant(app, site: site) }
        var configuration = ProviderHTTPClient.Configuration()
        configuration.retry.baseDelay = .milliseconds(2)
        configuration.retry.maxDelay = .milliseconds(20)
        configuration.retry.maxAttempts = 8
        configuration.retry.rateLimit = RateLimitBackoff(
            baseDelay: .milliseconds(2), maxDelay: .milliseconds(20), maxJitter: .milliseconds(2), maxTotalWait: .seconds(30))
        configuration.circuitBreaker = .disabled
        let logs = LogCapture()
        do {
            let result = try await ProviderHTTPClient.withClient(configuration: configuration, logger: logs.logger()) { client in
                try await body(
                    GraphTestHarness(
                        graph: graph, tenant: tenant, app: app, site: site, drive: drive, client: client, logs: logs,
                        apps: Microsoft365Apps()))
            }
            await graph.stop()
            return result
        } catch {
            await graph.stop()
            throw error
        }
    }

    /// An endpoint spec for the library (or a folder in it) against the fake.
    func spec(
        library: String? = "Shared Documents", folder: String? = nil, folderId: String? = nil, tenant: String? = nil,
        includeSubfolders: Bool? = nil, pageSize: Int? = nil
    ) -> EndpointSpec {
        EndpointSpec(
            provider: .microsoft365, credentials: CredentialReference(fromEnv: Self.credentialVariable),
            microsoft365: Microsoft365Block(
                tenant: tenant ?? self.tenant.domains[0], site: .init(hostname: site.hostname, path: site.path), library: library,
                folder: folder, folderId: folderId, includeSubfolders: includeSubfolders, apiURL: graph.baseURL, loginURL: graph.baseURL),
            schedule: ScheduleSpec(interval: "15m"), sync: pageSize.map { SyncSettings(pageSize: $0) })
    }

    /// The credential document: the app's secret, or `document` as given.
    func environment(_ document: [String: String]? = nil) -> [String: String] {
        let object = document ?? ["clientId": app.clientID, "clientSecret": app.secret ?? ""]
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return [Self.credentialVariable: String(decoding: data, as: UTF8.self)]
    }

    /// A store in `directory` holding `endpoints`.
    func store(_ directory: TemporaryDirectory, endpoints: [String: EndpointSpec]) async throws -> SQLiteCatalogStore {
        let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
        for (name, spec) in endpoints {
            var record = try StoreConformance.sample(name)
            record.spec = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
            let written = record
            _ = try await store.reconcile { _ in ([EndpointWrite(record: written, resetsCursor: true)], ()) }
        }
        return store
    }

    /// The engine with the provider registered as the CLI registers it.
    func engine(_ store: any CatalogStore, document: [String: String]? = nil) -> SyncEngine {
        let factory = Microsoft365Provider.factory(
            client: client, apps: apps, userAgent: Microsoft365Provider.userAgent(version: "0.0.0-test"))
        let registry = ProviderRegistry().registering(.microsoft365, factory)
        return SyncEngine(store: store, registry: registry, environment: environment(document), logger: logs.logger())
    }

    /// Syncs endpoint `name` once.
    func sync(
        _ store: any CatalogStore, _ name: String, document: [String: String]? = nil, full: Bool = false
    ) async throws -> SyncRunRecord {
        let endpoint = try await store.snapshot().endpoints[name]
        guard let endpoint else { throw ProviderError(.notFound, "no endpoint \(name)") }
        return try await engine(store, document: document).sync(endpoint, trigger: .manual, forceFull: full)
    }

    /// Differences between the store's present files and the fake's ground truth below `folder`.
    func differences(_ store: any CatalogStore, _ name: String, under folder: String? = nil) async throws -> [String] {
        let truth = graph.truth(drive: drive, under: folder)
        var files: [String: FileMetadata] = [:]
        for file in try await store.files(endpoint: name, limit: nil) where file.state == .present { files[file.fileID] = file.metadata }
        var problems: [String] = []
        for (id, expected) in truth {
            guard let file = files[id] else {
                problems.append("missing \(id) at \(expected.path)")
                continue
            }
            if file.path != expected.path { problems.append("\(id) at \(file.path), expected \(expected.path)") }
            if file.size != expected.item.size { problems.append("\(id) size \(file.size ?? -1), expected \(expected.item.size)") }
            if file.checksums["quickXorHash"] != expected.item.quickXorHash {
                problems.append(
                    "\(id) quickXorHash \(file.checksums["quickXorHash"] ?? "-"), expected \(expected.item.quickXorHash ?? "-")")
            }
            if file.version != (expected.item.cTag ?? expected.item.eTag) { problems.append("\(id) version \(file.version ?? "-")") }
        }
        for (id, file) in files where truth[id] == nil { problems.append("extra \(id) at \(file.path)") }
        return problems.sorted()
    }
}
