import ConnectorHTTP
import ConnectorHTTPTestSupport
import NIOConcurrencyHelpers
import Testing

@Suite("OAuthTokenCache")
struct OAuthTokenCacheTests {
    @Test("concurrent callers share one fetch")
    func singleFlight() async throws {
        let fetches = NIOLockedValueBox(0)
        let cache = OAuthTokenCache {
            fetches.withLockedValue { $0 += 1 }
            try await Task.sleep(for: .milliseconds(50))
            return AccessToken(value: "shared", expiresIn: .seconds(3600))
        }
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await cache.token().value } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(values == Array(repeating: "shared", count: 8))
        #expect(fetches.withLockedValue { $0 } == 1)
    }

    @Test("a token is refreshed once it is within the margin of expiry")
    func refreshesBeforeExpiry() async throws {
        let clock = ManualClock()
        let source = CountingTokenSource()
        let cache = OAuthTokenCache(refreshMargin: .seconds(60), clock: clock) {
            let token = source.fetch()
            return AccessToken(value: token.value, expiresIn: .seconds(3600))
        }
        #expect(try await cache.token().value == "token-1")
        clock.advance(by: .seconds(3539))
        #expect(try await cache.token().value == "token-1")
        clock.advance(by: .seconds(1))
        #expect(try await cache.token().value == "token-2")
        #expect(source.count == 2)
    }

    @Test("a token that lives shorter than the margin is still reused for half its life")
    func shortLivedToken() async throws {
        let clock = ManualClock()
        let source = CountingTokenSource()
        let cache = OAuthTokenCache(refreshMargin: .seconds(60), clock: clock) {
            AccessToken(value: source.fetch().value, expiresIn: .seconds(30))
        }
        _ = try await cache.token()
        clock.advance(by: .seconds(14))
        _ = try await cache.token()
        #expect(source.count == 1)
        clock.advance(by: .seconds(1))
        _ = try await cache.token()
        #expect(source.count == 2)
    }

    @Test("invalidate drops only the token that was rejected")
    func invalidateMatchesValue() async throws {
        let source = CountingTokenSource()
        let cache = OAuthTokenCache(clock: ManualClock()) { source.fetch() }
        let first = try await cache.token()
        cache.invalidate(AccessToken(value: "some-older-token", expiresIn: .seconds(1)))
        #expect(try await cache.token() == first)
        cache.invalidate(first)
        #expect(try await cache.token().value == "token-2")
        cache.invalidate(first)
        #expect(try await cache.token().value == "token-2")
    }

    @Test("a fetch error reaches every waiting caller and the next call tries again")
    func fetchErrorShared() async throws {
        struct Down: Error {}
        let attempts = NIOLockedValueBox(0)
        let cache = OAuthTokenCache(clock: ManualClock()) {
            let attempt = attempts.withLockedValue { value in
                value += 1
                return value
            }
            try await Task.sleep(for: .milliseconds(30))
            if attempt == 1 { throw Down() }
            return AccessToken(value: "ok", expiresIn: .seconds(3600))
        }
        let failures = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 { group.addTask { (try? await cache.token()) == nil } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(failures == 4)
        #expect(try await cache.token().value == "ok")
    }

    @Test("when the fetching caller is cancelled, a waiting caller takes the fetch over")
    func cancelledFetcherHandsOver() async throws {
        let calls = NIOLockedValueBox(0)
        let cache = OAuthTokenCache(clock: ManualClock()) {
            let call = calls.withLockedValue { value in
                value += 1
                return value
            }
            if call == 1 { try await Task.sleep(for: .seconds(30)) }
            return AccessToken(value: "token-\(call)", expiresIn: .seconds(3600))
        }
        let fetcher = Task { try await cache.token() }
        while calls.withLockedValue({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(1)) }
        let waiter = Task { try await cache.token() }
        try await Task.sleep(for: .milliseconds(20))
        fetcher.cancel()
        await #expect(throws: CancellationError.self) { try await fetcher.value }
        #expect(try await waiter.value.value == "token-2")
    }
}
