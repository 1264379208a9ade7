import Synchronization

/// A count written by a backend's thread and read by anyone.
final class ObservedCount: Sendable {
    private let value = Atomic<Int>(0)

    /// The latest count.
    var current: Int { value.load(ordering: .relaxed) }

    /// Replaces the count.
    func set(_ count: Int) { value.store(count, ordering: .relaxed) }
}
