/// The raw events gathered since the last fingerprint check, and when that check is due.
///
/// A burst is due once no event arrived for `debounce`, or `maxDelay` after its first event,
/// whichever comes first, so a continuous stream of writes is still applied about once per `maxDelay`.
struct Burst: Sendable, Equatable {
    /// Most paths kept for the change report; the count is kept in full.
    static let pathLimit = 16

    /// When the first event arrived.
    private(set) var first: ContinuousClock.Instant
    /// When the latest event arrived.
    private(set) var last: ContinuousClock.Instant
    /// How many raw events arrived.
    private(set) var count = 0
    /// The first distinct paths named by the events.
    private(set) var paths: [String] = []
    /// Whether events were lost (inotify queue overflow) or the backend changed.
    private(set) var eventsLost = false
    /// Why the backend stopped, if it did (the session falls back to polling).
    private(set) var backendFailure: String?

    /// A burst starting at `instant`, still empty.
    init(at instant: ContinuousClock.Instant) {
        first = instant
        last = instant
    }

    /// Adds events that arrived at `instant`.
    mutating func add(_ events: [WatchEvent], at instant: ContinuousClock.Instant) {
        last = max(last, instant)
        count += events.count
        for event in events {
            switch event.kind {
            case .changed: break
            case .overflow: eventsLost = true
            case .backendFailed(let reason):
                eventsLost = true
                backendFailure = backendFailure ?? reason
            }
            if let path = event.path, paths.count < Self.pathLimit, !paths.contains(path) { paths.append(path) }
        }
    }

    /// When the fingerprint should be checked: `debounce` after the latest event, but no later
    /// than `maxDelay` after the first.
    func due(debounce: Duration, maxDelay: Duration) -> ContinuousClock.Instant {
        min(last + debounce, first + max(maxDelay, debounce))
    }
}
