import Logging

/// Everything one call of ``ProviderHTTPClient/send(_:context:)`` needs from its caller besides the request: how to
/// classify responses, how to authenticate, how to pace, where to count, and which logger to use.
///
/// A provider builds one context per endpoint sync and reuses it for every request of that run; the reference-type
/// members (cache, bucket, pacer, statistics) are shared by all those requests.
public struct RequestContext: Sendable {
    /// Decides success, failure or retry for each response.
    public var classifier: any RetryClassifier
    /// Adds `Authorization: Bearer <token>` to each attempt and refreshes the token once on 401; `nil` sends no token.
    public var tokenCache: OAuthTokenCache?
    /// The endpoint's own rate limit (`sync.rateLimit`), consulted before every attempt; `nil` for none.
    public var tokenBucket: TokenBucket?
    /// The app-wide per-family budget, consulted with the request's ``HTTPRequestSpec/family``; `nil` for none.
    public var familyPacer: FamilyPacer?
    /// A pause shared with every request of the same app and tenant, extended by any rate-limited answer's
    /// `Retry-After`; `nil` pauses only the call that was told.
    public var throttlePause: ThrottlePause?
    /// Counters the sync engine reads after the run.
    public var statistics: RequestStatistics
    /// A logger carrying the caller's metadata (endpoint, correlation id); `nil` uses the client's logger.
    public var logger: Logger?

    /// Creates a context.
    /// - Parameters:
    ///   - classifier: The provider's classifier; ``StandardRetryClassifier`` by default.
    ///   - tokenCache: The token cache, if requests are authenticated.
    ///   - tokenBucket: The endpoint's rate limit, if any.
    ///   - familyPacer: The app-wide family budgets, if any.
    ///   - throttlePause: The pause shared by the app's requests in one tenant, if any.
    ///   - statistics: Counters to update; a fresh set by default.
    ///   - logger: A logger with the caller's metadata, or `nil`.
    public init(
        classifier: any RetryClassifier = StandardRetryClassifier(),
        tokenCache: OAuthTokenCache? = nil,
        tokenBucket: TokenBucket? = nil,
        familyPacer: FamilyPacer? = nil,
        throttlePause: ThrottlePause? = nil,
        statistics: RequestStatistics = RequestStatistics(),
        logger: Logger? = nil
    ) {
        self.classifier = classifier
        self.tokenCache = tokenCache
        self.tokenBucket = tokenBucket
        self.familyPacer = familyPacer
        self.throttlePause = throttlePause
        self.statistics = statistics
        self.logger = logger
    }
}
