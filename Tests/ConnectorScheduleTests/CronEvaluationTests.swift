import ConnectorSchedule
import Foundation
import Testing

/// Hand-checked run times, mostly around daylight-saving changes. All times are UTC.
@Suite("CronExpression evaluation")
struct CronEvaluationTests {
    /// One hand-checked case: the next `expected.count` runs of `expression` after `after`.
    struct Case: Sendable, CustomStringConvertible {
        var expression: String
        var zone: String
        var after: String
        var expected: [String]
        var note: String
        var description: String { "\(expression) in \(zone) after \(after): \(note)" }
    }

    static let daylightSavingCases: [Case] = [
        // Berlin springs forward 2021-03-28 at 01:00Z: 02:00-02:59 local does not exist.
        Case(
            expression: "30 2 * * *", zone: "Europe/Berlin", after: "2021-03-27T12:00:00Z",
            expected: ["2021-03-28T01:00:00Z", "2021-03-29T00:30:00Z", "2021-03-30T00:30:00Z"],
            note: "fixed time in the gap runs at 03:00 CEST"),
        Case(
            expression: "30 * * * *", zone: "Europe/Berlin", after: "2021-03-28T00:00:00Z",
            expected: ["2021-03-28T00:30:00Z", "2021-03-28T01:30:00Z", "2021-03-28T02:30:00Z"],
            note: "wildcard hour skips 02:30"),
        Case(
            expression: "0,30 2 * * *", zone: "Europe/Berlin", after: "2021-03-27T12:00:00Z",
            expected: ["2021-03-28T01:00:00Z", "2021-03-29T00:00:00Z"],
            note: "two fixed times in the gap give one run"),
        Case(
            expression: "30 2-3 * * *", zone: "Europe/Berlin", after: "2021-03-27T12:00:00Z",
            expected: ["2021-03-28T01:00:00Z", "2021-03-28T01:30:00Z", "2021-03-29T00:30:00Z"],
            note: "gap run at 03:00, then 03:30 as usual"),
        Case(
            expression: "0 2-3 * * *", zone: "Europe/Berlin", after: "2021-03-27T12:00:00Z",
            expected: ["2021-03-28T01:00:00Z", "2021-03-29T00:00:00Z"],
            note: "gap run and the 03:00 run coincide: once"),
        Case(
            expression: "*/15 2 * * *", zone: "Europe/Berlin", after: "2021-03-27T12:00:00Z",
            expected: ["2021-03-29T00:00:00Z"],
            note: "wildcard minute: no runs in the missing hour"),
        // Berlin falls back 2021-10-31 at 01:00Z: 02:00-02:59 local happens twice.
        Case(
            expression: "30 2 * * *", zone: "Europe/Berlin", after: "2021-10-30T12:00:00Z",
            expected: ["2021-10-31T00:30:00Z", "2021-11-01T01:30:00Z"],
            note: "fixed time runs at the first 02:30 only"),
        Case(
            expression: "30 * * * *", zone: "Europe/Berlin", after: "2021-10-31T00:00:00Z",
            expected: ["2021-10-31T00:30:00Z", "2021-10-31T01:30:00Z", "2021-10-31T02:30:00Z"],
            note: "wildcard hour runs at both 02:30s"),
        Case(
            expression: "15 2 * * *", zone: "Europe/Berlin", after: "2021-10-31T01:10:00Z",
            expected: ["2021-11-01T01:15:00Z"],
            note: "starting inside the repeated hour: the second 02:15 is not a run"),
        Case(
            expression: "45 2 * * *", zone: "Europe/Berlin", after: "2021-10-31T00:50:00Z",
            expected: ["2021-11-01T01:45:00Z"],
            note: "first 02:45 already passed, the second one does not count"),
        Case(
            expression: "*/20 2 * * *", zone: "Europe/Berlin", after: "2021-10-31T00:50:00Z",
            expected: ["2021-10-31T01:00:00Z", "2021-10-31T01:20:00Z", "2021-10-31T01:40:00Z", "2021-11-01T01:00:00Z"],
            note: "wildcard minute repeats in the second 02:xx"),
        // New York: spring 2021-03-14 07:00Z, fall 2021-11-07 06:00Z.
        Case(
            expression: "0 2 * * *", zone: "America/New_York", after: "2021-03-13T12:00:00Z",
            expected: ["2021-03-14T07:00:00Z", "2021-03-15T06:00:00Z"], note: "02:00 runs at 03:00 EDT"),
        Case(
            expression: "30 1 * * *", zone: "America/New_York", after: "2021-11-06T12:00:00Z",
            expected: ["2021-11-07T05:30:00Z", "2021-11-08T06:30:00Z"], note: "01:30 EDT only"),
        // Lord Howe shifts by 30 minutes: spring 2021-10-02T15:30Z (02:00→02:30), fall 2021-04-03T15:00Z (02:00→01:30).
        Case(
            expression: "15 2 * * *", zone: "Australia/Lord_Howe", after: "2021-10-02T12:00:00Z",
            expected: ["2021-10-02T15:30:00Z", "2021-10-03T15:15:00Z"], note: "02:15 runs at 02:30"),
        Case(
            expression: "0,15 2 * * *", zone: "Australia/Lord_Howe", after: "2021-10-02T12:00:00Z",
            expected: ["2021-10-02T15:30:00Z", "2021-10-03T15:00:00Z"], note: "two gap times, one run"),
        Case(
            expression: "*/10 2 * * *", zone: "Australia/Lord_Howe", after: "2021-10-02T12:00:00Z",
            expected: ["2021-10-02T15:30:00Z", "2021-10-02T15:40:00Z", "2021-10-02T15:50:00Z"],
            note: "wildcard runs only at the half hour that exists"),
        Case(
            expression: "45 1 * * *", zone: "Australia/Lord_Howe", after: "2021-04-03T12:00:00Z",
            expected: ["2021-04-03T14:45:00Z", "2021-04-04T15:15:00Z"], note: "first 01:45 only"),
        Case(
            expression: "45 * * * *", zone: "Australia/Lord_Howe", after: "2021-04-03T14:00:00Z",
            expected: ["2021-04-03T14:45:00Z", "2021-04-03T15:15:00Z", "2021-04-03T16:15:00Z"], note: "both 01:45s"),
        // Chatham springs from 02:45 to 03:45 (+12:45 → +13:45) at 2021-09-25T14:00Z.
        Case(
            expression: "0 3 * * *", zone: "Pacific/Chatham", after: "2021-09-25T12:00:00Z",
            expected: ["2021-09-25T14:00:00Z", "2021-09-26T13:15:00Z"], note: "03:00 runs at 03:45"),
        Case(
            expression: "30 * * * *", zone: "Pacific/Chatham", after: "2021-09-25T13:00:00Z",
            expected: ["2021-09-25T13:45:00Z", "2021-09-25T14:45:00Z"], note: "03:30 does not exist"),
        // São Paulo changed clocks at midnight until 2019.
        Case(
            expression: "0 0 * * *", zone: "America/Sao_Paulo", after: "2018-11-03T12:00:00Z",
            expected: ["2018-11-04T03:00:00Z", "2018-11-05T02:00:00Z"], note: "midnight skipped: runs at 01:00"),
        Case(
            expression: "30 23 * * *", zone: "America/Sao_Paulo", after: "2019-02-16T12:00:00Z",
            expected: ["2019-02-17T01:30:00Z", "2019-02-18T02:30:00Z"], note: "23:30 repeated: first only"),
        Case(
            expression: "0 0 * * *", zone: "America/Sao_Paulo", after: "2019-11-02T12:00:00Z",
            expected: ["2019-11-03T03:00:00Z", "2019-11-04T03:00:00Z"], note: "no daylight saving since 2019"),
        Case(
            expression: "30 2 * * *", zone: "Asia/Kolkata", after: "2021-06-01T00:00:00Z",
            expected: ["2021-06-01T21:00:00Z", "2021-06-02T21:00:00Z"], note: "+05:30, no daylight saving"),
    ]

