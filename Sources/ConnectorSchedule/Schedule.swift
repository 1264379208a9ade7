import Foundation

/// When an endpoint syncs: every fixed interval, on a cron schedule in a time zone, or only
/// when asked to.
///
/// Manifests give exactly one of `interval: 15m`, `cron: "*/15 * * * *"` (with an optional
/// `timezone:`, default UTC) or `manual: true`.
public enum Schedule: Sendable, Hashable, CustomStringConvertible {
    /// Runs every given duration, counted from the previous start, plus the jitter's delay if any. The
    /// duration must be positive; ``interval(parsing:jitter:)`` checks that.
    case interval(GoDuration, jitter: IntervalJitter? = nil)
    /// Runs at the times a cron expression names, on the wall clock of a time zone.
    case cron(CronExpression, timeZone: ScheduleTimeZone)
    /// Never runs on its own.
    case manual

    /// An interval schedule from Go duration text such as "15m".
    ///
    /// - Throws: ``DurationSyntaxError`` for bad syntax, or with reason `.notPositive` for a
    ///   zero or negative duration.
    public static func interval(parsing text: String, jitter: IntervalJitter? = nil) throws(DurationSyntaxError) -> Schedule {
        let duration = try GoDuration(parsing: text)
        guard duration.isPositive else { throw DurationSyntaxError(text: text, reason: .notPositive) }
        return .interval(duration, jitter: jitter)
    }

    /// A short description for plan output: "every 15m", "cron */15 * * * * (Europe/Berlin)",
    /// "manual".
    public var description: String {
        switch self {
        case .interval(let duration, let jitter):
            "every \(duration.abbreviated)" + (jitter.map { " (jitter \($0.maximum.abbreviated))" } ?? "")
        case .cron(let expression, let timeZone): "cron \(expression) (\(timeZone.identifier))"
        case .manual: "manual"
        }
    }

    /// When the endpoint should next start, or `nil` if it never starts on its own.
    ///
    /// A result at or before `now` never occurs: an endpoint that is due or overdue gets
    /// `now`, and it then runs once, however many runs it missed, because the next call passes
    /// that new start as `lastStart`.
    ///
    /// - `interval`: `lastStart + interval` (plus the jitter's delay), or `now` if that has passed or
    ///   the endpoint has never started (`lastStart == nil`: a new endpoint runs at once).
    /// - `cron`: the first slot strictly after `lastStart` (see
    ///   ``CronExpression/nextDate(after:in:)``), or `now` if that slot is not after `now`,
    ///   i.e. a slot was missed (downtime) and the run is made up once, not once per missed
    ///   slot. An endpoint that has never started waits for the first slot after `now`, as a
    ///   new crontab line does.
    /// - `manual`: `nil`.
    ///
    /// A `lastStart` after `now` (a clock set back) is taken at face value: the next start is
    /// counted from it.
    ///
    /// - Parameters:
    ///   - lastStart: When the endpoint last started, or `nil` if it never did.
    ///   - now: The current time.
    public func nextRun(after lastStart: Date?, now: Date) -> Date? {
        switch self {
        case .manual:
            return nil
        case .interval(let duration, let jitter):
            guard let lastStart else { return now }
            let delay = jitter?.delay(after: lastStart) ?? 0
            return max(lastStart.addingTimeInterval(duration.seconds + delay), now)
        case .cron(let expression, let timeZone):
            guard let lastStart else {
                return expression.nextDate(after: now, in: timeZone.timeZone)
            }
            return expression.nextDate(after: lastStart, in: timeZone.timeZone).map { max($0, now) }
        }
    }
}
