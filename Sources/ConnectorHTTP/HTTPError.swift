/// The error ``ProviderHTTPClient`` throws: a category, the request it concerns (method, host, redacted path) and a
/// safe excerpt of what the provider said.
///
/// `description` is built only from redacted parts: it never contains an `Authorization` header, a token, a
/// secret query value or a client secret, so it may be logged, stored in a sync run and shown to users as it is.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// The category of an ``HTTPError``; new categories may be added without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case unauthorized, forbidden, notFound, rateLimited, server, transport, timeout, circuitOpen
            case bodyTooLarge, cancelled, client, invalidRequest, untrustedCertificate
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// 401, or a 401 that persisted after one token refresh.
        public static let unauthorized = Code(.unauthorized)
        /// 403 that the classifier did not treat as a rate limit.
        public static let forbidden = Code(.forbidden)
        /// 404 or 410.
        public static let notFound = Code(.notFound)
        /// 429 or a provider rate-limit reply, after the retries ran out or the server asked for too long a wait.
        public static let rateLimited = Code(.rateLimited)
        /// A 5xx status after the retries ran out.
        public static let server = Code(.server)
        /// The connection failed, was reset or closed mid-response.
        public static let transport = Code(.transport)
        /// Connecting, reading or the whole request took longer than configured, or a 408.
        public static let timeout = Code(.timeout)
        /// The host's circuit breaker is open: the request was not sent.
        public static let circuitOpen = Code(.circuitOpen)
        /// The response body exceeded the configured maximum.
        public static let bodyTooLarge = Code(.bodyTooLarge)
        /// The calling task was cancelled.
        public static let cancelled = Code(.cancelled)
        /// Any other 4xx status.
        public static let client = Code(.client)
        /// The request could not be sent at all (a malformed URL, an unsupported scheme, a closed client).
        public static let invalidRequest = Code(.invalidRequest)
        /// The server's TLS certificate was refused: not signed by a trusted authority, expired, or for another host.
        /// Not retried.
        public static let untrustedCertificate = Code(.untrustedCertificate)

        /// The category's name, e.g. `rateLimited`.
        public var description: String { base.rawValue }
    }

    /// The category.
    public var code: Code
    /// The HTTP status of the last response, when one arrived.
    public var status: Int?
    /// The request method, e.g. `GET`.
    public var method: String
    /// The host (with a port when the URL names one), e.g. `www.googleapis.com`.
    public var host: String
    /// The URL path and query, with secret query values redacted.
    public var path: String
    /// A short excerpt of the provider's error message (or of our own explanation), already redacted.
    public var message: String?
    /// How many times the request was sent (0 when it never left, e.g. an open circuit).
    public var attempts: Int
    /// The delay the server asked for in `Retry-After`, when one was given.
    public var retryAfter: Duration?
    /// A redacted description of the underlying transport error, if any.
    public var underlying: String?
    /// The request parameter the provider blamed, when its error body names one (Google's `errors[].location`, such
    /// as `pageToken`): a caller can tell a rejected page token from a wrong query.
    public var parameter: String?

    /// Creates an error; `path`, `message` and `underlying` are redacted here, so callers may pass raw values.
    /// - Parameters:
    ///   - code: The category.
    ///   - status: The HTTP status of the last response, if any.
    ///   - method: The request method.
    ///   - host: The host, with a port if the URL names one.
    ///   - path: The path and query; sensitive query values are redacted.
    ///   - message: A short explanation; credentials are redacted and it is cut to 300 characters.
    ///   - attempts: How many times the request was sent.
    ///   - retryAfter: The delay the server asked for, if any.
    ///   - underlying: A description of the underlying error, if any.
    public init(
        code: Code,
        status: Int? = nil,
        method: String,
        host: String,
        path: String,
        message: String? = nil,
        attempts: Int,
        retryAfter: Duration? = nil,
        underlying: String? = nil
    ) {
        self.code = code
        self.status = status
        self.method = method
        self.host = host
        self.path = Redaction.url(path)
        self.message = message.map { Self.safeExcerpt($0) }
        self.attempts = attempts
        self.retryAfter = retryAfter
        self.underlying = underlying.map { Self.safeExcerpt($0) }
    }

    /// `HTTP GET host/path?…: rateLimited (status 429) after 6 attempts: <provider message>`.
    public var description: String {
        var text = "HTTP \(method) \(host)\(path): \(code)"
        if let status { text += " (status \(status))" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        if let message, !message.isEmpty { text += ": \(message)" }
        if let underlying, !underlying.isEmpty { text += " [\(underlying)]" }
        return text
    }

    /// The redacted text, on one line and at most `limit` characters long.
    static func safeExcerpt(_ text: String, limit: Int = 300) -> String {
        let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        let redacted = Redaction.text(oneLine)
        guard redacted.count > limit else { return redacted }
        // Redact before cutting so a token split at the limit cannot survive as a fragment.
        return String(redacted.prefix(limit)) + "…"
    }
}

extension HTTPError.Code {
    /// Matches any error that is an ``HTTPError`` with this code, for `catch HTTPError.Code.notFound` style matching.
    /// - Parameters:
    ///   - code: The expected code.
    ///   - error: Any error.
    public static func ~= (code: HTTPError.Code, error: any Error) -> Bool {
        (error as? HTTPError)?.code == code
    }
}

extension HTTPError.Code {
    /// The code for a final response with `status`: 401 unauthorized, 403 forbidden, 404/410 notFound,
    /// 408 timeout, 429 rateLimited, 5xx server, anything else client.
    /// - Parameter status: An HTTP status code.
    public static func forStatus(_ status: Int) -> HTTPError.Code {
        switch status {
        case 401: .unauthorized
        case 403: .forbidden
        case 404, 410: .notFound
        case 408: .timeout
        case 429: .rateLimited
        case 500..<600: .server
        default: .client
        }
    }
}
