/// The parts of a request URL that errors, logs and the circuit breakers need, parsed once per call.
struct RequestTarget: Sendable {
    /// The method name, e.g. `GET`.
    let method: String
    /// `http` or `https`, lowercased.
    let scheme: String
    /// The host as written, with `:port` when the URL names one, without user information.
    let displayHost: String
    /// `host:port` lowercased, with the scheme's default port filled in: the circuit breaker's key.
    let breakerKey: String
    /// The path and query as sent (not redacted; redact before showing).
    let pathAndQuery: String

    /// Parses `spec.url`.
    /// - Throws: ``HTTPError`` with code ``HTTPError/Code/invalidRequest`` when the URL is not absolute http(s).
    init(_ spec: HTTPRequestSpec) throws {
        method = spec.method.rawValue
        let url = spec.url
        guard let schemeEnd = url.range(of: "://") else {
            throw HTTPError(
                code: .invalidRequest, method: method, host: "", path: url,
                message: "the URL is not absolute", attempts: 0)
        }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        displayHost = String(authority)
        let path = rest[authorityEnd...].prefix { $0 != "#" }
        pathAndQuery = path.isEmpty ? "/" : (path.first == "?" ? "/" + path : String(path))
        guard scheme == "http" || scheme == "https", !authority.isEmpty else {
            throw HTTPError(
                code: .invalidRequest, method: method, host: String(authority), path: pathAndQuery,
                message: "only absolute http and https URLs are supported", attempts: 0)
        }
        let hasPort =
            authority.last.map(\.isNumber) == true && authority.contains(":")
            && !(authority.hasSuffix("]"))
        let lowered = authority.lowercased()
        breakerKey = hasPort ? lowered : "\(lowered):\(scheme == "https" ? 443 : 80)"
    }

    /// An error about this request, with its method, host and redacted path filled in.
    func error(
        _ code: HTTPError.Code,
        status: Int? = nil,
        message: String? = nil,
        attempts: Int,
        retryAfter: Duration? = nil,
        underlying: String? = nil
    ) -> HTTPError {
        HTTPError(
            code: code, status: status, method: method, host: displayHost, path: pathAndQuery, message: message,
            attempts: attempts, retryAfter: retryAfter, underlying: underlying
        )
    }
}
