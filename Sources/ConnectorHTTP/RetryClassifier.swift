/// What ``ProviderHTTPClient`` does with a response.
public enum RetryDecision: Sendable, Hashable {
    /// Why a response is worth retrying; it decides the error code when the retries run out.
    public enum RetryReason: Sendable, Hashable {
        /// The server is throttling us (429 or a provider's rate-limit reply): exhausted retries give
        /// ``HTTPError/Code/rateLimited``.
        case rateLimited
        /// A transient server problem (5xx, 408): exhausted retries give the code matching the status.
        case transient
    }

    /// Return the response to the caller.
    case success
    /// Throw an ``HTTPError`` for the response at once.
    case fail
    /// Wait (`Retry-After`, or backoff) and send again while attempts remain.
    case retry(RetryReason)
    /// Drop the cached access token, fetch a new one and send again, once per call; a second time fails with
    /// ``HTTPError/Code/unauthorized``. Without an ``OAuthTokenCache`` in the context this is ``fail``.
    case refreshTokenAndRetry
}

/// Decides, for each response, whether a call succeeded, failed, or should be retried.
///
/// Providers pass their classifier in ``RequestContext``. Most wrap ``StandardRetryClassifier`` and only add their
/// own rate-limit signals, e.g. Google Drive's `403 userRateLimitExceeded`:
///
/// ```swift
/// struct DriveRetryClassifier: RetryClassifier {
///     func classify(_ response: HTTPResponseData) -> RetryDecision {
///         if response.status == 403, isDriveRateLimit(response.body) { return .retry(.rateLimited) }
///         return StandardRetryClassifier().classify(response)
///     }
/// }
/// ```
///
/// Transport failures (connection refused or reset, timeouts, a response cut short) are always retried and do not
/// reach the classifier.
public protocol RetryClassifier: Sendable {
    /// The decision for one response.
    /// - Parameter response: The complete response: status, headers and body.
    func classify(_ response: HTTPResponseData) -> RetryDecision
}

/// The default classification: 2xx and 3xx succeed; 429 is a rate limit; 408 and 5xx are transient; 401 refreshes
/// the token and retries once; every other 4xx fails.
public struct StandardRetryClassifier: RetryClassifier {
    /// Creates the standard classifier.
    public init() {}

    /// The decision for one response.
    /// - Parameter response: The response.
    public func classify(_ response: HTTPResponseData) -> RetryDecision {
        switch response.status {
        case 200..<400: .success
        case 401: .refreshTokenAndRetry
        case 429: .retry(.rateLimited)
        case 408, 500..<600: .retry(.transient)
        default: .fail
        }
    }
}

/// A classifier made from a closure, for one-off rules and tests.
public struct ClosureRetryClassifier: RetryClassifier {
    private let body: @Sendable (HTTPResponseData) -> RetryDecision

    /// Creates a classifier that calls `body` for each response.
    /// - Parameter body: The decision function.
    public init(_ body: @escaping @Sendable (HTTPResponseData) -> RetryDecision) {
        self.body = body
    }

    /// The decision for one response.
    /// - Parameter response: The response.
    public func classify(_ response: HTTPResponseData) -> RetryDecision {
        body(response)
    }
}

/// The answers of an OAuth token endpoint: 2xx, and the 400, 401 and 403 that carry an RFC 6749 error, are handed
/// to the caller to read; 429 is a rate limit, 408 and 5xx are retried; anything else fails.
public struct TokenEndpointRetryClassifier: RetryClassifier {
    /// Creates the classifier.
    public init() {}

    /// The decision for `response`.
    public func classify(_ response: HTTPResponseData) -> RetryDecision {
        switch response.status {
        case 200..<300, 400, 401, 403: .success
        case 429: .retry(.rateLimited)
        case 408, 500..<600: .retry(.transient)
        default: .fail
        }
    }
}
