/// One sink row a reconcile writes, and what becomes of the sink's delivery record.
public struct SinkWrite: Sendable, Hashable {
    /// What a write does to where the sink's delivery stands.
    public enum Delivery: Sendable, Hashable {
        /// Nothing (labels changed, or the sink was retired: its cursor waits).
        case kept
        /// Its failures and dead letter are cleared, so delivery resumes from its cursor (a new generation of the
        /// spec: the receiver, its secret or the policy may have been mended).
        case resumed
        /// Delivery starts afresh after the newest event before this reconcile's own (a new or revived sink): the
        /// events of the reconcile that creates a sink (its endpoints created with it) reach it.
        case restarted
    }

    /// The record to insert or replace.
    public var record: StoredSink
    /// What becomes of the delivery record.
    public var delivery: Delivery

    /// Creates a write.
    public init(record: StoredSink, delivery: Delivery) {
        self.record = record
        self.delivery = delivery
    }
}
