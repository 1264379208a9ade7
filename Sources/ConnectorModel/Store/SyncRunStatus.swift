/// Where a sync run stands, as `sync_runs.status` records it.
public enum SyncRunStatus: String, Sendable, Hashable, CaseIterable {
    /// Started and not yet ended (or ended by a process that stopped before recording it; see
    /// ``SyncRunRecord/interruptedError``).
    case running
    case succeeded
    case failed
    /// Stopped by SIGTERM or SIGINT after committing its current page.
    case cancelled
}
