import ArgumentParser
import ConnectorModel
import ConnectorSchedule
import Foundation

/// `file-connector schedule EXPR`: the next run times of a cron expression or interval.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Print the next run times of a cron expression or an interval, one RFC 3339 time a line.",
        discussion: """
            EXPR is a cron expression ("*/15 * * * *", "@daily") read in --timezone, or a duration \
            ("15m") counted from --from. Daylight-saving rules: docs/schedules.md. Exit status: 0, or 1 when EXPR is invalid.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A cron expression (quote it) or a duration such as 15m.")
    var expression: String

    @Option(help: "IANA time zone the cron expression is read in.")
    var timezone: String = "UTC"

    @Option(help: ArgumentHelp("Start after this time (RFC 3339); default now.", valueName: "time"))
    var from: String?

    @Option(help: "How many times to print.")
    var count: Int = 5

    func run() throws {
        guard (1...10_000).contains(count) else { throw ValidationError("--count must be from 1 to 10000") }
        let start: Date
        if let from {
            guard let parsed = Timestamp.parse(from) else {
                Terminal.error("--from: expected an RFC 3339 time such as 2026-01-01T00:00:00Z, got \"\(from)\"")
                throw ExitCode.failure
            }
            start = parsed
        } else {
            start = Date()
        }
        let zone: ScheduleTimeZone
        do { zone = try ScheduleTimeZone(identifier: timezone) } catch {
            Terminal.error("--timezone: \(error.message)")
            throw ExitCode.failure
        }
        let times: [Date]
        if let interval = try? GoDuration(parsing: expression) {
            guard interval.isPositive else {
                Terminal.error("the interval must be longer than zero")
                throw ExitCode.failure
            }
            times = (1...count).map { start.addingTimeInterval(interval.seconds * Double($0)) }
        } else {
            do {
                times = try CronExpression(parsing: expression).dates(after: start, in: zone.timeZone, count: count)
            } catch {
                Terminal.error("invalid cron expression \"\(expression)\": \(error.message)")
                throw ExitCode.failure
            }
        }
        let style = Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: zone.timeZone)
        Terminal.write(times.map { $0.formatted(style) + "\n" }.joined())
    }
}
