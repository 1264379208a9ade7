import ConnectorHTTP
import Foundation

/// Google Drive's retry rules on top of ``StandardRetryClassifier``: a 403 whose reason is
/// `userRateLimitExceeded` or `rateLimitExceeded` (classic `errors[]` body), or whose newer body says
/// `RESOURCE_EXHAUSTED` / `RATE_LIMIT_EXCEEDED`, is a rate limit like 429. Other 403s (`dailyLimitExceeded`,
/// permissions) fail at once; 5xx and 429 are retried, 401 refreshes the token once.
struct DriveRetryClassifier: RetryClassifier {
    /// The decision for one response.
    func classify(_ response: HTTPResponseData) -> RetryDecision {
        if response.status == 403, Self.isRateLimit(response.body) { return .retry(.rateLimited) }
        return StandardRetryClassifier().classify(response)
    }

    private struct Body: Decodable {
        struct ErrorObject: Decodable {
            struct Reason: Decodable { var reason: String? }
            var status: String?
            var errors: [Reason]?
            var details: [Reason]?
        }

        var error: ErrorObject?
    }

    private static let rateLimitReasons: Set<String> = ["userRateLimitExceeded", "rateLimitExceeded", "RATE_LIMIT_EXCEEDED"]

    /// Whether a 403 body is one of Drive's rate-limit replies, in either error shape.
    static func isRateLimit(_ body: [UInt8]) -> Bool {
        guard let error = (try? JSONDecoder().decode(Body.self, from: Data(body)))?.error else { return false }
        let reasons = (error.errors ?? []).compactMap(\.reason) + (error.details ?? []).compactMap(\.reason)
        if reasons.contains(where: rateLimitReasons.contains) { return true }
        return error.status == "RESOURCE_EXHAUSTED" && reasons.isEmpty
    }
}
