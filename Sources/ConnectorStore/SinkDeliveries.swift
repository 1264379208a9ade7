import Foundation

/// Where a webhook sink's delivery stands: the last event its receiver accepted, and its failures since. Kept in the
/// store, so delivery goes on where it stopped after a restart, and shared by replicas through a lease: one process
/// delivers to a sink at a time.
public struct SinkDelivery: Sendable, Hashable {
    /// The sink's name.
    public var sink: String
    /// The sequence number of the last event the receiver accepted (deliveries go on after it).
    public var cursor: Int64
    /// Failed attempts since the last accepted one.
    public var failures: Int
    /// After a failure, the time before which no attempt is made (backoff, or the receiver's `Retry-After`).
    public var retryAt: Date?
    /// Why the last attempt failed (never a secret).
    public var lastError: String?
    /// When delivery gave up after too many failures; nothing is sent until it is resumed.
    public var deadLetteredAt: Date?
    /// When the receiver last accepted a batch.
    public var lastDeliveryAt: Date?
    /// The process holding the delivery lease (its lease may have expired).
    public var leaseOwner: String?

    /// Creates a state.
    public init(
        sink: String, cursor: Int64, failures: Int = 0, retryAt: Date? = nil, lastError: String? = nil, deadLetteredAt: Date? = nil,
        lastDeliveryAt: Date? = nil, leaseOwner: String? = nil
    ) {
        self.sink = sink
        self.cursor = cursor
        self.failures = failures
        self.retryAt = retryAt
        self.lastError = lastError
        self.deadLetteredAt = deadLetteredAt
        self.lastDeliveryAt = lastDeliveryAt
        self.leaseOwner = leaseOwner
    }
}

/// The store's record of webhook sinks' deliveries (``SinkDelivery``), each row taken under a lease.
public protocol SinkDeliveries: Sendable {
    /// Takes (or renews) `sink`'s delivery lease for `owner` until `expiresAt`, unless another owner holds one that has
    /// not expired at `now` (other than `staleOwner`, a process known to be gone), in one transaction; a sink without a
    /// record starts with its cursor at `startingAfter`.
    /// - Returns: The sink's state when `owner` holds the lease now, else nil.
    func claimSinkDelivery(
        _ sink: String, owner: String, startingAfter cursor: Int64, now: Date, expiresAt: Date, staleOwner: String?
    ) async throws
        -> SinkDelivery?

    /// Records that the receiver accepted the events through `through` at `time` (nil: the cursor passes events the
    /// sink does not want, and the last delivery's time is kept): the cursor moves there (never back), the failures
    /// are forgotten. Only while `owner` holds the lease; false otherwise (nothing is written).
    func recordSinkDelivered(_ sink: String, owner: String, through: Int64, at time: Date?) async throws -> Bool

    /// Records a failed attempt: one more failure, its reason, when to try again, and, with `deadLettered`, that
    /// delivery gave up. Only while `owner` holds the lease; false otherwise.
    func recordSinkFailure(
        _ sink: String, owner: String, error: String, retryAt: Date?, deadLettered: Bool, at time: Date
    ) async throws
        -> Bool

    /// Gives up `owner`'s lease on `sink` (at a graceful shutdown), so another replica takes it over at once.
    func releaseSinkLease(_ sink: String, owner: String) async throws

    /// Clears a sink's failures and dead letter, so delivery resumes from its cursor.
    func resumeSinkDelivery(_ sink: String) async throws

    /// Every sink's record, by name.
    func sinkDeliveries() async throws -> [SinkDelivery]
}

extension SinkDeliveries {
    /// Takes (or renews) `sink`'s delivery lease, with no holder known to be gone.
    public func claimSinkDelivery(
        _ sink: String, owner: String, startingAfter cursor: Int64, now: Date, expiresAt: Date
    ) async throws -> SinkDelivery? {
        try await claimSinkDelivery(sink, owner: owner, startingAfter: cursor, now: now, expiresAt: expiresAt, staleOwner: nil)
    }
}
