import ConnectorSchedule
import Testing

@Suite("CronSyntaxError")
struct CronSyntaxErrorTests {
    /// An expected error: the input, then field, offending text, offset and message.
    struct Case: Sendable, CustomStringConvertible {
        var input: String
        var field: CronField?
        var text: String
        var offset: Int
        var message: String
        var description: String { input }
    }

    static let fieldList = "5 fields (minute hour day-of-month month day-of-week)"

    static let cases: [Case] = [
        Case(input: "61 * * * *", field: .minute, text: "61", offset: 0, message: "minute field: 61 is out of range 0-59"),
        Case(input: "0 24 * * *", field: .hour, text: "24", offset: 2, message: "hour field: 24 is out of range 0-23"),
        Case(input: "0 0 0 * *", field: .dayOfMonth, text: "0", offset: 4, message: "day-of-month field: 0 is out of range 1-31"),
        Case(input: "0 0 * 13 *", field: .month, text: "13", offset: 6, message: "month field: 13 is out of range 1-12"),
        Case(input: "0 0 * * 8", field: .dayOfWeek, text: "8", offset: 8, message: "day-of-week field: 8 is out of range 0-7"),
        Case(input: "  0 0 * * 8", field: .dayOfWeek, text: "8", offset: 10, message: "day-of-week field: 8 is out of range 0-7"),
        Case(
            input: "0 1-99999999999 * * *", field: .hour, text: "99999999999", offset: 4,
            message: "hour field: 99999999999 is out of range 0-23"),
        Case(input: "* * * * * *", field: nil, text: "*", offset: 10, message: "expected \(fieldList), got 6"),
        Case(input: "0 0 * * * /usr/bin/backup", field: nil, text: "/usr/bin/backup", offset: 10, message: "expected \(fieldList), got 6"),
        Case(input: "* * * *", field: nil, text: "* * * *", offset: 7, message: "expected \(fieldList), got 4"),
        Case(
            input: "0 0 * * FRI-MON", field: .dayOfWeek, text: "FRI-MON", offset: 8,
            message: #"day-of-week field: "FRI-MON" is a range that runs backwards"#),
        Case(
            input: "0 0 * * SAT-SUN", field: .dayOfWeek, text: "SAT-SUN", offset: 8,
            message: #"day-of-week field: "SAT-SUN" is a range that runs backwards; Sunday is 0 at the start of a range and 7 at the end"#),
        Case(
            input: "30-10 * * * *", field: .minute, text: "30-10", offset: 0,
            message: #"minute field: "30-10" is a range that runs backwards"#),
        Case(input: "*/0 * * * *", field: .minute, text: "0", offset: 2, message: "minute field: step 0 is out of range 1-59"),
        Case(input: "*/60 * * * *", field: .minute, text: "60", offset: 2, message: "minute field: step 60 is out of range 1-59"),
        Case(input: "0 1-5/24 * * *", field: .hour, text: "24", offset: 6, message: "hour field: step 24 is out of range 1-23"),
        Case(input: "*/x * * * *", field: .minute, text: "x", offset: 2, message: #"minute field: step "x" is not a number"#),
        Case(input: "1,,2 * * * *", field: .minute, text: "1,,2", offset: 0, message: #"minute field: "1,,2" has an empty list entry"#),
        Case(input: "0 0 1, * *", field: .dayOfMonth, text: "1,", offset: 4, message: #"day-of-month field: "1," has an empty list entry"#),
        Case(
            input: "0 0 * JANUARY *", field: .month, text: "JANUARY", offset: 6,
            message: #"month field: "JANUARY" is not a month; expected 1-12 or JAN-DEC"#),
        Case(input: "MON * * * *", field: .minute, text: "MON", offset: 0, message: #"minute field: "MON" is not a number; expected 0-59"#),
        Case(
            input: "0 0 * * JAN", field: .dayOfWeek, text: "JAN", offset: 8,
            message: #"day-of-week field: "JAN" is not a weekday; expected 0-7 or SUN-SAT"#),
        Case(
            input: "0 0 * * é", field: .dayOfWeek, text: "é", offset: 8,
            message: #"day-of-week field: "é" is not a weekday; expected 0-7 or SUN-SAT"#),
        Case(
            input: "0 0 ? * *", field: .dayOfMonth, text: "?", offset: 4,
            message: #"day-of-month field: "?" is not supported: "?" is Quartz syntax; use * for any day"#),
        Case(
            input: "0 0 L * *", field: .dayOfMonth, text: "L", offset: 4,
            message: #"day-of-month field: "L" is not supported: "L" and "W" (last day, nearest weekday) are Quartz syntax"#),
        Case(
            input: "0 0 15W * *", field: .dayOfMonth, text: "15W", offset: 4,
            message: #"day-of-month field: "15W" is not supported: "L" and "W" (last day, nearest weekday) are Quartz syntax"#),
        Case(
            input: "0 0 * * FRI#2", field: .dayOfWeek, text: "FRI#2", offset: 8,
            message: ##"day-of-week field: "FRI#2" is not supported: "#" (nth weekday of the month) is Quartz syntax"##),
        Case(
            input: "1-5-7 * * * *", field: .minute, text: "5-7", offset: 2, message: #"minute field: "5-7" is not a number; expected 0-59"#),
        Case(input: "1- * * * *", field: .minute, text: "1-", offset: 0, message: #"minute field: "1-" is an incomplete range"#),
        Case(input: "0 -5 * * *", field: .hour, text: "-5", offset: 2, message: #"hour field: "-5" is an incomplete range"#),
        Case(input: "/5 * * * *", field: .minute, text: "/5", offset: 0, message: #"minute field: "/5" has nothing before "/""#),
        Case(input: "5/ * * * *", field: .minute, text: "5/", offset: 0, message: #"minute field: "5/" has nothing after "/""#),
        Case(input: "1/2/3 * * * *", field: .minute, text: "1/2/3", offset: 0, message: #"minute field: "1/2/3" has more than one step"#),
        Case(
            input: "0 0 * * *-5", field: .dayOfWeek, text: "*", offset: 8,
            message: #"day-of-week field: "*" is not a weekday; expected 0-7 or SUN-SAT"#),
        Case(
            input: "@reboot", field: nil, text: "@reboot", offset: 0,
            message: #"@reboot is not a schedule: it means "when the cron daemon starts"; use manual: true or an interval instead"#),
        Case(
            input: "@fortnightly", field: nil, text: "@fortnightly", offset: 0,
            message: #"unknown macro "@fortnightly"; expected one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly"#),
        Case(input: "@daily 5", field: nil, text: "5", offset: 7, message: #"@daily stands for all five fields, but is followed by "5""#),
        Case(
            input: "", field: nil, text: "", offset: 0, message: #"expected a cron expression such as "*/15 * * * *", got an empty string"#),
        Case(
            input: " \t ", field: nil, text: " \t ", offset: 0,
            message: #"expected a cron expression such as "*/15 * * * *", got an empty string"#),
        Case(input: "0 0 30 2 *", field: .dayOfMonth, text: "30", offset: 4, message: "never runs: February has no day 30"),
        Case(input: "0 0 31 4,6 *", field: .dayOfMonth, text: "31", offset: 4, message: "never runs: April and June have no day 31"),
        Case(input: "0 0 30,31 2 *", field: .dayOfMonth, text: "30,31", offset: 4, message: "never runs: February has no day 30 or 31"),
        Case(
            input: "0 0 31 2,4,sep *", field: .dayOfMonth, text: "31", offset: 4,
            message: "never runs: February, April and September have no day 31"),
        Case(input: "0 0 30 2 */2", field: .dayOfMonth, text: "30", offset: 4, message: "never runs: February has no day 30"),
    ]

    @Test("names the field, the text, its offset and the problem", arguments: cases)
    func reportsError(expected: Case) {
        do {
            let parsed = try CronExpression(parsing: expected.input)
            Issue.record("parsed \(expected.input.debugDescription) as \(parsed)")
        } catch {
            #expect(error.field == expected.field)
            #expect(error.text == expected.text)
            #expect(error.offset == expected.offset)
            #expect(error.message == expected.message)
            #expect(error.description == expected.message)
            #expect(!error.expected.isEmpty)
        }
    }

    @Test("offsets point at the offending text")
    func offsetsPointAtText() {
        for expected in Self.cases where !expected.text.isEmpty && expected.offset < expected.input.count {
            let characters = Array(expected.input)
            let found = String(characters[expected.offset..<min(characters.count, expected.offset + expected.text.count)])
            #expect(found == expected.text, "\(expected.input)")
        }
    }
}
