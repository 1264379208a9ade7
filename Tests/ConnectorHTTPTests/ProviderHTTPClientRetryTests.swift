import ConnectorHTTP
import ConnectorHTTPTestSupport
import Foundation
import Testing

@Suite("ProviderHTTPClient retries over loopback")
struct ProviderHTTPClientRetryTests {
    @Test("a 200 is returned with its headers and body, and connections are reused")
    func successAndReuse() async throws {
        try await withHarness { harness in
            let context = RequestContext()
            for _ in 0..<4 {
                let response = try await harness.client.send(harness.get("/files?q=1"), context: context)
                #expect(response.status == 200)
                #expect(response.header("content-type") == "application/json")
                #expect(response.bodyText == #"{"ok":true}"#)
            }
            #expect(harness.server.requestCount == 4)
            #expect(harness.server.connectionCount == 1)
            #expect(harness.server.requests[0].path == "/files")
            #expect(harness.server.requests[0].queryValue("q") == "1")
            #expect(harness.server.requests[0].header("user-agent") == "file-connector")
            #expect(context.statistics.requests == 4)
            #expect(context.statistics.retries == 0)
        }
    }

    @Test("429 with Retry-After: 2 waits exactly 2 s on the injected clock")
    func retryAfterSeconds() async throws {
        try await withHarness { harness in
            harness.server.enqueue(.response(status: 429, headers: [("Retry-After", "2")]))
            let context = RequestContext()
            let response = try await harness.client.send(harness.get(), context: context)
            #expect(response.status == 200)
            #expect(harness.clock.recordedSleeps == [.seconds(2)])
            #expect(harness.server.requestCount == 2)
            #expect(context.statistics.retries == 1)
            #expect(context.statistics.count(status: 429) == 1)
            #expect(context.statistics.count(status: 200) == 1)
        }
    }

    @Test("Retry-After as an HTTP-date is measured against the wall clock, or the response's Date header")
    func retryAfterDate() async throws {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        try await withHarness(wallClock: { now }) { harness in
            harness.server.enqueue(
                .response(status: 503, headers: [("Retry-After", "Sun, 06 Nov 1994 08:49:44 GMT")]),
                .response(
                    status: 429,
                    headers: [
                        ("Date", "Sun, 06 Nov 1994 09:00:00 GMT"), ("Retry-After", "Sunday, 06-Nov-94 09:00:05 GMT"),
                    ])
            )
            let response = try await harness.client.send(harness.get(), context: RequestContext())
            #expect(response.status == 200)
            #expect(harness.clock.recordedSleeps == [.seconds(7), .seconds(5)])
        }
    }

    @Test("500, 502 and 503 are retried until a success", arguments: [500, 502, 503])
    func serverErrorsRetried(status: Int) async throws {
        try await withHarness { harness in
            harness.server.enqueue(.status(status), .status(status), .status(status))
            let context = RequestContext()
            let response = try await harness.client.send(harness.get(), context: context)
            #expect(response.status == 200)
            #expect(harness.server.requestCount == 4)
            #expect(harness.clock.recordedSleeps.count == 3)
            #expect(context.statistics.retries == 3)
            #expect(context.statistics.count(status: status) == 3)
        }
    }

    @Test("a reset, a closed connection and a truncated body are retried")
    func transportFaultsRetried() async throws {
        try await withHarness { harness in
            harness.server.enqueue(
                .reset,
                .closeConnection(abortive: false),
                .truncated(body: Array("{\"partial".utf8), declaredLength: 1000)
            )
            let context = RequestContext()
            let response = try await harness.client.send(harness.get(), context: context)
            #expect(response.status == 200)
            #expect(harness.server.requestCount == 4)
            #expect(context.statistics.snapshot.transportErrors == 3)
            #expect(context.statistics.retries == 3)
        }
    }

