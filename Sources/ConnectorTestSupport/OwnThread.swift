import Foundation

/// Runs `body` on a thread of its own and waits for it without holding a thread of Swift's cooperative pool, for a
/// test's blocking work (writing tens of thousands of files, waiting for a child process).
///
/// The pool has one thread per core and is shared by every test running in parallel: a test that blocks one
/// stalls the tasks of all the others (two blocked threads on a two-core machine stall the whole process).
public func onOwnThread<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Swift.Result(catching: body)) }
    }
}
