import ConnectorModel
import Foundation

/// One sync run, as `sync_runs` records it.
public struct SyncRunRecord: Sendable, Hashable {
    /// The run's id in the store.
    public var id: Int64
    /// The endpoint synced.
    public var endpoint: String
    /// What started it.
    public var trigger: SyncTrigger
    /// How it listed.
    public var mode: SyncRunMode
    /// When it started.
    public var startedAt: Date
    /// When it ended, once it has.
    public var finishedAt: Date?
    /// Where it stands.
    public var status: SyncRunStatus
    /// Files created, updated, unchanged and removed.
    public var created: Int, updated: Int, unchanged: Int, removed: Int
    /// Provider requests made, and how many were retries.
    public var requests: Int, retries: Int
    /// Why it failed, in words safe to show.
    public var error: String?
    /// The id carried by every log line of the run.
    public var correlationID: String

    /// The error of a run whose process stopped before recording its end (killed, or cut off from the store): the
    /// store marks such a run `failed` when the endpoint's next run starts, with that start as its end.
    public static let interruptedError =
        "interrupted: the process running this sync stopped before recording its end (killed, "
        + "or cut off from the store); its committed pages are kept, and the next sync resumed after them"

    /// Creates a record.
    public init(
        id: Int64, endpoint: String, trigger: SyncTrigger, mode: SyncRunMode, startedAt: Date, finishedAt: Date? = nil,
        status: SyncRunStatus, created: Int = 0, updated: Int = 0, unchanged: Int = 0, removed: Int = 0,
        requests: Int = 0, retries: Int = 0, error: String? = nil, correlationID: String
    ) {
        self.id = id
        self.endpoint = endpoint
        self.trigger = trigger
        self.mode = mode
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.removed = removed
        self.requests = requests
        self.retries = retries
        self.error = error
        self.correlationID = correlationID
    }
}
