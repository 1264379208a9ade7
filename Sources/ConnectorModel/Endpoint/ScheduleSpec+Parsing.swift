import ConnectorSchedule

extension ScheduleSpec {
    /// The schedule this block describes: the one parse that the manifest checks (so that a schedule `validate`
    /// accepts is one `plan` can apply) and the planner both use.
    /// - Parameter endpoint: The endpoint's name, which seeds its interval jitter.
    /// - Throws: The parse error of the interval, jitter, cron expression or time zone, in plain words.
    public func parsed(endpoint: String) throws -> Schedule {
        if let interval {
            let jitter = try self.jitter.map { text in IntervalJitter(maximum: try GoDuration(parsing: text), endpoint: endpoint) }
            return try Schedule.interval(parsing: interval, jitter: jitter.flatMap { $0.maximum.isPositive ? $0 : nil })
        }
        if let cron {
            let zone = try timezone.map { name in try ScheduleTimeZone(identifier: name) } ?? .utc
            return .cron(try CronExpression(parsing: cron), timeZone: zone)
        }
        return .manual
    }
}
