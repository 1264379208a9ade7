import ConnectorModel

/// How many `files.list` requests the Drive walk keeps in flight, by Little's law: as many as answers the caller takes
/// in one round trip (the round trip of a request over the time the caller spends on each answer, both smoothed), so
/// the caller never waits for the network while it could be working, and answers do not pile up in memory while it
/// cannot keep up; between one and the endpoint's `sync.maxConcurrentRequests`.
///
/// Over a link 100 ms away with a caller that takes 15 ms an answer, that is seven; on loopback, where an answer
/// takes longer to write than to fetch, one or two. An earlier rule (one more when the caller waited, one fewer when
/// answers piled up) fell to two whenever the store briefly set the pace, and then left the caller waiting a whole
/// round trip once the pile had drained: the last seconds of a walk over a WAN ran two requests at a time.
struct RequestWindow: Sendable, Equatable {
    /// Requests that may be in flight now.
    private(set) var size: Int
    private let limit: Int
    /// Smoothed seconds from a request's start to its answer's delivery.
    private var roundTrip: Double?
    /// Smoothed seconds the caller spends on one answer (from taking it to asking for the next).
    private var perAnswer: Double?

    /// A window of two (or `limit`, when lower) until the first round trip and the first answer taken are measured.
    init(limit: Int) {
        self.limit = max(1, limit)
        size = min(2, self.limit)
    }

    /// Records the round trip of one request (start to delivered answer).
    mutating func record(roundTrip duration: Duration) {
        roundTrip = Self.smoothed(roundTrip, duration)
        resize()
    }

    /// Records the time the caller spent on one answer.
    mutating func record(timePerAnswer duration: Duration) {
        perAnswer = Self.smoothed(perAnswer, duration)
        resize()
    }

    private mutating func resize() {
        guard let roundTrip, let perAnswer else { return }
        // A caller that spends no measurable time is waiting on the network: as many as allowed.
        let wanted = perAnswer <= 0 ? Double(limit) : (roundTrip / perAnswer).rounded(.up)
        size = Int(min(Double(limit), max(1, wanted)))
    }

    /// An exponentially weighted mean that gives the newest sample a quarter of the weight.
    private static func smoothed(_ mean: Double?, _ sample: Duration) -> Double {
        guard let mean else { return sample.timeInterval }
        return mean * 0.75 + sample.timeInterval * 0.25
    }
}
