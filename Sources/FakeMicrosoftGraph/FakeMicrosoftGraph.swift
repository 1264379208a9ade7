import ConnectorHTTPTestSupport
import Foundation
import NIOConcurrencyHelpers

/// A faithful fake of Microsoft Graph for SharePoint Online and OneDrive for Business document libraries, app-only,
/// and of Entra ID's token endpoint, served together over loopback by ``FaultInjectingHTTPServer``.
///
/// Built from `shared/api/microsoft-graph.md`:
/// - `POST /{tenant}/oauth2/v2.0/token`: client credentials with a secret or a PS256/RS256 client assertion verified
///   against the app's registered certificates (found by thumbprint); Entra's error bodies and AADSTS codes.
/// - Sites and libraries: `/sites/{host}:/{path}[:/drives|:/drive]`, `/sites/{id}[/drives|/drive|/permissions]`,
///   `/drives/{id}`; localized library names, hidden `system` drives, `Sites.Selected` grants.
/// - Items: `/drives/{d}/root`, `/items/{id}`, `root:/{path}:`, `…/children` with `$select`, `$top` and paging.
/// - Delta: root only (folder delta answers 501 `notSupported`), full enumeration from a snapshot with duplicates and
///   parents after children at seeded rates, changes since a token ordered by their latest change (ancestors re-sent),
///   sparse delete entries, `token=latest`, timestamp tokens, both link syntaxes, 410 `resyncRequired`.
/// - Graph's error shape with `innerError`/`innererror`, resource-unit throttling per app and tenant, seeded faults,
///   latency and `$batch`.
///
/// Tests mutate libraries (``createFile(name:parent:drive:content:mimeType:hashPending:)``, ``modify(_:content:)``,
/// ``move(_:to:)``, ``delete(_:)``, …) and compare the catalog with ``truth(drive:under:)``.
public final class FakeMicrosoftGraph: Sendable {
    struct State {
        var ids = FakeGraphIDs(seed: 0x6A7F_0365)
        var tenants: [String: FakeGraphTenant] = [:]
        var apps: [String: FakeGraphAppRecord] = [:]
        var certificates: [String: FakeGraphCertificateRecord] = [:]
        var accessTokens: [String: FakeGraphIssuedToken] = [:]
        var issuedTokenCount = 0
        var tokenLifetime = 3599
        var assertions: [FakeGraphAssertion] = []
        var sites: [String: FakeGraphSiteRecord] = [:]
        var drives: [String: FakeGraphDriveRecord] = [:]
        var items: [String: FakeGraphItemRecord] = [:]
        var children: [String: [String]] = [:]
        var sequence = 0
        var version = 0
        var structureGeneration = 0
        var renderCache: [String: FakeGraphRenderedRow] = [:]
        var delta = FakeGraphDeltaState()
        var ignoresTop = false
        var reportsDescendantDeletions = false
        var resourceUnitsPerMinute: Int?
        var usage: [String: [(time: Double, cost: Int)]] = [:]
        var throttledCount = 0
        var faults = FakeGraphFaultPlan()
        var errorRandom = SeededRandomSource(seed: 11)
    }

    let state = NIOLockedValueBox(State())
    /// The injected latency and the count of requests in flight.
    let distance = NetworkDistance()
    /// The loopback server, its base URL and the request counts.
    let host = LoopbackHost()
    let clock: @Sendable () -> Date

    /// An empty directory: no tenants, apps or sites.
    /// - Parameter clock: The wall clock for token expiry, assertion windows, change times and throttling windows.
    public init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    /// Starts serving on loopback and returns the base URL (`http://127.0.0.1:<port>`): both the provider's
    /// `loginURL` (tokens at `<base>/{tenant}/oauth2/v2.0/token`) and its `apiURL` (Graph at `<base>/v1.0/…`).
    /// - Throws: The bind error.
    @discardableResult
    public func start() async throws -> String { try await host.start(handler) }

    /// Stops the server started by ``start()``.
    public func stop() async { await host.stop() }

    /// The base URL once started (empty before).
    public var baseURL: String { host.baseURL }

    /// The handler, for serving the fake from a server of one's own.
    public var handler: FaultInjectingHTTPServer.Handler {
        { [self] request in await serve(request) }
    }

    /// Every request received, when served by ``start()``.
    public var requests: [RecordedRequest] { host.requests }

    /// Requests per route so far: `token`, `site.get`, `site.drives`, `site.drive`, `drive.get`, `item.get`,
    /// `item.children`, `delta`, `folderDelta`, `permissions.create`, `batch` (and `unknown`).
    public func requestCount(_ route: String) -> Int { host.requestCount(route) }

    /// All requests counted by route.
    public var requestCounts: [String: Int] { host.requestCounts }

