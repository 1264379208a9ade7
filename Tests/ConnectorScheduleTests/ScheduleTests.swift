import ConnectorSchedule
import Foundation
import Testing

@Suite("Schedule")
struct ScheduleTests {
    /// 2021-06-01 at the given UTC time ("10:05", "10:05:30").
    func at(_ time: String) throws -> Date {
        try Date("2021-06-01T\(time.count == 5 ? time + ":00" : time)Z", strategy: .iso8601)
    }

    /// A cron schedule in a zone.
    func cron(_ expression: String, _ zone: String = "UTC") throws -> Schedule {
        .cron(try CronExpression(parsing: expression), timeZone: try ScheduleTimeZone(identifier: zone))
    }

    @Test("descriptions for plan output")
    func descriptions() throws {
        #expect(Schedule.interval(.minutes(15)).description == "every 15m")
        #expect(try Schedule.interval(parsing: "1h30m").description == "every 1h30m")
        #expect(try Schedule.interval(parsing: "90s").description == "every 1m30s")
        #expect(try cron("*/15 * * * *", "Europe/Berlin").description == "cron */15 * * * * (Europe/Berlin)")
        #expect(try cron("@daily").description == "cron @daily (UTC)")
        #expect(Schedule.manual.description == "manual")
    }

    @Test("intervals must be positive")
    func positiveIntervals() {
        for text in ["0", "0s", "-5m"] {
            #expect(throws: DurationSyntaxError(text: text, reason: .notPositive)) { try Schedule.interval(parsing: text) }
        }
        #expect(throws: DurationSyntaxError(text: "fast", reason: .notADuration)) { try Schedule.interval(parsing: "fast") }
        #expect(
            DurationSyntaxError(text: "0s", reason: .notPositive).message
                == #"expected a duration longer than zero, such as 15m or 1h30m, got "0s""#)
    }

    @Test("interval jitter: a repeatable delay below the maximum, different per endpoint, none before the first run")
    func intervalJitter() throws {
        let last = try at("10:00")
        let alpha = Schedule.interval(.minutes(15), jitter: IntervalJitter(maximum: .minutes(5), endpoint: "alpha"))
        let beta = Schedule.interval(.minutes(15), jitter: IntervalJitter(maximum: .minutes(5), endpoint: "beta"))
        let next = try #require(alpha.nextRun(after: last, now: last))
        let (earliest, latest) = (try at("10:15"), try at("10:20"))
        #expect(next >= earliest && next < latest)
        #expect(alpha.nextRun(after: last, now: last) == next, "the same inputs give the same time")
        #expect(beta.nextRun(after: last, now: last) != next, "another endpoint drifts elsewhere")
        #expect(alpha.nextRun(after: nil, now: last) == last, "a new endpoint still runs at once")
        // Spread: 200 endpoints that started together land all over the jitter window.
        let delays = (0..<200).map { IntervalJitter(maximum: .minutes(5), endpoint: "e\($0)").delay(after: last) }
        #expect(delays.allSatisfy { $0 >= 0 && $0 < 300 })
        #expect(delays.filter { $0 < 150 }.count > 60 && delays.filter { $0 >= 150 }.count > 60)
        #expect(alpha.description == "every 15m (jitter 5m)")
    }

    @Test("interval: anchored to the last start, due now when never synced or overdue")
    func interval() throws {
        let schedule = Schedule.interval(.minutes(15))
        #expect(schedule.nextRun(after: nil, now: try at("10:05")) == (try at("10:05")))
        #expect(schedule.nextRun(after: try at("10:00"), now: try at("10:05")) == (try at("10:15")))
        #expect(schedule.nextRun(after: try at("10:00"), now: try at("10:15")) == (try at("10:15")))
        // Down from 10:00 to 12:07: due now, once.
        #expect(schedule.nextRun(after: try at("10:00"), now: try at("12:07")) == (try at("12:07")))
        // After that single run, the next start counts from it: no catch-up of the missed runs.
        #expect(schedule.nextRun(after: try at("12:07"), now: try at("12:07:01")) == (try at("12:22")))
        // A last start in the future (clock set back) is taken at face value.
        #expect(schedule.nextRun(after: try at("11:00"), now: try at("10:00")) == (try at("11:15")))
    }

