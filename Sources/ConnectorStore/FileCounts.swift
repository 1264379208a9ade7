/// How many files an endpoint has, by state.
public struct FileCounts: Sendable, Hashable {
    /// Files present at the source.
    public var present: Int
    /// Files seen before and gone since.
    public var removed: Int

    /// Creates counts.
    public init(present: Int = 0, removed: Int = 0) {
        self.present = present
        self.removed = removed
    }
}
