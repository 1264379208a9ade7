import ConnectorHTTP
import ConnectorHTTPTestSupport
import Foundation
import Logging

/// A started fault-injecting server, a client pointed at it, a manual clock and a log capture.
struct Harness {
    let server: FaultInjectingHTTPServer
    let client: ProviderHTTPClient
    let clock: ManualClock
    let logs: LogCapture

    /// An absolute URL on the server.
    func url(_ path: String = "/") -> String {
        server.baseURL + path
    }

    /// A GET request to `path`.
    func get(_ path: String = "/", family: String = "default") -> HTTPRequestSpec {
        HTTPRequestSpec(method: .GET, url: url(path), family: family)
    }
}

/// No breaker unless a test asks. Timeouts are generous: the whole suite runs in parallel on two cores, and CPU-bound
/// tests elsewhere can keep the in-process server (its handlers run on Swift's cooperative pool, two threads here)
/// waiting for seconds, once for more than 30 on a clean-clone CI run, which turned a scripted reset into a read
/// timeout; a test about timeouts sets its own.
func testConfiguration(
    retry: RetryPolicy = RetryPolicy(),
    circuitBreaker: CircuitBreakerPolicy = .disabled,
    maxBodyBytes: Int = 1024 * 1024,
    readTimeout: Duration = .seconds(120)
) -> ProviderHTTPClient.Configuration {
    ProviderHTTPClient.Configuration(
        connectTimeout: .seconds(30), readTimeout: readTimeout, requestTimeout: .seconds(180), retry: retry,
        circuitBreaker: circuitBreaker, maxBodyBytes: maxBodyBytes
    )
}

/// Runs `body` with a started server and a client; always shuts both down.
func withHarness<T>(
    configuration: ProviderHTTPClient.Configuration = testConfiguration(),
    clock: ManualClock = ManualClock(autoAdvance: true),
    random: any RandomSource = SeededRandomSource(seed: 42),
    wallClock: @escaping @Sendable () -> Date = { Date() },
    handler: @escaping FaultInjectingHTTPServer.Handler = { _ in .json(#"{"ok":true}"#) },
    _ body: (Harness) async throws -> T
) async throws -> T {
    let server = FaultInjectingHTTPServer(handler: handler)
    try await server.start()
    let logs = LogCapture()
    let client = ProviderHTTPClient(
        configuration: configuration, clock: clock, random: random, wallClock: wallClock, logger: logs.logger()
    )
    let harness = Harness(server: server, client: client, clock: clock, logs: logs)
    do {
        let result = try await body(harness)
        try await client.shutdown()
        await server.stop()
        return result
    } catch {
        try? await client.shutdown()
        await server.stop()
        throw error
    }
}

/// The ``HTTPError`` thrown by `body`, or `nil` when it did not throw one.
func httpError(_ body: () async throws -> some Any) async -> HTTPError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error as? HTTPError
    }
}