    static let calendarCases: [Case] = [
        Case(
            expression: "0 0 29 2 *", zone: "UTC", after: "2021-01-01T00:00:00Z",
            expected: ["2024-02-29T00:00:00Z", "2028-02-29T00:00:00Z"], note: "leap days"),
        Case(
            expression: "0 0 29 2 *", zone: "UTC", after: "2097-01-01T00:00:00Z",
            expected: ["2104-02-29T00:00:00Z"], note: "2100 is not a leap year"),
        Case(
            expression: "0 0 29 2 *", zone: "Europe/Berlin", after: "2021-01-01T00:00:00Z",
            expected: ["2024-02-28T23:00:00Z"], note: "local midnight"),
        Case(
            expression: "0 0 29 2 */7", zone: "UTC", after: "2021-01-01T00:00:00Z",
            expected: ["2032-02-29T00:00:00Z"], note: "a leap day that is a Sunday: 11 years ahead"),
        Case(
            expression: "0 0 31 * *", zone: "UTC", after: "2021-01-31T00:00:00Z",
            expected: ["2021-03-31T00:00:00Z", "2021-05-31T00:00:00Z", "2021-07-31T00:00:00Z", "2021-08-31T00:00:00Z"],
            note: "months with 31 days"),
        Case(
            expression: "0 0 1,15 * MON", zone: "UTC", after: "2023-12-31T12:00:00Z",
            expected: [
                "2024-01-01T00:00:00Z", "2024-01-08T00:00:00Z", "2024-01-15T00:00:00Z", "2024-01-22T00:00:00Z",
                "2024-01-29T00:00:00Z", "2024-02-01T00:00:00Z", "2024-02-05T00:00:00Z",
            ],
            note: "Vixie: 1st, 15th or Monday"),
        Case(
            expression: "0 0 */2 * MON", zone: "UTC", after: "2023-12-31T12:00:00Z",
            expected: ["2024-01-01T00:00:00Z", "2024-01-15T00:00:00Z", "2024-01-29T00:00:00Z", "2024-02-05T00:00:00Z"],
            note: "day-of-month starts with *: odd days that are Mondays"),
        Case(
            expression: "*/7 * * * *", zone: "UTC", after: "2021-01-01T00:50:00Z",
            expected: ["2021-01-01T00:56:00Z", "2021-01-01T01:00:00Z", "2021-01-01T01:07:00Z"], note: "step restarts each hour"),
        Case(
            expression: "@weekly", zone: "UTC", after: "2021-01-01T00:00:00Z",
            expected: ["2021-01-03T00:00:00Z", "2021-01-10T00:00:00Z"], note: "Sundays"),
        Case(
            expression: "0 12 * * 7", zone: "UTC", after: "2021-01-01T00:00:00Z",
            expected: ["2021-01-03T12:00:00Z"], note: "7 is Sunday"),
        Case(
            expression: "59 23 31 12 *", zone: "UTC", after: "2021-06-01T00:00:00Z",
            expected: ["2021-12-31T23:59:00Z", "2022-12-31T23:59:00Z"], note: "last minute of the year"),
    ]

