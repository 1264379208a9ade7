import ConnectorHTTP
import ConnectorModel
import Foundation
import Testing

@testable import ConnectorProviderGoogleDrive

/// Drive's rate-limit replies are retried like 429; other 403s are not.
@Suite struct DriveRetryClassifierTests {
    static func response(_ status: Int, _ body: String) -> HTTPResponseData {
        HTTPResponseData(status: status, body: Array(body.utf8))
    }

    @Test(arguments: [
        #"{"error":{"code":403,"message":"User rate limit exceeded.","errors":[{"domain":"usageLimits","reason":"userRateLimitExceeded"}]}}"#,
        #"{"error":{"code":403,"message":"Rate limit exceeded.","errors":[{"domain":"usageLimits","reason":"rateLimitExceeded"}]}}"#,
        #"{"error":{"code":403,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED"}]}}"#,
        #"{"error":{"code":403,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}"#,
    ])
    func rateLimit403sAreRetried(body: String) {
        #expect(DriveRetryClassifier().classify(Self.response(403, body)) == .retry(.rateLimited))
    }

    @Test func otherRepliesFollowTheStandardRules() {
        let classifier = DriveRetryClassifier()
        let daily = #"{"error":{"code":403,"errors":[{"domain":"usageLimits","reason":"dailyLimitExceeded"}]}}"#
        let permission = #"{"error":{"code":403,"errors":[{"reason":"insufficientFilePermissions"}],"status":"PERMISSION_DENIED"}}"#
        #expect(classifier.classify(Self.response(403, daily)) == .fail)
        #expect(classifier.classify(Self.response(403, permission)) == .fail)
        #expect(classifier.classify(Self.response(403, "<html>forbidden</html>")) == .fail)
        #expect(classifier.classify(Self.response(429, "")) == .retry(.rateLimited))
        #expect(classifier.classify(Self.response(503, "")) == .retry(.transient))
        #expect(classifier.classify(Self.response(500, #"{"error":{"errors":[{"reason":"backendError"}]}}"#)) == .retry(.transient))
        #expect(classifier.classify(Self.response(401, "")) == .refreshTokenAndRetry)
        #expect(classifier.classify(Self.response(404, "")) == .fail)
        #expect(classifier.classify(Self.response(200, "{}")) == .success)
    }

    @Test func timestampsAndInt64StringsParse() throws {
        let date = try #require(Timestamp.parse("2024-05-01T09:30:12.345Z"))
        #expect(Timestamp.rfc3339Milliseconds(date) == "2024-05-01T09:30:12.345Z")
        #expect(Timestamp.parse("2024-05-01T11:30:12+02:00") == Timestamp.parse("2024-05-01T09:30:12Z"))
        #expect(Timestamp.parse("1999-12-31T23:59:59Z") == Date(timeIntervalSince1970: 946_684_799))
        #expect(Timestamp.parse("2024-05-01") == nil)
        #expect(Timestamp.parse("2024-13-01T00:00:00Z") == nil)
        let file = try JSONDecoder().decode(DriveFile.self, from: Data(#"{"id":"x","size":"9007199254740993","version":"12"}"#.utf8))
        #expect(file.size?.value == 9_007_199_254_740_993 && file.version?.value == 12)
    }

    @Test func theEndpointRateLimitPacesRequests() async throws {
        try await DriveTestHarness.run { harness in
            var spec = harness.spec()
            spec.sync = SyncSettings(rateLimit: SyncSettings.RateLimit(requestsPerSecond: 20, burst: 1))
            let provider = try #require(try harness.provider(spec) as? GoogleDriveProvider)
            #expect(provider.api.context.tokenBucket?.requestsPerSecond == 20)
            let start = ContinuousClock.now
            for _ in 0..<6 { _ = try await provider.changeFeedStartToken() }
            #expect(ContinuousClock.now - start >= .milliseconds(200), "6 requests at 20/s with a burst of 1")
        }
    }
}
