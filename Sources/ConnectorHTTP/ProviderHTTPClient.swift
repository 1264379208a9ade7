import AsyncHTTPClient
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// The HTTP client every cloud provider uses: one pooled AsyncHTTPClient with timeouts, retries with exponential
/// backoff and full jitter, `Retry-After`, per-endpoint and per-family pacing, a circuit breaker per host, OAuth
/// bearer tokens, bounded response bodies and redacted logs and errors.
///
/// Create one per process (or per provider) and share it: connections are reused across all endpoints. Call
/// ``shutdown()`` before releasing it (debug builds of AsyncHTTPClient trap on a client released while running), or
/// use ``withClient(configuration:clock:random:logger:_:)``. The clock and the random source are injected so tests
/// can drive backoff, pacing and breaker timing without waiting.
///
/// Redirects are not followed (a 3xx is returned to the caller), so a bearer token never travels to another host;
/// responses are not decompressed. Every request is retried on transport failures, including non-idempotent ones:
/// the providers only read, and their token requests are safe to repeat.
public final class ProviderHTTPClient: Sendable {
    /// The configuration in force.
    public let configuration: Configuration
    let httpClient: HTTPClient
    let clock: ElapsedClock
    let random: any RandomSource
    let logger: Logger
    let wallClock: @Sendable () -> Date
    let observer: (@Sendable (RequestObservation) -> Void)?
    private let breakers = NIOLockedValueBox<[String: CircuitBreaker]>([:])

    /// Creates a client and the AsyncHTTPClient it owns.
    /// - Parameters:
    ///   - configuration: Timeouts, policies and limits.
    ///   - clock: The clock for backoff sleeps and breaker timing; `ContinuousClock()` in production.
    ///   - random: The jitter source; `SystemRandomSource()` in production.
    ///   - wallClock: The wall-clock time, used for `Retry-After` dates when the response has no `Date` header.
    ///   - logger: Receives one debug line per attempt, response and retry; never headers, bodies or secrets.
    ///   - observer: Told about every attempt (status, duration, retry), for metrics.
    public init(
        configuration: Configuration = Configuration(),
        clock: any Clock<Duration> = ContinuousClock(),
        random: any RandomSource = SystemRandomSource(),
        wallClock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger,
        observer: (@Sendable (RequestObservation) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.observer = observer
        self.clock = ElapsedClock(clock)
        self.random = random
        self.wallClock = wallClock
        self.logger = logger
        var ahc = HTTPClient.Configuration()
        ahc.timeout = .init(connect: TimeAmount(configuration.connectTimeout), read: TimeAmount(configuration.readTimeout))
        if !configuration.additionalTrustRoots.isEmpty {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.additionalTrustRoots = configuration.additionalTrustRoots.map { .file($0) }
            ahc.tlsConfiguration = tls
        }
        // Redirects are returned to the caller: following them could carry the bearer token to another host.
        ahc.redirectConfiguration = .disallow
        ahc.decompression = .disabled
        ahc.connectionPool = .init(
            idleTimeout: TimeAmount(configuration.idleConnectionTimeout),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, configuration.maxConnectionsPerHost)
        )
        // AsyncHTTPClient traces response parts (bodies included) at trace level, so it never gets a logger that
        // could print a token response; our own lines cover each attempt.
        self.httpClient = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: ahc,
            backgroundActivityLogger: Logger(label: "connector-http.ahc", factory: { _ in SwiftLogNoOpLogHandler() })
        )
    }

    /// Closes every pooled connection. The client cannot send afterwards.
    /// - Throws: The AsyncHTTPClient shutdown error, if any.
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    /// The circuit breaker guarding `host` (`host:port`, lowercased; the default port is filled in).
    /// - Parameter key: A key such as `www.googleapis.com:443`.
    public func circuitBreaker(forKey key: String) -> CircuitBreaker {
        breakers.withLockedValue { breakers in
            if let breaker = breakers[key] { return breaker }
            let breaker = CircuitBreaker(host: key, policy: configuration.circuitBreaker, elapsedClock: clock)
            breakers[key] = breaker
            return breaker
        }
    }

    /// The circuit breaker that guards requests to `url`'s host.
    /// - Parameter url: An absolute URL.
    /// - Throws: ``HTTPError`` with code ``HTTPError/Code/invalidRequest`` for a URL that is not absolute http(s).
    public func circuitBreaker(for url: String) throws -> CircuitBreaker {
        circuitBreaker(forKey: try RequestTarget(HTTPRequestSpec(url: url)).breakerKey)
    }

    /// Sends `request`, retrying as the context's classifier and the retry policy allow, and returns the final
    /// response that the classifier accepted.
    ///
    /// Before every attempt the endpoint's token bucket and the family pacer are waited on, the host's circuit
    /// breaker is consulted, and a bearer token is taken from the token cache. A 401 refreshes the token and resends
    /// once. Retryable responses and transport failures wait for `Retry-After` (up to
    /// ``RetryPolicy/maxRetryAfter``) or a full-jitter backoff. Cancelling the task ends the call promptly, also
    /// while it waits.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: Classifier, authentication, pacing, statistics and logger for this call.
    /// - Returns: The accepted response, with its body read (bounded by ``Configuration/maxBodyBytes``).
    /// - Throws: ``HTTPError``; its `description` is safe to log and show.
    public func send(_ request: HTTPRequestSpec, context: RequestContext) async throws -> HTTPResponseData {
        let target = try RequestTarget(request)
        var call = RetryingCall(request: request, target: target, context: context, client: self)
        return try await call.run()
    }
}