    @Test("cron: next slot after the last start; overdue runs once")
    func cronSchedule() throws {
        let schedule = try cron("*/15 * * * *")
        #expect(schedule.nextRun(after: try at("10:00"), now: try at("10:05")) == (try at("10:15")))
        #expect(schedule.nextRun(after: try at("10:00"), now: try at("10:15")) == (try at("10:15")))
        // Never synced: wait for the first slot after now, like a new crontab line.
        #expect(schedule.nextRun(after: nil, now: try at("10:07")) == (try at("10:15")))
        // Down from 08:00 to 10:07, missing eight slots: due now, once.
        #expect(schedule.nextRun(after: try at("08:00"), now: try at("10:07")) == (try at("10:07")))
        // The run at 10:07 becomes the last start; the next is the regular 10:15 slot.
        #expect(schedule.nextRun(after: try at("10:07"), now: try at("10:07:30")) == (try at("10:15")))
    }

    @Test("cron: evaluated in the endpoint's time zone")
    func cronTimeZone() throws {
        let schedule = try cron("0 9 * * *", "Europe/Berlin")
        // 09:00 CEST is 07:00 UTC.
        #expect(schedule.nextRun(after: try at("07:00"), now: try at("10:00")) == (try at("07:00")).addingTimeInterval(86_400))
        #expect(schedule.nextRun(after: nil, now: try at("06:00")) == (try at("07:00")))
    }

    @Test("manual never runs on its own")
    func manual() throws {
        #expect(Schedule.manual.nextRun(after: nil, now: try at("10:00")) == nil)
        #expect(Schedule.manual.nextRun(after: try at("09:00"), now: try at("10:00")) == nil)
    }

    @Test("equality")
    func equality() throws {
        #expect(Schedule.interval(.minutes(15)) == (try Schedule.interval(parsing: "15m")))
        #expect(try cron("@daily", "Europe/Berlin") == cron("@daily", "Europe/Berlin"))
        #expect(try cron("@daily", "Europe/Berlin") != cron("@daily"))
        #expect(Schedule.manual != Schedule.interval(.minutes(15)))
    }

    @Test("the longest gap between scheduled starts, for the not-synced alert")
    func longestGaps() throws {
        let monday = try Date("2021-05-31T12:00:00Z", strategy: .iso8601)
        #expect(Schedule.manual.longestGap(after: monday) == nil)
        #expect(Schedule.interval(.minutes(15)).longestGap(after: monday) == 900)
        let jittered = Schedule.interval(.minutes(15), jitter: IntervalJitter(maximum: .minutes(5), endpoint: "a"))
        #expect(jittered.longestGap(after: monday) == 1200)
        #expect(try cron("*/15 * * * *").longestGap(after: monday) == 900)
        // Weekdays at 09:00: the weekend makes the longest gap three days, whichever weekday it is asked on.
        #expect(try cron("0 9 * * 1-5").longestGap(after: monday) == 3 * 86_400)
        // On the first of each month: the longest month among the next twelve.
        #expect(try cron("0 0 1 * *").longestGap(after: monday) == 31 * 86_400)
        // Across a daylight-saving change the gap is the real elapsed time: 23 hours into the spring-forward day.
        let beforeSpring = try Date("2021-03-26T12:00:00Z", strategy: .iso8601)
        #expect(try cron("0 12 * * *", "Europe/Berlin").longestGap(after: beforeSpring, slots: 2) == 82_800)
        #expect(try cron("0 12 * * *", "Europe/Berlin").longestGap(after: beforeSpring, slots: 3) == 86_400)
    }
}
