/// `sync.mode`: how an endpoint's scheduled syncs list.
public enum SyncMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Follow the provider's change feed between full listings (the default).
    case incremental
    /// List everything every time.
    case full
}
