/// Runs `operation`, throwing ``DeadlineExceeded`` (and cancelling it) when it takes longer than `deadline`: a store
/// that stops answering must not hang a health probe or a command.
public func withDeadline<T: Sendable>(_ deadline: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: deadline)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw DeadlineExceeded(deadline: deadline) }
        return value
    }
}

/// An operation did not answer within its deadline.
public struct DeadlineExceeded: Error, CustomStringConvertible {
    /// How long it had.
    public var deadline: Duration

    /// `no answer within 2.0 seconds`.
    public var description: String { "no answer within \(deadline)" }
}
