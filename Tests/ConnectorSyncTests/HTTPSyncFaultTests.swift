import ConnectorHTTP
import ConnectorHTTPTestSupport
import ConnectorModel
import ConnectorProvider
import ConnectorStore
import ConnectorStoreSQLite
import ConnectorTestSupport
import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing

@testable import ConnectorSync

/// The engine over real HTTP on loopback: a fake catalog API that fails one request in ten
/// (503s and connection resets) still yields exactly the source's catalog, full and incremental.
@Suite struct HTTPSyncFaultTests {
    @Test(.timeLimit(.minutes(2)))
    func tenPercentFaultsGiveTheSameCatalog() async throws {
        let api = FakeCatalogAPI(count: 5000)
        let counter = NIOLockedValueBox(0)
        let server = FaultInjectingHTTPServer { request in
            let number = counter.withLockedValue { value -> Int in
                value += 1
                return value
            }
            if number % 10 == 3 { return .status(503) }
            if number % 10 == 7 { return .reset }
            return await api.handler(request)
        }
        _ = try await server.start()
        let directory = try TemporaryDirectory()
        let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
        var configuration = ProviderHTTPClient.Configuration()
        configuration.retry.baseDelay = .milliseconds(5)
        configuration.retry.rateLimit = RateLimitBackoff(
            baseDelay: .milliseconds(5), maxDelay: .milliseconds(50), maxJitter: .milliseconds(5), maxTotalWait: .seconds(10))
        configuration.retry.maxDelay = .milliseconds(50)
        configuration.circuitBreaker = .disabled
        var logger = Logger(label: "test")
        logger.logLevel = .error
        try await ProviderHTTPClient.withClient(configuration: configuration, logger: logger) { client in
            let provider = HTTPCatalogProvider(client: client, baseURL: server.baseURL)
            let engine = SyncEngine(store: store, registry: ProviderRegistry().registering(.local) { _ in provider }, environment: [:])
            let spec = EndpointSpec(provider: .local, local: LocalSource(path: "/fake"), schedule: ScheduleSpec(interval: "1h"))
            let record = try StoreConformance.sample("photos")
            var endpoint = record
            endpoint.spec = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
            let written = endpoint
            _ = try await store.reconcile { _ in ([EndpointWrite(record: written, resetsCursor: true)], ()) }

            let full = try await engine.sync(endpoint, trigger: .manual)
            #expect(full.status == .succeeded, "\(full.error ?? "")")
            #expect(full.retries > 0, "faults were retried")
            #expect(try await store.fileCounts()["photos"]?.present == 5000)

            api.mutate(90)
            let current = try #require(try await store.snapshot().endpoints["photos"])
            let incremental = try await engine.sync(current, trigger: .manual)
            #expect(incremental.mode == .incremental)
            #expect(incremental.status == .succeeded, "\(incremental.error ?? "")")
            #expect(try await store.fileCounts()["photos"]?.present == api.presentCount)
        }
        await server.stop()
        try store.close()
    }
}
