import Synchronization

/// The prepared pages waiting for the store: the middle stage puts one at a time and waits while `capacity` wait;
/// the writer takes every page waiting at once, so pages that piled up while it wrote go in one transaction.
/// One task puts and one takes.
final class PreparedPageQueue: Sendable {
    private struct State {
        var pages: [PreparedPage] = []
        var end: Result<Void, any Error>?
        var taker: CheckedContinuation<Void, Never>?
        var putter: CheckedContinuation<Void, Never>?
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds `page`, then waits while `capacity` pages wait (the one just added among them): with a capacity of one, a
    /// page is handed over as through a rendezvous, and the stage before does not prepare the next one meanwhile.
    func put(_ page: PreparedPage) async {
        let (taker, full) = state.withLock { state -> (CheckedContinuation<Void, Never>?, Bool) in
            guard state.end == nil else { return (nil, false) }
            state.pages.append(page)
            defer { state.taker = nil }
            return (state.taker, state.pages.count >= capacity)
        }
        taker?.resume()
        guard full else { return }
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                guard state.pages.count >= capacity, state.end == nil else { return true }
                state.putter = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Ends the queue: the writer takes what is left, then `nil`.
    func finish() {
        end(.success(()))
    }

    /// Ends the queue with `error`: the writer takes what is left, then the error. A page put after the end is dropped.
    func finish(throwing error: any Error) {
        end(.failure(error))
    }

    private func end(_ end: Result<Void, any Error>) {
        let (taker, putter) = state.withLock { state in
            if state.end == nil { state.end = end }
            defer { (state.taker, state.putter) = (nil, nil) }
            return (state.taker, state.putter)
        }
        taker?.resume()
        putter?.resume()
    }

    /// Every page waiting (at least one), waiting for one if none does; `nil` once the queue ended and is empty.
    func takeAll() async throws -> [PreparedPage]? {
        while true {
            let (pages, end, putter) = state.withLock { state in
                let pages = state.pages
                state.pages = []
                defer { if !pages.isEmpty { state.putter = nil } }
                return (pages, state.end, pages.isEmpty ? nil : state.putter)
            }
            putter?.resume()
            if !pages.isEmpty { return pages }
            if let end {
                try end.get()
                return nil
            }
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    guard state.pages.isEmpty, state.end == nil else { return true }
                    state.taker = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }
}
