import ConnectorHTTP
import ConnectorModel
import ConnectorStore
import Foundation
import NIOCore

/// Where and how a sink delivers: its receiver, its signing secret, the events it wants, and its batching and retry
/// policy.
public struct SinkTarget: Sendable {
    /// The sink's name (its deliveries' record, and its messages' ids).
    public var name: String
    /// The receiver's URL.
    public var url: String
    /// The signing secret.
    public var secret: WebhookSecret
    /// Only events of these types (nil: all).
    public var types: Set<ChangeEventType>?
    /// Only events of the endpoints whose labels this selects (nil: all).
    public var selector: LabelSelector?
    /// The most events in one request.
    public var batchSize: Int
    /// How failed attempts are tried again.
    public var retry: SinkRetryPolicy
    /// How long a request may take.
    public var timeout: Duration

    /// ``timeout`` in whole nanoseconds, its fraction of a second kept (as the request's deadline takes it).
    public var timeoutNanoseconds: Int64 { TimeAmount(timeout).nanoseconds }

    /// Creates a target.
    public init(
        name: String, url: String, secret: WebhookSecret, types: Set<ChangeEventType>? = nil, selector: LabelSelector? = nil,
        batchSize: Int = 100, retry: SinkRetryPolicy = SinkRetryPolicy(), timeout: Duration = .seconds(10)
    ) {
        self.name = name
        self.url = url
        self.secret = secret
        self.types = types
        self.selector = selector
        self.batchSize = batchSize
        self.retry = retry
        self.timeout = timeout
    }
}

/// How a sink tries again: exponential backoff with jitter between `initialBackoff` and `maxBackoff`, never sooner
/// than the receiver's `Retry-After`, and a dead letter after `maxAttempts` failures in a row.
public struct SinkRetryPolicy: Sendable, Hashable {
    /// Failures in a row after which delivery gives up (the sink is dead-lettered).
    public var maxAttempts: Int
    /// The wait after the first failure (doubled after each one, half of it random).
    public var initialBackoff: Duration
    /// The longest wait between attempts (a `Retry-After` asking for more is honoured up to ``longestRetryAfter``).
    public var maxBackoff: Duration
    /// The longest `Retry-After` honoured.
    public var longestRetryAfter: Duration

    /// Creates a policy.
    public init(
        maxAttempts: Int = 10, initialBackoff: Duration = .seconds(1), maxBackoff: Duration = .seconds(300),
        longestRetryAfter: Duration = .seconds(3600)
    ) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.longestRetryAfter = longestRetryAfter
    }

    /// The wait after the `failures`-th failure in a row: the exponential step, its upper half chosen by `random`
    /// (0 to 1), and at least `retryAfter` when the receiver asked for it.
    public func delay(afterFailures failures: Int, retryAfter: Duration?, random: Double) -> Duration {
        // The exponential step and its cap as the HTTP layer's retries compute them.
        let ceiling = RetryPolicy(baseDelay: initialBackoff, maxDelay: maxBackoff).ceiling(forRetry: failures - 1).timeInterval
        let jittered = ceiling / 2 + ceiling / 2 * min(1, max(0, random))
        let asked = retryAfter.map { min($0, longestRetryAfter) } ?? .zero
        return max(.milliseconds(Int64(jittered * 1000)), asked)
    }
}
