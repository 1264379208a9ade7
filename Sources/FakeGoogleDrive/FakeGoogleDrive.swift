import ConnectorHTTPTestSupport
import ConnectorModel
import Foundation
import NIOConcurrencyHelpers

/// A faithful fake of the Drive v3 API and Google's token endpoint, served over loopback by
/// ``FaultInjectingHTTPServer``, for the Google Drive provider's tests and benchmark.
///
/// Built from `google-drive-v3.discovery.json` and `shared/api/google-drive.md`:
/// - `POST /token`: the JWT bearer grant, verified (RS256 against the issued key's public half, `iss`, `aud`,
///   `scope`, `iat`/`exp`, `kid`); tokens expire after ``tokenLifetime`` seconds or on ``expireAccessTokens()``.
/// - `GET /drive/v3/files`: `q` (`'x' in parents`, `trashed`, `mimeType`, `name`, times; `and`/`or`/`not`/parentheses;
///   anything else is a 400), `fields` partial responses, `pageSize` capped at 1000, opaque page tokens,
///   `corpora=drive` + `driveId` + `includeItemsFromAllDrives` rules, `incompleteSearch`.
/// - `GET /drive/v3/drives/{id}` and shared-drive membership (``removeMembership(ofSharedDrive:)``).
/// - `GET /drive/v3/files/{id}`, `GET /drive/v3/changes/startPageToken`, `GET /drive/v3/changes` (latest change
///   per file, `removed` entries without `file`, `nextPageToken` or, on the last page only, `newStartPageToken`).
/// - Both error shapes, and seeded fault injection (``injectFaults(rate:seed:kinds:)``).
/// - Drive's multi-parent query bug, at a seeded rate (``reproduceMultiParentBug(rate:seed:)``).
/// - Random 33-character ids (``FakeDriveIDs``), names as long as real ones, and latency (``injectLatency(fixed:jitter:seed:)``).
///
/// Tests mutate the drive (``createFolder(name:parent:)``, ``modify(_:)``, ``move(_:to:)``, ``trash(_:)``, …) and
/// compare the catalog with ``truth(under:)``.
public final class FakeGoogleDrive: Sendable {
    struct LogEntry {
        var sequence: Int
        var id: String
        var driveID: String?
        var time: String
    }

    struct State {
        var items: [String: FakeDriveItem] = [:]
        var children: [String: [String]] = [:]
        var log: [LogEntry] = []
        var latestChange: [String: Int] = [:]
        var nextSequence = 1
        var oldestValidChangeToken = 1
        var listings: [Int: [String]] = [:]
        var listingOrder: [Int] = []
        var nextListing = 1
        var accounts: [String: FakeServiceAccount] = [:]
        var revokedKeys: Set<String> = []
        var delegatedSubjects: Set<String> = []
        var accessTokens: [String: Date] = [:]
        var tokenCounter = 0
        var tokenLifetime = 3599
        var assertions: [FakeAssertion] = []
        var faults = FakeDriveFaultPlan()
        var idCounter = 0
        var ids = FakeDriveIDs(seed: 0x5EED)
        var tick = 0
        var maxPageSize = 1000
        var incompleteSearch = false
        var multiParentBug = FakeDriveMultiParentBug()
        var nonMemberDrives: Set<String> = []
    }

    let state = NIOLockedValueBox(State())
    /// The injected latency and the count of requests in flight.
    let distance = NetworkDistance()
    /// The loopback server, its base URL and the request counts.
    let host = LoopbackHost()
    let clock: @Sendable () -> Date

    /// An empty drive.
    /// - Parameter clock: The wall clock for access-token expiry and assertion checks.
    public init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    /// Starts serving on loopback and returns the base URL (`http://127.0.0.1:<port>`); the token URL is
    /// `<base>/token` and the API root (the endpoint's `apiURL`) is the base URL itself.
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

    /// Requests per route so far: `token`, `files.list`, `files.get`, `drives.get`, `changes.getStartPageToken`,
    /// `changes.list`.
    public func requestCount(_ route: String) -> Int { host.requestCount(route) }

    /// All requests counted by route.
    public var requestCounts: [String: Int] { host.requestCounts }

    /// Forgets the request counters.
    public func resetRequestCounts() { host.resetRequestCounts() }

    func reply(to request: RecordedRequest) -> ServerReply {
        let route = Self.route(request)
        let fault: ServerReply? = state.withLockedValue { state in
            host.count(route)
            return state.faults.next(route: route)
        }
        if let fault { return fault }
        if route == "token" { return tokenReply(request) }
        guard route != "unknown" else { return .text(404, "Not Found") }
        guard isAuthorized(request) else { return FakeDriveErrors.unauthenticated }
        let parameters = Dictionary(request.queryItems, uniquingKeysWith: { first, _ in first })
        switch route {
        case "files.list": return filesList(parameters)
        case "files.get":
            return filesGet(String(request.path.dropFirst("/drive/v3/files/".count)).removingPercentEncoding ?? "", parameters)
        case "changes.getStartPageToken": return startPageToken(parameters)
        case "drives.get": return drivesGet(String(request.path.dropFirst("/drive/v3/drives/".count)).removingPercentEncoding ?? "")
        default: return changesList(parameters)
        }
    }

    private static func route(_ request: RecordedRequest) -> String {
        switch request.path {
        case "/token": "token"
        case "/drive/v3/files": request.method == "GET" ? "files.list" : "unknown"
        case "/drive/v3/changes/startPageToken": "changes.getStartPageToken"
        case "/drive/v3/changes": "changes.list"
        default:
            if request.path.hasPrefix("/drive/v3/files/"), request.method == "GET" {
                "files.get"
            } else if request.path.hasPrefix("/drive/v3/drives/"), request.method == "GET" {
                "drives.get"
            } else {
                "unknown"
            }
        }
    }
}
