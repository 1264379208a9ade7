import NIOHTTP1

/// One HTTP request as a provider describes it, before authentication, pacing and retries are applied.
///
/// The spec is a plain value: ``ProviderHTTPClient/send(_:context:)`` may send it several times (retries, a token
/// refresh), each time adding a fresh `Authorization` header when the context carries an ``OAuthTokenCache``.
public struct HTTPRequestSpec: Sendable {
    /// The request method, e.g. `.GET`.
    public var method: HTTPMethod
    /// The absolute URL, including the query string.
    public var url: String
    /// Request headers in order. Never put the bearer token here; pass an ``OAuthTokenCache`` in the context instead.
    public var headers: [(String, String)]
    /// The request body, or `nil` for none.
    public var body: [UInt8]?
    /// The rate-limit family (an endpoint group with its own budget in a ``FamilyPacer``); `"default"` when not set.
    public var family: String
    /// A per-request cap on the response body in bytes; `nil` uses ``ProviderHTTPClient/Configuration/maxBodyBytes``.
    public var maxResponseBytes: Int?
    /// What the request costs of its family's budget in a ``FamilyPacer`` (SharePoint's resource units); 1 by default.
    public var cost: Int = 1

    /// Creates a request.
    /// - Parameters:
    ///   - method: The request method; `.GET` by default.
    ///   - url: The absolute URL, including the query string.
    ///   - headers: Request headers in order.
    ///   - body: The request body, or `nil`.
    ///   - family: The rate-limit family used by a ``FamilyPacer``.
    ///   - maxResponseBytes: A per-request cap on the response body, or `nil` for the client's default.
    public init(
        method: HTTPMethod = .GET,
        url: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil,
        family: String = "default",
        maxResponseBytes: Int? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.family = family
        self.maxResponseBytes = maxResponseBytes
    }

    /// Creates a request from a method name such as `"GET"` or `"POST"`.
    /// - Parameters:
    ///   - method: The method name; unknown names are sent as they are.
    ///   - url: The absolute URL, including the query string.
    ///   - headers: Request headers in order.
    ///   - body: The request body, or `nil`.
    ///   - family: The rate-limit family used by a ``FamilyPacer``.
    public init(
        method: String,
        url: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil,
        family: String = "default"
    ) {
        self.init(method: HTTPMethod(rawValue: method), url: url, headers: headers, body: body, family: family)
    }
}
