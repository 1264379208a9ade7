/// Polls `condition` until it holds, for tests that wait on another task or process (a daemon's reload, a sync
/// run, a server coming up). A condition that throws counts as "not yet"; at the timeout the wait fails naming
/// `what` and the last error.
/// - Throws: ``EventuallyTimeout``.
public func eventually(
    _ what: String, timeout: Duration = .seconds(30), every interval: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    var lastError: (any Error)?
    while ContinuousClock.now < deadline {
        do {
            if try await condition() { return }
        } catch {
            lastError = error
        }
        try await Task.sleep(for: interval)
    }
    throw EventuallyTimeout(what: what, lastError: lastError.map { "\($0)" })
}

/// A condition ``eventually(_:timeout:every:_:)`` waited for did not come.
public struct EventuallyTimeout: Error, CustomStringConvertible {
    /// What was waited for.
    public var what: String
    /// The condition's last error, if it threw.
    public var lastError: String?

    /// `timed out waiting for <what>` and the last error.
    public var description: String { "timed out waiting for \(what)" + (lastError.map { " (last error: \($0))" } ?? "") }
}
