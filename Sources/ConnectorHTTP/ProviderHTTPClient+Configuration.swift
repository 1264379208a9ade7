import NIOSSL

extension ProviderHTTPClient {
    /// Timeouts, retry and breaker policies, and limits for a ``ProviderHTTPClient``.
    public struct Configuration: Sendable {
        /// How long establishing a connection (TCP and TLS) may take.
        public var connectTimeout: Duration
        /// How long the connection may stay silent while a response is awaited or streamed.
        public var readTimeout: Duration
        /// How long one attempt may take from start to the last body byte.
        public var requestTimeout: Duration
        /// Retries and backoff.
        public var retry: RetryPolicy
        /// The per-host circuit breaker.
        public var circuitBreaker: CircuitBreakerPolicy
        /// The largest response body read into memory; a larger one fails with ``HTTPError/Code/bodyTooLarge``.
        public var maxBodyBytes: Int
        /// The `User-Agent` header sent unless the request sets one.
        public var userAgent: String
        /// Idle connections kept per host for reuse.
        public var maxConnectionsPerHost: Int
        /// How long an idle pooled connection is kept.
        public var idleConnectionTimeout: Duration
        /// PEM files of certificate authorities trusted besides the system's (a proxy's or a private gateway's).
        /// Certificates are always verified; this only adds roots.
        public var additionalTrustRoots: [String] = []

        /// Creates a configuration.
        /// - Parameters:
        ///   - connectTimeout: Connection establishment limit; 10 s by default.
        ///   - readTimeout: Silence limit while reading; 30 s by default.
        ///   - requestTimeout: Whole-attempt limit; 60 s by default.
        ///   - retry: Retries and backoff.
        ///   - circuitBreaker: The per-host circuit breaker.
        ///   - maxBodyBytes: The largest response body read; 32 MiB by default.
        ///   - userAgent: The default `User-Agent`.
        ///   - maxConnectionsPerHost: Pooled connections per host; 8 by default.
        ///   - idleConnectionTimeout: How long an idle connection is kept; 60 s by default.
        public init(
            connectTimeout: Duration = .seconds(10),
            readTimeout: Duration = .seconds(30),
            requestTimeout: Duration = .seconds(60),
            retry: RetryPolicy = .standard,
            circuitBreaker: CircuitBreakerPolicy = .standard,
            maxBodyBytes: Int = 32 * 1024 * 1024,
            userAgent: String = "file-connector",
            maxConnectionsPerHost: Int = 8,
            idleConnectionTimeout: Duration = .seconds(60)
        ) {
            self.connectTimeout = connectTimeout
            self.readTimeout = readTimeout
            self.requestTimeout = requestTimeout
            self.retry = retry
            self.circuitBreaker = circuitBreaker
            self.maxBodyBytes = maxBodyBytes
            self.userAgent = userAgent
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.idleConnectionTimeout = idleConnectionTimeout
        }
    }
}

extension ProviderHTTPClient.Configuration {
    /// Why ``additionalTrustRoots`` cannot be used (a file missing or holding no PEM certificate), or nil when every
    /// file loads; checked before any request, so a wrong path is reported as such and not as a TLS failure.
    public var trustRootProblem: String? {
        for path in additionalTrustRoots {
            do {
                if try NIOSSLCertificate.fromPEMFile(path).isEmpty { return "\(path) holds no PEM certificate" }
            } catch {
                return "\(path) is not a readable file of PEM certificates"
            }
        }
        return nil
    }
}
