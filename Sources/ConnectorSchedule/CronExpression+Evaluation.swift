import Foundation

extension CronExpression {
    /// The most offset segments a single search walks through (a little over 400 years of
    /// twice-yearly daylight-saving changes) before giving up.
    static let maximumSegments = 1_000

    /// The first instant strictly after `date` at which the job runs, with the expression read
    /// on the wall clock of `timeZone`; `nil` only if it never runs again (which a parsed
    /// expression can only do past the year 10000 or so, as impossible day/month combinations
    /// are rejected when parsing).
    ///
    /// Daylight-saving rules, following Vixie/ISC cron. Which rule applies depends on
    /// ``isFixedTime``: a job is *fixed-time* when neither its minute nor its hour field is
    /// written starting with `*` (`30 2 * * *`, `0,30 1-3 * * *`, `@daily`), and *wildcard*
    /// otherwise (`*/15 * * * *`, `30 * * * *`, `*/10 2 * * *`, `@hourly`).
    ///
    /// - Skipped local times (clocks jump forward): a fixed-time job whose matching local time
    ///   falls in the gap runs once, at the first instant after the gap (for example 03:00
    ///   CEST when Berlin skips 02:00-02:59); several matches in one gap, or a match in the
    ///   gap plus one at the first time after it, give a single run. A wildcard job simply has
    ///   no runs at the skipped times.
    /// - Repeated local times (clocks fall back): a fixed-time job runs once, at the first
    ///   occurrence of its local time; a wildcard job runs at every real occurrence, so
    ///   `30 * * * *` runs at 02:30 summer time and again at 02:30 winter time.
    /// - Changes of standard time (a zone changing its base offset, or skipping a date) are
    ///   treated exactly like daylight-saving changes of the same direction.
    ///
    /// The search jumps by month, day, hour and minute with integer calendar arithmetic and
    /// asks `timeZone` only for offsets and transitions, so its cost grows with the number of
    /// daylight-saving changes crossed, not with the time until the next run. It is bounded:
    /// one 400-year Gregorian cycle of wall-clock dates.
    ///
    /// - Parameters:
    ///   - date: The search starts strictly after this instant; fractional seconds are allowed.
    ///   - timeZone: The zone whose wall clock the expression describes.
    public func nextDate(after date: Date, in timeZone: TimeZone) -> Date? {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 2.5e11 else { return nil }
        return nextInstant(after: Int64(seconds.rounded(.down)), in: timeZone)
            .map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// The next `count` run times after `date`, ascending; fewer if the job stops running.
    ///
    /// Each element is ``nextDate(after:in:)`` of the one before, so the same rules apply.
    public func dates(after date: Date, in timeZone: TimeZone, count: Int) -> [Date] {
        var result: [Date] = []
        var cursor = date
        while result.count < count, let next = nextDate(after: cursor, in: timeZone) {
            result.append(next)
            cursor = next
        }
        return result
    }

    /// The first run instant (Unix seconds) strictly after `instant`.
    func nextInstant(after instant: Int64, in timeZone: TimeZone) -> Int64? {
        // Only fixed-time jobs care where the segment started (to skip repeated local times).
        var segment = OffsetSegment(containing: instant, in: timeZone, findingStart: isFixedTime)
        // Wall clock minutes strictly after the instant's own wall time.
        var lowerWall = Self.minuteCeiling(instant + segment.offset + 1)
        if isFixedTime, let start = segment.start, let previous = segment.previousOffset, previous > segment.offset {
            // Just after a fall-back: local times before `start + previous` already came by once.
            lowerWall = max(lowerWall, Self.minuteCeiling(start + previous))
        }
        for _ in 0..<Self.maximumSegments {
            guard let wall = firstMatchingWall(atOrAfter: lowerWall) else { return nil }
            guard let endWall = segment.endWall, wall >= endWall else {
                return wall - segment.offset
            }
            guard let next = segment.following(in: timeZone), let nextStart = next.start else { return nil }
            let nextStartWall = nextStart + next.offset
            if isFixedTime && wall < nextStartWall {
                // `wall` lies in the gap [endWall, nextStartWall) skipped by a spring-forward.
                return nextStart
            }
            // Fixed-time jobs skip the local times that repeat after a fall-back.
            lowerWall = Self.minuteCeiling(isFixedTime ? max(nextStartWall, endWall) : nextStartWall)
            segment = next
        }
        return nil
    }

    /// The smallest multiple of 60 that is at least `seconds`.
    static func minuteCeiling(_ seconds: Int64) -> Int64 {
        -CivilDate.floorDivide(-seconds, 60) * 60
    }
}
