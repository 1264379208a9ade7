import ConnectorHTTPTestSupport
import Foundation
import NIOConcurrencyHelpers

/// A faithful fake of Autodesk Platform Services for one ACC project, served over loopback by
/// ``FaultInjectingHTTPServer``: the 2-legged token endpoint (HTTP Basic) and the Data Management routes a
/// metadata sync uses (hubs, projects, top folders, folders, folder contents, items, tips, versions), with
/// JSON:API bodies shaped by the OpenAPI component schemas, `page[limit]` ≤ 200, `page[number]`,
/// `links.next`, the `filter[...]` syntax, `includeHidden`, hidden and deleted items, short and empty pages
/// before the end (pages are cut before filtering, as the real service does), `included` tip versions that
/// are sometimes absent, seeded faults (429 with `Retry-After`, 5xx, dropped connections) and a mutation API
/// with a ground truth.
///
/// ```swift
/// let aps = FakeAutodeskAPS(configuration: .init(), project: .generate(items: 500, seed: 7))
/// let server = FaultInjectingHTTPServer(handler: aps.handler)
/// let port = try await server.start()   // apiURL: server.baseURL
/// ```
public final class FakeAutodeskAPS: Sendable {
    /// How the fake behaves.
    public struct Configuration: Sendable {
        /// The app's client id.
        public var clientID = "fakeClientId0123456789abcdefABCD"
        /// The app's client secret.
        public var clientSecret = "fakeSecret0123456789"
        /// Whether the app was added under the account's Custom Integrations; if not, the hub list is empty and
        /// project routes answer 403.
        public var provisioned = true
        /// `expires_in` of issued tokens, in seconds.
        public var tokenLifetime = 3599
        /// The fraction of requests (0...1) answered with a fault instead.
        public var faultRate = 0.0
        /// The `Retry-After` seconds of injected 429s.
        public var retryAfterSeconds = 1
        /// One folder-contents page in this many (chosen by a seeded hash of folder and page) has no `included`; 0 never.
        public var omitIncludedEvery = 0
        /// The seed of faults and of the `included` omissions.
        public var seed: UInt64 = 1
        /// How long every answer takes to leave (the network distance to Autodesk's servers; zero: none). The wait
        /// happens off the fake's lock, so requests in flight overlap as they would.
        public var latency: Duration = .zero
        /// The wall clock in milliseconds since 1970, for mutation stamps.
        public var now: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
        /// The clock stamped on the request log (for counting requests per window).
        public var elapsed: @Sendable () -> Duration = { ContinuousClock.now - FakeAutodeskAPS.processStart }

        /// The default configuration.
        public init() {}
    }

    /// One request as the fake logged it.
    public struct LoggedRequest: Sendable {
        /// The APS endpoint (rate-limit family): `token`, `hubs`, `hub`, `projects`, `project`, `topFolders`, `folder`,
        /// `folderContents`, `item`, `tip`, `versions`, `version` or `unknown`.
        public var family: String
        /// When it arrived, on ``Configuration/elapsed``.
        public var at: Duration
        /// The folder whose contents were asked for (`folderContents` only).
        public var folderID: String?
        /// The query parameters, decoded.
        public var query: [(String, String)]
        /// Whether it was answered with an injected fault.
        public var faulted: Bool
    }

    struct State: Sendable {
        var project: FakeProject
        var tokens: Set<String> = []
        var issued = 0
        var log: [LoggedRequest] = []
        var requestsInFlight = 0
        var maxRequestsInFlight = 0
    }

    static let processStart = ContinuousClock.now
    /// The configuration in force.
    public let configuration: Configuration
    let state: NIOLockedValueBox<State>

    /// A fake serving `project`.
    public init(configuration: Configuration = Configuration(), project: FakeACCProject) {
        self.configuration = configuration
        state = NIOLockedValueBox(State(project: project.project))
    }

    /// The request handler to give ``FaultInjectingHTTPServer``.
    public var handler: FaultInjectingHTTPServer.Handler {
        { [self] request in
            let latency = configuration.latency
            guard latency > .zero else { return reply(to: request) }
            state.withLockedValue { state in
                state.requestsInFlight += 1
                state.maxRequestsInFlight = max(state.maxRequestsInFlight, state.requestsInFlight)
            }
            let answer = reply(to: request)
            try? await Task.sleep(for: latency)
            state.withLockedValue { $0.requestsInFlight -= 1 }
            return answer
        }
    }

    /// The most requests the fake was answering at once (counted when ``Configuration/latency`` is set: the client's
    /// concurrency).
    public var maxRequestsInFlight: Int { state.withLockedValue { $0.maxRequestsInFlight } }

    /// The hub id (`b.<account guid>`).
    public var hubID: String { state.withLockedValue { $0.project.hubID } }
    /// The project id (`b.<project guid>`).
    public var projectID: String { state.withLockedValue { $0.project.projectID } }
    /// Every request so far.
    public var requestLog: [LoggedRequest] { state.withLockedValue { $0.log } }
    /// Tokens issued so far.
    public var tokensIssued: Int { state.withLockedValue { $0.issued } }

    /// Forgets the request log.
    public func clearRequestLog() { state.withLockedValue { $0.log = [] } }

    /// Invalidates every issued token: the next request with one gets 401 (tests the refresh on 401).
    public func revokeTokens() { state.withLockedValue { $0.tokens = [] } }

    func reply(to request: RecordedRequest) -> ServerReply {
        let route = FakeRoute(request)
        let query = request.queryItems
        let index: Int = state.withLockedValue { state in
            state.log.append(
                LoggedRequest(family: route.family, at: configuration.elapsed(), folderID: route.folderID, query: query, faulted: false))
            return state.log.count - 1
        }
        if let fault = injectedFault(number: index) {
            state.withLockedValue { $0.log[index].faulted = true }
            return fault
        }
        if route.family == "token" { return token(request) }
        guard let bearer = request.header("Authorization"), bearer.hasPrefix("Bearer "),
            state.withLockedValue({ $0.tokens.contains(String(bearer.dropFirst(7))) })
        else {
            return .json(
                401,
                #"{"developerMessage":"The token is not valid","userMessage":"","errorCode":"AUTH-006","more info":"https://aps.autodesk.com/en/docs/oauth/v2/developers_guide/error_handling/"}"#
            )
        }
        return state.withLockedValue { state in route.reply(project: &state.project, query: query, request: request, fake: self) }
    }

    private func injectedFault(number: Int) -> ServerReply? {
        guard configuration.faultRate > 0 else { return nil }
        let roll = SeededGenerator.hash(configuration.seed, UInt64(number))
        guard Double(roll % 10_000) < configuration.faultRate * 10_000 else { return nil }
        switch (roll >> 20) % 4 {
        case 0:
            return .response(
                status: 429,
                headers: [
                    ("Content-Type", "application/json"), ("Retry-After", "\(configuration.retryAfterSeconds)"),
                    ("Server", "Apigee Router"),
                ],
                body: Array(#"{"developerMessage":"Quota limit exceeded."}"#.utf8))
        case 1:
            return FakeRoute.error(
                503, code: "SERVICE_UNAVAILABLE", title: "Service Unavailable", detail: "The service is temporarily unavailable.")
        case 2: return FakeRoute.error(500, code: "INTERNAL_ERROR", title: "Internal Server Error", detail: "An unexpected error occurred.")
        default: return .reset
        }
    }
}