    @Test("400 and 404 fail at once with one request", arguments: [(400, HTTPError.Code.client), (404, .notFound)])
    func clientErrorsNotRetried(status: Int, code: HTTPError.Code) async throws {
        try await withHarness { harness in
            harness.server.enqueue(
                .json(status, #"{"error":{"code":\#(status),"message":"Invalid field selection","errors":[{"reason":"invalid"}]}}"#)
            )
            let error = await httpError { try await harness.client.send(harness.get("/files"), context: RequestContext()) }
            #expect(error?.code == code)
            #expect(error?.status == status)
            #expect(error?.attempts == 1)
            #expect(error?.message == "Invalid field selection (invalid)")
            #expect(harness.server.requestCount == 1)
            #expect(harness.clock.recordedSleeps.isEmpty)
        }
    }

    @Test("when attempts run out the error names the status and the attempt count")
    func attemptsExhausted() async throws {
        let configuration = testConfiguration(retry: RetryPolicy(maxAttempts: 3))
        try await withHarness(configuration: configuration, handler: { _ in .status(503) }) { harness in
            let context = RequestContext()
            let error = await httpError { try await harness.client.send(harness.get("/x"), context: context) }
            #expect(error?.code == .server)
            #expect(error?.status == 503)
            #expect(error?.attempts == 3)
            #expect(error?.description.contains("after 3 attempts") == true)
            #expect(harness.server.requestCount == 3)
            #expect(context.statistics.requests == 3)
            #expect(context.statistics.retries == 2)
        }
    }

    @Test("a Retry-After beyond the allowed maximum fails at once with a clear error")
    func retryAfterTooLong() async throws {
        let configuration = testConfiguration(retry: RetryPolicy(maxRetryAfter: .seconds(60)))
        try await withHarness(configuration: configuration) { harness in
            harness.server.enqueue(.response(status: 429, headers: [("Retry-After", "3600")]))
            let error = await httpError { try await harness.client.send(harness.get(), context: RequestContext()) }
            #expect(error?.code == .rateLimited)
            #expect(error?.retryAfter == .seconds(3600))
            #expect(error?.message?.contains("asked to wait 3600s, more than the 60s allowed") == true)
            #expect(harness.server.requestCount == 1)
        }
    }

    @Test("a Retry-After above the backoff cap but within the maximum is honoured")
    func retryAfterAboveCap() async throws {
        try await withHarness { harness in
            harness.server.enqueue(.response(status: 503, headers: [("Retry-After", "120")]))
            _ = try await harness.client.send(harness.get(), context: RequestContext())
            #expect(harness.clock.recordedSleeps == [.seconds(120)])
        }
    }

    @Test("backoff is exponential with full jitter and capped, reproducible from the seed")
    func backoffDelays() async throws {
        let policy = RetryPolicy(maxAttempts: 7, baseDelay: .milliseconds(500), maxDelay: .seconds(4))
        let configuration = testConfiguration(retry: policy)
        try await withHarness(configuration: configuration, random: SeededRandomSource(seed: 7), handler: { _ in .status(500) }) {
            harness in
            _ = await httpError { try await harness.client.send(harness.get(), context: RequestContext()) }
            let reference = SeededRandomSource(seed: 7)
            let expected = (0..<6).map { policy.backoff(forRetry: $0, unit: reference.nextUnit()) }
            #expect(harness.clock.recordedSleeps == expected)
            let ceilings: [Duration] = [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(4), .seconds(4)]
            for (delay, ceiling) in zip(harness.clock.recordedSleeps, ceilings) {
                #expect(delay >= .zero && delay <= ceiling)
            }
        }
    }

    @Test("a read timeout is retried and then reported as a timeout")
    func readTimeout() async throws {
        let configuration = testConfiguration(retry: RetryPolicy(maxAttempts: 2), readTimeout: .milliseconds(150))
        try await withHarness(configuration: configuration, handler: { _ in .delayed(.seconds(2), then: .status(200)) }) { harness in
            let error = await httpError { try await harness.client.send(harness.get("/slow"), context: RequestContext()) }
            #expect(error?.code == .timeout)
            #expect(error?.attempts == 2)
        }
    }
}

@Suite("Rate limits without Retry-After: Google's truncated exponential backoff")
struct RateLimitBackoffTests {
    @Test("waits of 1, 2, 4 … s plus up to 1 s of jitter, capped at 64 s, outlast the standard six attempts")
    func truncatedExponential() async throws {
        try await withHarness(random: SeededRandomSource(seed: 3)) { harness in
            for _ in 0..<9 { harness.server.enqueue(.json(429, #"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}}"#)) }
            let context = RequestContext()
            let response = try await harness.client.send(harness.get(), context: context)
            #expect(response.status == 200)
            #expect(harness.server.requestCount == 10, "more attempts than the standard policy's six")
            let sleeps = harness.clock.recordedSleeps.map(\.seconds)
            let floors: [Double] = [1, 2, 4, 8, 16, 32, 64, 64, 64]
            #expect(sleeps.count == floors.count)
            for (sleep, floor) in zip(sleeps, floors) {
                #expect(sleep >= floor && sleep <= min(floor + 1, 64), "\(sleeps)")
            }
            let reference = SeededRandomSource(seed: 3)
            #expect(
                harness.clock.recordedSleeps
                    == (0..<9).map { RateLimitBackoff.truncatedExponential.delay(forRetry: $0, unit: reference.nextUnit()) })
        }
    }

    @Test("a call that stays rate-limited gives up once the waits would pass five minutes, and says so")
    func boundedTotal() async throws {
        try await withHarness(handler: { _ in .status(429) }) { harness in
            let error = await httpError { try await harness.client.send(harness.get(), context: RequestContext()) }
            #expect(error?.code == .rateLimited)
            #expect(error?.message?.contains("still rate-limited after waiting") == true, "\(error?.description ?? "")")
            let waited = harness.clock.recordedSleeps.map(\.seconds).reduce(0, +)
            #expect(waited <= 300 && waited > 240, "\(waited)")
        }
    }

    @Test("a Retry-After on a rate limit is honoured and counts against the same five minutes")
    func retryAfterCounts() async throws {
        try await withHarness { harness in
            harness.server.enqueue(
                .response(status: 429, headers: [("Retry-After", "200")]), .response(status: 429, headers: [("Retry-After", "200")]))
            let error = await httpError { try await harness.client.send(harness.get(), context: RequestContext()) }
            #expect(error?.code == .rateLimited)
            #expect(harness.clock.recordedSleeps == [.seconds(200)])
        }
    }
}
