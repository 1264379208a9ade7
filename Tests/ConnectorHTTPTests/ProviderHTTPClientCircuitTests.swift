import ConnectorHTTP
import ConnectorHTTPTestSupport
import Testing

@Suite("ProviderHTTPClient circuit breaker")
struct ProviderHTTPClientCircuitTests {
    @Test("opens after N failures, fails fast without touching the server, half-opens after the open duration")
    func opensAndRecovers() async throws {
        let configuration = testConfiguration(
            retry: RetryPolicy(maxAttempts: 1),
            circuitBreaker: CircuitBreakerPolicy(failureThreshold: 3, openDuration: .seconds(30))
        )
        try await withHarness(configuration: configuration, clock: ManualClock()) { harness in
            harness.server.enqueue(.status(500), .status(502), .status(503))
            let context = RequestContext()
            for _ in 0..<3 {
                let error = await httpError { try await harness.client.send(harness.get(), context: context) }
                #expect(error?.code == .server)
            }
            let rejected = await httpError { try await harness.client.send(harness.get(), context: context) }
            #expect(rejected?.code == .circuitOpen)
            #expect(rejected?.attempts == 0)
            #expect(rejected?.retryAfter == .seconds(30))
            #expect(harness.server.requestCount == 3)
            #expect(context.statistics.snapshot.circuitRejections == 1)

            harness.clock.advance(by: .seconds(29))
            #expect(await httpError { try await harness.client.send(harness.get(), context: context) }?.code == .circuitOpen)
            #expect(harness.server.requestCount == 3)

            harness.clock.advance(by: .seconds(1))
            let probe = try await harness.client.send(harness.get(), context: context)
            #expect(probe.status == 200)
            #expect(try harness.client.circuitBreaker(for: harness.url()).phase == .closed(failures: 0))
            _ = try await harness.client.send(harness.get(), context: context)
            #expect(harness.server.requestCount == 5)
        }
    }

    @Test("a failed probe opens the circuit again")
    func probeFails() async throws {
        let configuration = testConfiguration(
            retry: RetryPolicy(maxAttempts: 1),
            circuitBreaker: CircuitBreakerPolicy(failureThreshold: 2, openDuration: .seconds(10))
        )
        try await withHarness(configuration: configuration, clock: ManualClock(), handler: { _ in .reset }) { harness in
            let context = RequestContext()
            for _ in 0..<2 {
                #expect(await httpError { try await harness.client.send(harness.get(), context: context) }?.code == .transport)
            }
            harness.clock.advance(by: .seconds(10))
            #expect(await httpError { try await harness.client.send(harness.get(), context: context) }?.code == .transport)
            #expect(await httpError { try await harness.client.send(harness.get(), context: context) }?.code == .circuitOpen)
            #expect(harness.server.requestCount == 3)
        }
    }

    @Test("the breaker opening during a call's retries stops the call")
    func opensMidCall() async throws {
        let configuration = testConfiguration(circuitBreaker: CircuitBreakerPolicy(failureThreshold: 3, openDuration: .seconds(30)))
        try await withHarness(configuration: configuration, handler: { _ in .status(503) }) { harness in
            let error = await httpError { try await harness.client.send(harness.get(), context: RequestContext()) }
            #expect(error?.code == .circuitOpen)
            #expect(error?.attempts == 3)
            #expect(harness.server.requestCount == 3)
        }
    }

    @Test("4xx and 429 answers keep the circuit closed")
    func clientErrorsDoNotCount() async throws {
        let configuration = testConfiguration(
            retry: RetryPolicy(maxAttempts: 1, rateLimit: RateLimitBackoff(maxTotalWait: .zero)),
            circuitBreaker: CircuitBreakerPolicy(failureThreshold: 2)
        )
        try await withHarness(configuration: configuration, handler: { _ in .status(429) }) { harness in
            for _ in 0..<4 {
                #expect(await httpError { try await harness.client.send(harness.get(), context: RequestContext()) }?.code == .rateLimited)
            }
            #expect(harness.server.requestCount == 4)
        }
    }
}
