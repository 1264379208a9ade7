import ConnectorHTTP

/// How Graph answers are handled: 429, and 503 with a `Retry-After`, are throttling (every request of the app in
/// the tenant pauses); 500, 502, 503, 504 and 509 are retried with backoff; a 401 refreshes the token once; the
/// refusals the provider explains itself (400, 403, 404, 410, 423, 501) are handed back to it with their bodies.
struct GraphRetryClassifier: RetryClassifier {
    func classify(_ response: HTTPResponseData) -> RetryDecision {
        switch response.status {
        case 200..<300: .success
        case 401: .refreshTokenAndRetry
        case 429: .retry(.rateLimited)
        case 503 where response.header("Retry-After") != nil: .retry(.rateLimited)
        case 408, 500, 502, 503, 504, 509: .retry(.transient)
        case 400, 403, 404, 410, 423, 501: .success
        default: .fail
        }
    }
}
