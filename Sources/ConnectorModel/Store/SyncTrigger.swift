/// What started a sync (recorded with the run).
public enum SyncTrigger: String, Sendable, Hashable, CaseIterable {
    case schedule, manual, reconcile, api
}
