import ConnectorJSON
import ConnectorModel
import ConnectorStore
import Foundation
import Hummingbird
import Logging

/// The daemon's HTTP side (docs/api.md): health, readiness, Prometheus metrics, the read API and the token-protected
/// sync trigger, all answering JSON (metrics aside).
public struct DaemonHTTPServer: Sendable {
    let store: any StoreSchema & EndpointCatalog & CatalogQueries & ChangeLog & SinkDeliveries
    let status: DaemonStatus
    let metrics: DaemonMetrics
    let scheduler: SyncScheduler
    let token: APIToken?
    let storeTimeout: Duration

    /// Creates the server's routes.
    /// - Parameters:
    ///   - apiToken: `FILE_CONNECTOR_API_TOKEN`; nil or empty disables the sync trigger (403).
    ///   - storeTimeout: How long `/readyz` waits for the store before calling it unreachable.
    public init(
        store: any StoreSchema & EndpointCatalog & CatalogQueries & ChangeLog & SinkDeliveries, status: DaemonStatus,
        metrics: DaemonMetrics,
        scheduler: SyncScheduler,
        apiToken: String?,
        storeTimeout: Duration = .seconds(2)
    ) {
        self.store = store
        self.status = status
        self.metrics = metrics
        self.scheduler = scheduler
        self.token = APIToken(apiToken)
        self.storeTimeout = storeTimeout
    }

