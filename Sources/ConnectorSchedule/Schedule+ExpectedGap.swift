import Foundation

extension Schedule {
    /// How long may pass between two scheduled starts, for alerting on an endpoint that has not synced "within
    /// twice its schedule": the interval plus its largest jitter; for cron, the longest gap between consecutive
    /// slots among the next `slots` after `date` (a weekday schedule's weekend, a month of 31 days); `nil` for
    /// manual schedules and for cron expressions that never fire again.
    ///
    /// - Parameters:
    ///   - date: Where to start looking at cron slots.
    ///   - slots: How many cron slots to look at (at least two).
    public func longestGap(after date: Date, slots: Int = 12) -> TimeInterval? {
        switch self {
        case .manual:
            return nil
        case .interval(let duration, let jitter):
            return duration.seconds + (jitter?.maximum.seconds ?? 0)
        case .cron(let expression, let timeZone):
            guard var previous = expression.nextDate(after: date, in: timeZone.timeZone) else { return nil }
            var longest: TimeInterval?
            for _ in 1..<max(2, slots) {
                guard let next = expression.nextDate(after: previous, in: timeZone.timeZone) else { break }
                longest = max(longest ?? 0, next.timeIntervalSince(previous))
                previous = next
            }
            return longest
        }
    }
}
