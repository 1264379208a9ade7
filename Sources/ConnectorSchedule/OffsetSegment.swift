import Foundation

/// A stretch of time during which a time zone keeps one UTC offset, bounded by the zone's
/// transitions (daylight-saving changes and changes of standard time alike).
///
/// Within a segment, wall time = instant + offset, so wall-clock order equals real order;
/// the cron evaluator walks segment by segment and handles the seams explicitly.
struct OffsetSegment {
    /// How far back to look for the transition that started the segment. Only a transition
    /// that repeats the wall clock matters, and no real zone repeats more than a day.
    static let lookBack: Int64 = 2 * 86_400

    /// The instant (Unix seconds) the segment starts, or `nil` if it started more than
    /// ``lookBack`` before the instant it was found from or was not looked for.
    let start: Int64?
    /// The UTC offset in seconds during the segment.
    let offset: Int64
    /// The UTC offset just before ``start``; `nil` when `start` is.
    let previousOffset: Int64?
    /// The instant the next segment starts, or `nil` if the zone never changes again.
    let end: Int64?

    /// The segment containing `instant` (Unix seconds); its start is looked for only when
    /// `findingStart` is true, as it costs extra time zone look-ups.
    init(containing instant: Int64, in timeZone: TimeZone, findingStart: Bool) {
        offset = Self.offset(at: instant, in: timeZone)
        end = Self.transition(after: instant, in: timeZone)
        var probe = instant - Self.lookBack
        var lastStart: Int64?
        while findingStart, let transition = Self.transition(after: probe, in: timeZone), transition <= instant {
            lastStart = transition
            probe = transition
        }
        start = lastStart
        previousOffset = lastStart.map { Self.offset(at: $0 - 1, in: timeZone) }
    }

    /// A segment with known bounds.
    private init(start: Int64, offset: Int64, previousOffset: Int64, end: Int64?) {
        self.start = start
        self.offset = offset
        self.previousOffset = previousOffset
        self.end = end
    }

    /// The segment that follows this one, or `nil` if this one never ends.
    func following(in timeZone: TimeZone) -> OffsetSegment? {
        guard let end else { return nil }
        return OffsetSegment(
            start: end, offset: Self.offset(at: end, in: timeZone), previousOffset: offset,
            end: Self.transition(after: end, in: timeZone)
        )
    }

    /// The wall second at which the segment ends (its end instant read on its own clock).
    var endWall: Int64? { end.map { $0 + offset } }

    /// The zone's UTC offset at an instant.
    static func offset(at instant: Int64, in timeZone: TimeZone) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }

    /// The first transition strictly after `instant`, in whole Unix seconds.
    static func transition(after instant: Int64, in timeZone: TimeZone) -> Int64? {
        timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: TimeInterval(instant)))
            .map { Int64($0.timeIntervalSince1970.rounded(.up)) }
    }
}