    /// The Hummingbird application listening on `host:port`; it is a `Service` for the daemon's group.
    /// - Parameter onListening: Called with the bound port once the server runs (port 0 picks a free one).
    public func application(
        host: String, port: Int, logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: RequestBodyLimitMiddleware())
        routes().register(on: router)
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) }, logger: logger)
    }

    /// Every route the daemon answers.
    func routes() -> APIRouteTable<BasicRequestContext> {
        typealias Route = APIRouteTable<BasicRequestContext>.Route
        return APIRouteTable(routes: [
            Route(path: "healthz", method: .get) { _, _ in APIResponse.json(["status": "ok"]) },
            Route(path: "readyz", method: .get) { _, _ in await readiness() },
            Route(path: "metrics", method: .get) { _, _ in
                do {
                    return APIResponse.text(try await metrics.scrape(store: store), contentType: "text/plain; version=0.0.4; charset=utf-8")
                } catch {
                    return APIResponse.error(.serviceUnavailable, "the store cannot be read: \(Self.describe(error))")
                }
            },
            Route(path: "api/v1/endpoints", method: .get) { _, _ in try await endpoints() },
            Route(path: "api/v1/endpoints/:name", method: .get) { _, context in try await endpoint(context.parameters.get("name") ?? "") },
            Route(path: "api/v1/endpoints/:name/runs", method: .get) { request, context in
                let limit = request.uri.queryParameters.get("limit").flatMap { Int($0) }.map { min(max($0, 1), 1000) } ?? 50
                return try await runs(context.parameters.get("name") ?? "", limit: limit)
            },
            Route(path: "api/v1/changes", method: .get) { request, _ in
                do {
                    return try await changes(ChangesRequest(request.uri.queryParameters))
                } catch let refusal as ChangesRequestError {
                    return APIResponse.error(.badRequest, refusal.message)
                }
            },
            Route(path: "api/v1/endpoints/:name/sync", method: .post) { request, context in
                try await trigger(context.parameters.get("name") ?? "", authorization: request.headers[.authorization])
            },
        ])
    }

    func readiness() async -> Response {
        var problems: [JSONValue] = []
        if status.isShuttingDown { problems.append("shutting down") }
        let reconcile = status.lastReconcile
        switch reconcile {
        case nil: problems.append("no reconcile yet")
        case let reconcile? where !reconcile.isGood:
            problems.append(.string("last reconcile \(reconcile.result)"))
            problems += reconcile.detail.prefix(20).map { .string($0) }
        default: break
        }
        do {
            _ = try await withDeadline(storeTimeout) { [store] in try await store.appliedMigrations() }
        } catch {
            problems.append(.string("store unreachable: \(Self.describe(error))"))
        }
        let body: JSONValue = [
            "status": problems.isEmpty ? "ready" : "not ready",
            "problems": .array(problems),
            "lastReconcile": reconcile.map {
                [
                    "at": .string(Timestamp.rfc3339($0.at)), "result": .string($0.result),
                    "detail": .array($0.isGood ? $0.detail.prefix(20).map { .string($0) } : []),
                ]
            } ?? .null,
        ]
        return APIResponse.json(body, status: problems.isEmpty ? .ok : .serviceUnavailable)
    }

    func endpoints() async throws -> Response {
        let snapshot = try await store.snapshot()
        let counts = try await store.fileCounts()
        let list = snapshot.endpoints.values.sorted { $0.name < $1.name }.map {
            CatalogJSON.endpoint($0, counts: counts[$0.name] ?? FileCounts())
        }
        return APIResponse.json(["endpoints": .array(list)])
    }

    func endpoint(_ name: String) async throws -> Response {
        guard let endpoint = try await store.endpoint(named: name) else { return Self.unknown(name) }
        let counts = try await store.fileCounts()[name] ?? FileCounts()
        return APIResponse.json(CatalogJSON.endpoint(endpoint, counts: counts))
    }

    func runs(_ name: String, limit: Int) async throws -> Response {
        guard try await store.endpoint(named: name) != nil else { return Self.unknown(name) }
        let runs = try await store.syncRuns(endpoint: name, limit: limit)
        return APIResponse.json(["runs": .array(runs.map(CatalogJSON.run))])
    }

    /// The events after `request.query.after`; with `wait`, holds the request until one comes or the wait ends
    /// (long polling), asking the store every quarter second. `next` is the cursor to ask after next time.
    /// A cursor compaction overtook is a 410 that says where the kept events begin.
    func changes(_ request: ChangesRequest) async throws -> Response {
        let deadline = ContinuousClock.now + request.wait
        var events: [ChangeEvent]
        do {
            events = try await store.changesWithFiles(request.query, selectedBy: request.selector)
            while events.isEmpty, ContinuousClock.now < deadline, !status.isShuttingDown {
                try await Task.sleep(for: min(.milliseconds(250), deadline - ContinuousClock.now))
                events = try await store.changesWithFiles(request.query, selectedBy: request.selector)
            }
        } catch let error as StoreError where error.code == .expired {
            return APIResponse.error(.gone, error.message)
        }
        let next = events.last?.sequence ?? request.query.after
        return APIResponse.json(["changes": .array(events.map(CatalogJSON.change)), "next": .integer(Int(next))])
    }

    func trigger(_ name: String, authorization: String?) async throws -> Response {
        guard let token else {
            return APIResponse.error(.forbidden, "the sync trigger is disabled: start the daemon with FILE_CONNECTOR_API_TOKEN set")
        }
        guard token.accepts(authorization: authorization) else {
            return APIResponse.error(
                .unauthorized, "a valid Authorization: Bearer token is required", headers: [.wwwAuthenticate: "Bearer"])
        }
        guard let endpoint = try await store.endpoint(named: name) else { return Self.unknown(name) }
        guard endpoint.state != .retired else {
            return APIResponse.error(.conflict, "endpoint \(name) is retired: it is in no manifest")
        }
        switch scheduler.trigger(name) {
        case .accepted:
            return APIResponse.json(["endpoint": .string(name), "status": "accepted"], status: .accepted)
        case .alreadyRunning:
            return APIResponse.error(.conflict, "endpoint \(name) is already syncing")
        }
    }

    static func unknown(_ name: String) -> Response {
        APIResponse.error(.notFound, "no endpoint named \(name)")
    }

    static func describe(_ error: any Error) -> String {
        (error as? StoreError)?.description ?? "\(error)"
    }
}
