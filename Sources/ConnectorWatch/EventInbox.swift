import NIOConcurrencyHelpers

/// Where a backend's thread drops raw events and the consuming task picks up bursts.
///
/// `record` (any thread) adds to the pending ``Burst`` and yields a wake-up; the iterator of
/// ``ManifestChanges`` waits for a wake-up, sleeps until the burst is due and takes it.
final class EventInbox: Sendable {
    /// One element per `record` call, newest kept: a signal to look at the pending burst.
    let wakeups: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let pending = NIOLockedValueBox<Burst?>(nil)

    init() {
        (wakeups, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Adds `events` to the pending burst and wakes the consumer.
    func record(_ events: [WatchEvent]) {
        guard !events.isEmpty else { return }
        let now = ContinuousClock.now
        pending.withLockedValue { burst in
            var current = burst ?? Burst(at: now)
            current.add(events, at: now)
            burst = current
        }
        continuation.yield()
    }

    /// When the pending burst is due, or nil when nothing is pending.
    func due(debounce: Duration, maxDelay: Duration) -> ContinuousClock.Instant? {
        pending.withLockedValue { $0?.due(debounce: debounce, maxDelay: maxDelay) }
    }

    /// Removes and returns the pending burst.
    func take() -> Burst? {
        pending.withLockedValue { burst in
            defer { burst = nil }
            return burst
        }
    }

    /// Ends the wake-ups: the consumer's next wait returns nil.
    func close() { continuation.finish() }
}
