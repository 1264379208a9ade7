/// How many `files.list` requests the Drive walk keeps in flight: it grows by one each time the caller had to wait for
/// an answer, and shrinks by one when answers pile up faster than the caller takes them (more than one waiting, and no
/// fewer than at the previous call), between one and the endpoint's `sync.maxConcurrentRequests`. Answers that arrive
/// together (requests started together, over a slow link) are taken one by one with fewer waiting each time, which is
/// no reason to shrink: shrinking for each of them kept the window near two over a 100 ms link.
struct RequestWindow: Sendable, Equatable {
    /// Requests that may be in flight now.
    private(set) var size: Int
    private let limit: Int
    private var waitingAtLastCall = 0

    /// A window of two (or `limit`, when lower) that may grow to `limit`.
    init(limit: Int) {
        self.limit = max(1, limit)
        size = min(2, self.limit)
    }

    /// Adjusts the window as the caller asks for the next answer with `waiting` answers already delivered.
    mutating func adjust(answersWaiting waiting: Int) {
        if waiting == 0 {
            size = min(limit, size + 1)
        } else if waiting > 1, waiting >= waitingAtLastCall {
            size = max(1, size - 1)
        }
        waitingAtLastCall = waiting
    }
}
