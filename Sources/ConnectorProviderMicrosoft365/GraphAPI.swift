import ConnectorHTTP
import ConnectorProvider
import Foundation

/// The Graph calls the provider makes, through the shared ``ProviderHTTPClient`` (retries, the tenant's pause and
/// resource-unit budget, the token cache). Every request carries the `User-Agent` Microsoft asks unattended apps for
/// and a fresh `client-request-id`. Refusals the provider explains come back as ``GraphRefusal``; transport and
/// retry failures become ``ProviderError``s.
struct GraphAPI: Sendable {
    /// What a request costs of the app's per-minute budget in the tenant (SharePoint's resource units).
    enum Cost: Int {
        /// A single item, or a delta page with a token.
        case single = 1
        /// A multi-item query: a delta page without a token, a children listing.
        case multiple = 2
    }

    let client: ProviderHTTPClient
    let context: RequestContext
    /// `https://graph.microsoft.com/v1.0` or the endpoint's `apiURL` + `/v1.0`.
    let root: String
    /// `NONISV|file-connector|file-connector/<version>`.
    let userAgent: String
    /// The app, for messages.
    let app: String
    /// `scheme://host[:port]` of ``root``: the only origin requests go to.
    let rootOrigin: String?

    init(client: ProviderHTTPClient, context: RequestContext, root: String, userAgent: String, app: String) {
        self.client = client
        self.context = context
        self.root = root
        self.userAgent = userAgent
        self.app = app
        rootOrigin = Self.origin(of: root)
    }

    /// GETs `url` (absolute, called as it is) and decodes a 2xx body, with `reader` when given (falling back to
    /// `JSONDecoder` if it cannot read the body).
    /// - Throws: ``GraphRefusal`` for the statuses the classifier hands back (400, 403, 404, 410, 423, 501);
    ///   ``ProviderError`` otherwise.
    func get<Value: Decodable>(
        _ url: String, cost: Cost, as type: Value.Type, reader: (([UInt8]) throws -> Value)? = nil
    ) async throws -> Value {
        try ResponseBody.decode(Value.self, from: try await successBody(url, cost: cost), reader: reader) { detail in
            Self.unreadable(url, detail: detail)
        }
    }

    /// The message of a body that cannot be read: where reading failed, never the body.
    static func unreadable(_ url: String, detail: String) -> String {
        "Microsoft Graph answered \(Redaction.url(url).prefix(160)) with a body that cannot be read (\(detail))"
    }

    /// GETs a delta page (`url` absolute, called as it is) and reads its links; its items are decoded when asked for.
    /// - Throws: as ``get(_:cost:as:reader:)``.
    func deltaPage(_ url: String, cost: Cost) async throws -> DeltaPageBody {
        DeltaPageBody(url: url, bytes: try await successBody(url, cost: cost))
    }

    /// The body of a 2xx answer to `url`; any other status is a ``GraphRefusal``.
    private func successBody(_ url: String, cost: Cost) async throws -> [UInt8] {
        let response = try await send(url, cost: cost)
        guard response.isSuccess else {
            throw GraphRefusal(error: GraphError(status: response.status, body: response.body), location: response.header("Location"))
        }
        return response.body
    }

    private func send(_ url: String, cost: Cost) async throws -> HTTPResponseData {
        // Links come from answers and from the store: the bearer token goes only to the configured Graph host.
        guard Self.origin(of: url) == rootOrigin else {
            throw ProviderError(
                .invalidResponse,
                "Microsoft Graph pointed to \(Redaction.url(url).prefix(120)), outside \(rootOrigin ?? root); the request was not sent"
            )
        }
        // Taking the token first surfaces a refused credential as our own plain-words error rather than wrapped.
        if let cache = context.tokenCache { _ = try await cache.token() }
        var request = HTTPRequestSpec(
            url: url,
            headers: [("Accept", "application/json"), ("User-Agent", userAgent), ("client-request-id", UUID().uuidString.lowercased())],
            family: Self.family)
        request.cost = cost.rawValue
        do {
            return try await client.send(request, context: context)
        } catch let error as HTTPError {
            throw await translate(error)
        }
    }

    /// One page of a delta or children listing.
    func page(_ url: String, cost: Cost) async throws -> DriveItemPage {
        try await get(url, cost: cost, as: DriveItemPage.self, reader: DriveItemReader.page)
    }

    /// `scheme://host[:port]` of `url`, lowercased, or nil when it has none.
    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else { return nil }
        return scheme.lowercased() + "://" + host.lowercased() + (components.port.map { ":\($0)" } ?? "")
    }

    /// The family every Graph request is paced in.
    static let family = "graph"

    private func translate(_ error: HTTPError) async -> any Error {
        switch error.code {
        case .cancelled:
            return CancellationError()
        case .unauthorized:
            let roles = await currentRoles()
            if roles?.isEmpty == true {
                return ProviderError(
                    .unauthorized,
                    "Microsoft Graph refused the token of \(app): it carries no application permission. Add Sites.Selected (or Files.Read.All and Sites.Read.All) as an application permission and grant admin consent [\(error.description)]"
                )
            }
            return ProviderError(.unauthorized, "Microsoft Graph did not accept the token of \(app) [\(error.description)]")
        default:
            return ProviderError(.unavailable, "Microsoft Graph could not be reached or kept failing: \(error.description)")
        }
    }

    /// The roles of the token in use, when it can be read.
    func currentRoles() async -> AccessTokenRoles? {
        guard let cache = context.tokenCache, let token = try? await cache.token() else { return nil }
        return AccessTokenRoles(token: token.value)
    }
}

/// A Graph answer the provider explains in its own words (not found, access denied, resync required, …).
struct GraphRefusal: Error, Sendable {
    let error: GraphError
    /// The `Location` header (a 410's fresh enumeration link).
    let location: String?

    var status: Int { error.status }
}
