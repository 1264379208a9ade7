/// A Sink manifest's `spec` as written (`schemas/sink.v1.schema.json`): where change events are delivered, which ones,
/// and how. ``SinkConfiguration`` is its typed form.
public struct SinkSpec: Sendable, Hashable, Codable {
    /// The receiver.
    public var webhook: Webhook
    /// Which events (all when absent).
    public var events: Events?
    /// How many events one request carries.
    public var batch: Batch?
    /// How failed deliveries are tried again.
    public var retry: Retry?
    /// `true` keeps the sink and its cursor but delivers nothing.
    public var suspend: Bool?

    /// Creates a spec.
    public init(webhook: Webhook, events: Events? = nil, batch: Batch? = nil, retry: Retry? = nil, suspend: Bool? = nil) {
        self.webhook = webhook
        self.events = events
        self.batch = batch
        self.retry = retry
        self.suspend = suspend
    }

    /// `spec.webhook`: the receiver's URL, the reference to the signing secret, the time a request may take.
    public struct Webhook: Sendable, Hashable, Codable {
        /// An `https` URL (or `http` to a loopback host).
        public var url: String
        /// Where the `whsec_` signing secret is: an environment variable or a file. References only.
        public var signingSecret: CredentialReference
        /// A Go duration; 10s when absent.
        public var timeout: String?

        /// Creates a block.
        public init(url: String, signingSecret: CredentialReference, timeout: String? = nil) {
            self.url = url
            self.signingSecret = signingSecret
            self.timeout = timeout
        }
    }

    /// `spec.events`: the event types and the endpoints (by label selector) delivered.
    public struct Events: Sendable, Hashable, Codable {
        /// Event types (`file.created`, ...); all when absent.
        public var types: [String]?
        /// A Kubernetes label selector over the endpoints' labels; all endpoints when absent.
        public var endpointSelector: String?

        /// Creates a block.
        public init(types: [String]? = nil, endpointSelector: String? = nil) {
            self.types = types
            self.endpointSelector = endpointSelector
        }
    }

    /// `spec.batch`.
    public struct Batch: Sendable, Hashable, Codable {
        /// The most events in one request (1 to 1000; 100 when absent).
        public var maxEvents: Int?

        /// Creates a block.
        public init(maxEvents: Int? = nil) { self.maxEvents = maxEvents }
    }

    /// `spec.retry`.
    public struct Retry: Sendable, Hashable, Codable {
        /// Failures in a row before the sink is dead-lettered (10 when absent).
        public var maxAttempts: Int?
        /// The wait after the first failure, a Go duration (1s when absent).
        public var initialBackoff: String?
        /// The longest wait between attempts, a Go duration (5m when absent).
        public var maxBackoff: String?

        /// Creates a block.
        public init(maxAttempts: Int? = nil, initialBackoff: String? = nil, maxBackoff: String? = nil) {
            self.maxAttempts = maxAttempts
            self.initialBackoff = initialBackoff
            self.maxBackoff = maxBackoff
        }
    }
}
