/// A source of files: lists an endpoint's files as pages, fully or from a cursor.
///
/// A listing is an `AsyncThrowingStream` built with `init(unfolding:)`, so pages are produced only as
/// the engine asks for them: however many files an endpoint has, one page is in memory at a time.
/// Adding a provider means one new target with a type conforming to this protocol and one
/// registration line in the composition root (see `docs/providers.md`).
public protocol FileProvider: Sendable {
    /// What the provider supports beyond full listings.
    var capabilities: ProviderCapabilities { get }

    /// The change-feed token to take just before a full listing, so changes made during the
    /// listing are not lost; nil for providers without a change feed.
    func changeFeedStartToken() async throws -> String?

    /// The pages of `request`. A stale change token fails with ``ProviderError/Code/cursorExpired``.
    func list(_ request: ListingRequest) -> AsyncThrowingStream<ProviderPage, any Error>

    /// Requests made and retried so far by this provider instance.
    var statistics: ProviderStatistics { get }
}

/// Request counters a provider reports for the sync run record.
public struct ProviderStatistics: Sendable, Hashable {
    /// Requests sent, retries included.
    public var requests: Int
    /// Requests that were retries.
    public var retries: Int

    /// Creates counters.
    public init(requests: Int = 0, retries: Int = 0) {
        self.requests = requests
        self.retries = retries
    }
}