    @Test("daylight-saving changes", arguments: daylightSavingCases)
    func daylightSaving(example: Case) throws {
        try check(example)
    }

    @Test("calendar corner cases", arguments: calendarCases)
    func calendar(example: Case) throws {
        try check(example)
    }

    /// Runs one case through `dates(after:in:count:)`.
    func check(_ example: Case) throws {
        let expression = try CronExpression(parsing: example.expression)
        let timeZone = try #require(TimeZone(identifier: example.zone))
        let runs = expression.dates(after: try Self.date(example.after), in: timeZone, count: example.expected.count)
        #expect(runs.map { $0.ISO8601Format() } == example.expected)
    }

    @Test("strictly after, fractional seconds included")
    func strictlyAfter() throws {
        let everyMinute = try CronExpression(parsing: "* * * * *")
        let start = try Self.date("2021-01-01T00:01:00Z")
        #expect(everyMinute.nextDate(after: start, in: .gmt) == start.addingTimeInterval(60))
        #expect(everyMinute.nextDate(after: start.addingTimeInterval(-0.5), in: .gmt) == start)
        #expect(everyMinute.nextDate(after: start.addingTimeInterval(59.999), in: .gmt) == start.addingTimeInterval(60))
    }

    @Test("out-of-range instants give nil instead of trapping")
    func extremes() throws {
        let daily = try CronExpression(parsing: "@daily")
        #expect(daily.nextDate(after: Date(timeIntervalSince1970: 1e12), in: .gmt) == nil)
        #expect(daily.nextDate(after: Date(timeIntervalSince1970: .infinity), in: .gmt) == nil)
        #expect(daily.nextDate(after: Date(timeIntervalSince1970: .nan), in: .gmt) == nil)
        #expect(daily.nextDate(after: .distantPast, in: .gmt) != nil)
        #expect(daily.dates(after: .now, in: .gmt, count: 0).isEmpty)
    }

    @Test("fixed-offset zones have no transitions")
    func fixedOffset() throws {
        let zone = try #require(TimeZone(secondsFromGMT: 5 * 3600 + 45 * 60))
        let runs = try CronExpression(parsing: "0 0 * * *").dates(after: Self.date("2021-01-01T00:00:00Z"), in: zone, count: 2)
        #expect(runs.map { $0.ISO8601Format() } == ["2021-01-01T18:15:00Z", "2021-01-02T18:15:00Z"])
    }

    /// Parses an ISO 8601 UTC timestamp.
    static func date(_ text: String) throws -> Date {
        try Date(text, strategy: .iso8601)
    }
}
