import ConnectorHTTP
import ConnectorHTTPTestSupport
import Testing

@Suite("ProviderHTTPClient cancellation")
struct ProviderHTTPClientCancellationTests {
    @Test("cancelling during a backoff sleep ends the call promptly with cancelled")
    func cancelDuringBackoff() async throws {
        try await withHarness(clock: ManualClock()) { harness in
            harness.server.enqueue(.response(status: 503, headers: [("Retry-After", "100")]))
            let client = harness.client
            let request = harness.get()
            let call = Task { try await client.send(request, context: RequestContext()) }
            try await harness.clock.waitForSleepers(1)
            let start = ContinuousClock.now
            call.cancel()
            let error = await httpError { try await call.value }
            #expect(error?.code == .cancelled)
            // The manual clock never advances here: without cancellation the call would never end.
            #expect(ContinuousClock.now - start < .seconds(10))
            #expect(harness.server.requestCount == 1)
        }
    }

    @Test("cancelling while the server is slow to answer ends the call promptly")
    func cancelDuringRequest() async throws {
        try await withHarness(handler: { _ in .delayed(.seconds(30), then: .status(200)) }) { harness in
            let client = harness.client
            let request = harness.get()
            let call = Task { try await client.send(request, context: RequestContext()) }
            while harness.server.requestCount == 0 { try await Task.sleep(for: .milliseconds(5)) }
            let start = ContinuousClock.now
            call.cancel()
            let error = await httpError { try await call.value }
            #expect(error?.code == .cancelled)
            #expect(ContinuousClock.now - start < .seconds(15), "well before the server's 30 s answer")
        }
    }

    @Test("cancelling while waiting on the rate limiter ends the call without sending")
    func cancelDuringPacing() async throws {
        try await withHarness(clock: ManualClock()) { harness in
            let bucket = TokenBucket(requestsPerSecond: 0.01, burst: 1, clock: harness.clock)
            let context = RequestContext(tokenBucket: bucket)
            _ = try await harness.client.send(harness.get(), context: context)
            let client = harness.client
            let request = harness.get()
            let call = Task { try await client.send(request, context: context) }
            try await harness.clock.waitForSleepers(1)
            call.cancel()
            #expect(await httpError { try await call.value }?.code == .cancelled)
            #expect(harness.server.requestCount == 1)
        }
    }
}
