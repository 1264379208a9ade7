import ConnectorHTTP
import ConnectorHTTPTestSupport
import Foundation
import Testing

/// What the Google Drive provider will pass: Drive's 403 rate-limit replies count as 429.
struct DriveStyleClassifier: RetryClassifier {
    func classify(_ response: HTTPResponseData) -> RetryDecision {
        if response.status == 403 || response.status == 429 {
            let text = response.bodyText
            let signals = ["userRateLimitExceeded", "\"rateLimitExceeded\"", "RATE_LIMIT_EXCEEDED"]
            if signals.contains(where: text.contains) { return .retry(.rateLimited) }
        }
        return StandardRetryClassifier().classify(response)
    }
}

@Suite("Provider-specific retry classification")
struct ProviderRateLimitClassifierTests {
    static let userRateLimit = #"""
        {"error": {"code": 403, "message": "User rate limit exceeded.",
          "errors": [{"domain": "usageLimits", "reason": "userRateLimitExceeded", "message": "User rate limit exceeded."}]}}
        """#
    static let resourceExhausted = #"""
        {"error": {"code": 403, "message": "Quota exceeded for quota metric 'Queries'.", "status": "RESOURCE_EXHAUSTED",
          "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED"}]}}
        """#

    @Test("Drive's 403 rate-limit replies are retried through a custom classifier")
    func driveRateLimitRetried() async throws {
        try await withHarness { harness in
            harness.server.enqueue(.json(403, Self.userRateLimit), .json(403, Self.resourceExhausted))
            let context = RequestContext(classifier: DriveStyleClassifier())
            let response = try await harness.client.send(harness.get("/drive/v3/files"), context: context)
            #expect(response.status == 200)
            #expect(harness.server.requestCount == 3)
            #expect(context.statistics.count(status: 403) == 2)
        }
    }

    @Test("exhausted rate-limit retries give rateLimited with the provider's message")
    func driveRateLimitExhausted() async throws {
        let configuration = testConfiguration(retry: RetryPolicy(rateLimit: RateLimitBackoff(maxTotalWait: .seconds(4))))
        try await withHarness(configuration: configuration, handler: { _ in .json(403, Self.userRateLimit) }) { harness in
            let error = await httpError {
                try await harness.client.send(harness.get(), context: RequestContext(classifier: DriveStyleClassifier()))
            }
            #expect(error?.code == .rateLimited)
            #expect(error?.status == 403)
            // Waits of 1 s and 2 s fit the 4 s allowed; a third (at least 4 s more) does not.
            #expect(harness.server.requestCount == 3)
            #expect(error?.message?.hasPrefix("still rate-limited after waiting 3.") == true, "\(error?.message ?? "")")
            #expect(
                error?.message?.hasSuffix("(at most 4s): User rate limit exceeded. (userRateLimitExceeded)") == true,
                "\(error?.message ?? "")")
        }
    }

    @Test("a 403 that is not a rate limit fails at once as forbidden")
    func permissionDenied() async throws {
        try await withHarness { harness in
            let body = #"{"error":{"code":403,"message":"Insufficient permissions","errors":[{"reason":"insufficientFilePermissions"}]}}"#
            harness.server.enqueue(.json(403, body))
            let error = await httpError {
                try await harness.client.send(harness.get(), context: RequestContext(classifier: DriveStyleClassifier()))
            }
            #expect(error?.code == .forbidden)
            #expect(harness.server.requestCount == 1)
        }
    }

    @Test("the standard classifier's table")
    func standardTable() {
        let classifier = StandardRetryClassifier()
        let expectations: [(Int, RetryDecision)] = [
            (200, .success), (204, .success), (304, .success), (400, .fail), (401, .refreshTokenAndRetry),
            (403, .fail), (404, .fail), (408, .retry(.transient)), (409, .fail), (429, .retry(.rateLimited)),
            (500, .retry(.transient)), (503, .retry(.transient)), (599, .retry(.transient)),
        ]
        for (status, decision) in expectations {
            #expect(classifier.classify(HTTPResponseData(status: status)) == decision, "status \(status)")
        }
    }

    @Test("a closure classifier is called with the full response")
    func closureClassifier() async throws {
        try await withHarness { harness in
            harness.server.enqueue(.json(200, #"{"retry":true}"#))
            let classifier = ClosureRetryClassifier { response in
                response.bodyText.contains("retry") ? .retry(.transient) : .success
            }
            let response = try await harness.client.send(harness.get(), context: RequestContext(classifier: classifier))
            #expect(response.bodyText == #"{"ok":true}"#)
            #expect(harness.server.requestCount == 2)
        }
    }
}
