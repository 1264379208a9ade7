import ConnectorHTTP
import ConnectorHTTPTestSupport
import NIOConcurrencyHelpers
import Testing

/// A token source that hands out `token-1`, `token-2`, … and counts its calls.
final class CountingTokenSource: Sendable {
    private let calls = NIOLockedValueBox(0)

    var count: Int { calls.withLockedValue { $0 } }

    func fetch() -> AccessToken {
        let number = calls.withLockedValue { calls in
            calls += 1
            return calls
        }
        return AccessToken(value: "token-\(number)", expiresIn: .seconds(3600))
    }
}

@Suite("ProviderHTTPClient authentication")
struct ProviderHTTPClientAuthTests {
    @Test("the bearer token is sent; a 401 refreshes it once and the resend succeeds")
    func refreshOnce() async throws {
        let source = CountingTokenSource()
        try await withHarness(handler: { request in
            request.header("Authorization") == "Bearer token-2" ? .json(#"{"ok":true}"#) : .status(401)
        }) { harness in
            let cache = OAuthTokenCache(clock: harness.clock) { source.fetch() }
            let context = RequestContext(tokenCache: cache)
            let response = try await harness.client.send(harness.get(), context: context)
            #expect(response.status == 200)
            #expect(source.count == 2)
            #expect(harness.server.requests.map { $0.header("authorization") } == ["Bearer token-1", "Bearer token-2"])
            #expect(context.statistics.retries == 1)
            #expect(harness.clock.recordedSleeps.isEmpty)
        }
    }

    @Test("a second 401 fails with unauthorized after exactly one refresh")
    func unauthorizedTwice() async throws {
        let source = CountingTokenSource()
        try await withHarness(handler: { _ in
            .json(401, #"{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}"#)
        }) { harness in
            let cache = OAuthTokenCache(clock: harness.clock) { source.fetch() }
            let error = await httpError { try await harness.client.send(harness.get(), context: RequestContext(tokenCache: cache)) }
            #expect(error?.code == .unauthorized)
            #expect(error?.status == 401)
            #expect(error?.attempts == 2)
            #expect(error?.message == "Request had invalid authentication credentials.")
            #expect(source.count == 2)
            #expect(harness.server.requestCount == 2)
        }
    }

    @Test("without a token cache a 401 fails at once")
    func unauthorizedWithoutCache() async throws {
        try await withHarness(handler: { _ in .status(401) }) { harness in
            let error = await httpError { try await harness.client.send(harness.get(), context: RequestContext()) }
            #expect(error?.code == .unauthorized)
            #expect(harness.server.requestCount == 1)
        }
    }

    @Test("the cached token is reused across calls and replaces a caller's Authorization header")
    func tokenReused() async throws {
        let source = CountingTokenSource()
        try await withHarness { harness in
            let cache = OAuthTokenCache(clock: harness.clock) { source.fetch() }
            let context = RequestContext(tokenCache: cache)
            var request = harness.get()
            request.headers = [("Authorization", "Basic c2VjcmV0")]
            for _ in 0..<3 { _ = try await harness.client.send(request, context: context) }
            #expect(source.count == 1)
            #expect(harness.server.requests.allSatisfy { $0.header("authorization") == "Bearer token-1" })
        }
    }

    @Test("a token fetch failure surfaces as unauthorized without sending the request")
    func fetchFailure() async throws {
        struct TokenEndpointDown: Error {}
        try await withHarness { harness in
            let cache = OAuthTokenCache(clock: harness.clock) { throw TokenEndpointDown() }
            let error = await httpError { try await harness.client.send(harness.get(), context: RequestContext(tokenCache: cache)) }
            #expect(error?.code == .unauthorized)
            #expect(harness.server.requestCount == 0)
        }
    }
}
