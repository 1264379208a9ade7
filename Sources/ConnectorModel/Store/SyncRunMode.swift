/// How a sync run listed, as `sync_runs.mode` records it.
public enum SyncRunMode: String, Sendable, Hashable, CaseIterable {
    /// Everything, then a sweep of what was not seen.
    case full
    /// The provider's changes since the stored cursor.
    case incremental
}