    /// Forgets the request counters.
    public func resetRequestCounts() { host.resetRequestCounts() }

    /// The route's counter name.
    func routeName(_ route: FakeGraphRoute) -> String {
        switch route {
        case .token: "token"
        case .siteByPath(_, _, let tail), .site(_, let tail):
            switch tail {
            case .entity: "site.get"
            case .drives: "site.drives"
            case .drive: "site.drive"
            case .permissions: "permissions.create"
            }
        case .drive: "drive.get"
        case .item: "item.get"
        case .children: "item.children"
        case .delta(let drive, let reference, _):
            switch reference {
            case .root: "delta"
            case .id(let id): state.withLockedValue { $0.drives[drive]?.rootID == id } ? "delta" : "folderDelta"
            case .path: "folderDelta"
            }
        case .batch: "batch"
        case .unknown: "unknown"
        }
    }

    /// A new error context for `request`: fresh `request-id`, echoed `client-request-id`, the date, and the
    /// (seeded) choice of the older `innererror` spelling.
    func errorContext(_ request: RecordedRequest) -> FakeGraphErrors.Context {
        let now = clock()
        return state.withLockedValue { state in
            FakeGraphErrors.Context(
                requestID: state.ids.guid(), clientRequestID: request.header("client-request-id") ?? state.ids.guid(),
                date: String(Self.timestamp(now).dropLast()), oldSpelling: state.errorRandom.nextUnit() < 0.2)
        }
    }

    func reply(to request: RecordedRequest) -> ServerReply {
        let route = FakeGraphRoute.parse(method: request.method, path: request.path)
        let name = routeName(route)
        let context = errorContext(request)
        let fault: FakeGraphFault? = state.withLockedValue { state in
            host.count(name)
            return state.faults.next(route: name)
        }
        if case .token(let tenant) = route {
            if let fault { return fault.reply(context) }
            return tokenReply(request, tenant: tenant)
        }
        let reply: ServerReply
        if let fault {
            reply = fault.reply(context)
        } else {
            reply = graphReply(request, route: route, name: name, context: context)
        }
        return Self.adding([("request-id", context.requestID), ("client-request-id", context.clientRequestID)], to: reply)
    }

    /// A Graph request past faults: authentication, throttling, then the route.
    func graphReply(_ request: RecordedRequest, route: FakeGraphRoute, name: String, context: FakeGraphErrors.Context) -> ServerReply {
        if case .unknown = route {
            return FakeGraphErrors.graph(400, "BadRequest", "Resource not found for the segment '\(request.path)'.", context: context)
        }
        let caller: FakeGraphCaller
        switch authenticate(request, context: context) {
        case .success(let value): caller = value
        case .failure(let refusal): return refusal.reply
        }
        if case .batch = route { return batch(request, caller: caller, context: context) }
        if let throttled = charge(caller, cost: Self.cost(route, request: request), context: context) { return throttled }
        return dispatch(request, route: route, caller: caller, context: context)
    }

    /// Answers an authenticated, unthrottled request.
    func dispatch(
        _ request: RecordedRequest, route: FakeGraphRoute, caller: FakeGraphCaller, context: FakeGraphErrors.Context
    )
        -> ServerReply
    {
        let query = FakeGraphQuery(request)
        switch route {
        case .siteByPath(let hostname, let path, let tail):
            let id = state.withLockedValue { state in
                state.sites.values.first { record in
                    record.site.hostname.lowercased() == hostname.lowercased()
                        && record.site.path.lowercased() == path.lowercased()
                }?.site.id
            }
            guard let id else { return FakeGraphErrors.notFound("Requested site could not be found", context: context) }
            return siteReply(id, tail: tail, request: request, query: query, caller: caller, context: context)
        case .site(let id, let tail):
            return siteReply(id, tail: tail, request: request, query: query, caller: caller, context: context)
        case .drive(let id):
            return driveGet(id, query: query, caller: caller, context: context)
        case .item(let drive, let reference):
            return itemGet(drive, reference, query: query, caller: caller, context: context)
        case .children(let drive, let reference):
            return childrenList(drive, reference, query: query, caller: caller, context: context)
        case .delta(let drive, let reference, let pathToken):
            return delta(drive, reference, pathToken: pathToken, query: query, caller: caller, context: context)
        case .token, .batch, .unknown:
            return FakeGraphErrors.invalidRequest("Invalid request", context: context)
        }
    }

    /// `reply` with extra headers (a reset stays a reset).
    static func adding(_ extra: [(String, String)], to reply: ServerReply) -> ServerReply {
        switch reply {
        case .response(let status, let headers, let body): .response(status: status, headers: headers + extra, body: body)
        default: reply
        }
    }

    /// ISO 8601 with second precision and `Z`: `2024-03-04T12:00:00Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }
}
