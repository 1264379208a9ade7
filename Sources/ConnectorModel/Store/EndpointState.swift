/// Where an endpoint is in its life, as the store records it.
public enum EndpointState: String, Sendable, Hashable, Codable, CaseIterable {
    /// In the manifests and syncing on its schedule.
    case active
    /// In the manifests with `suspend: true`: kept, no syncs.
    case suspended
    /// No longer in any manifest: no syncs; its files and history are kept.
    case retired
}
