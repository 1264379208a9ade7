/// Where a cataloged file stands, as `files.state` records it.
public enum FileState: String, Sendable, Hashable, CaseIterable {
    /// Seen by the last listing that could see it.
    case present
    /// Seen once, and found gone since (a change feed said so, or a complete full listing did not see it).
    case removed
}
