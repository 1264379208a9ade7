/// One row a reconcile writes: the endpoint's new record, and whether its sync cursor is dropped
/// so that the next sync is a full listing.
public struct EndpointWrite: Sendable, Hashable {
    /// The record to insert or replace.
    public var record: StoredEndpoint
    /// Drop the stored cursor (scope changed, or the endpoint was revived).
    public var resetsCursor: Bool

    /// Creates a write.
    public init(record: StoredEndpoint, resetsCursor: Bool) {
        self.record = record
        self.resetsCursor = resetsCursor
    }
}
