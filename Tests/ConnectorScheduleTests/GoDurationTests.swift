import ConnectorSchedule
import Testing

/// Go's own tables from `time/time_test.go` (parseDurationTests, parseDurationErrorTests,
/// durationTests), plus the plain-words messages and the short form.
@Suite("GoDuration")
struct GoDurationTests {
    static let nanosecond: Int64 = 1, microsecond: Int64 = 1_000, millisecond: Int64 = 1_000_000
    static let second: Int64 = 1_000_000_000, minute: Int64 = 60 * second, hour: Int64 = 60 * minute

    static let validCases: [(String, Int64)] = [
        // simple
        ("0", 0), ("5s", 5 * second), ("30s", 30 * second), ("1478s", 1478 * second),
        // sign
        ("-5s", -5 * second), ("+5s", 5 * second), ("-0", 0), ("+0", 0),
        // decimal
        ("5.0s", 5 * second), ("5.6s", 5 * second + 600 * millisecond), ("5.s", 5 * second),
        (".5s", 500 * millisecond), ("1.0s", 1 * second), ("1.00s", 1 * second),
        ("1.004s", 1 * second + 4 * millisecond), ("1.0040s", 1 * second + 4 * millisecond),
        ("100.00100s", 100 * second + 1 * millisecond),
        // different units
        ("10ns", 10 * nanosecond), ("11us", 11 * microsecond), ("12\u{00B5}s", 12 * microsecond),
        ("12\u{03BC}s", 12 * microsecond), ("13ms", 13 * millisecond), ("14s", 14 * second),
        ("15m", 15 * minute), ("16h", 16 * hour),
        // composite durations
        ("3h30m", 3 * hour + 30 * minute), ("10.5s4m", 4 * minute + 10 * second + 500 * millisecond),
        ("-2m3.4s", -(2 * minute + 3 * second + 400 * millisecond)),
        ("1h2m3s4ms5us6ns", 1 * hour + 2 * minute + 3 * second + 4 * millisecond + 5 * microsecond + 6 * nanosecond),
        ("39h9m14.425s", 39 * hour + 9 * minute + 14 * second + 425 * millisecond),
        // large value
        ("52763797000ns", 52_763_797_000 * nanosecond),
        // more than 9 digits after decimal point, see https://golang.org/issue/6617
        ("0.3333333333333333333h", 20 * minute),
        // 9007199254740993 = 1<<53+1 cannot be stored precisely in a float64
        ("9007199254740993ns", (1 << 53 + 1) * nanosecond),
        // largest duration that can be represented by int64 in nanoseconds
        ("9223372036854775807ns", Int64.max), ("9223372036854775.807us", Int64.max),
        ("9223372036s854ms775us807ns", Int64.max),
        ("-9223372036854775808ns", Int64.min), ("-9223372036854775.808us", Int64.min),
        ("-9223372036s854ms775us808ns", Int64.min),
        // largest negative round trip value, see https://golang.org/issue/48629
        ("-2562047h47m16.854775808s", Int64.min),
        // huge string; issue 15011.
        ("0.100000000000000000000h", 6 * minute),
        // This value tests the first overflow check in leadingFraction.
        ("0.830103483285477580700h", 49 * minute + 48 * second + 372_539_827 * nanosecond),
        // The examples of the brief.
        ("300ms", 300 * millisecond), ("1.5h", 90 * minute), ("2h45m", 165 * minute),
        ("1h30m10s", 5410 * second), ("90s", 90 * second),
    ]

    static let invalidCases: [String] = [
        "", "3", "-", "s", ".", "-.", ".s", "+.s", "1d",
        String(decoding: [0x85, 0x85], as: UTF8.self), String(decoding: [0xFF, 0x66, 0x66], as: UTF8.self),
        "hello \u{FFFD}ff world", "\u{FFFD}", "\u{FFFD} hello \u{FFFD} world",
        // overflow
        "9223372036854775808ns", "9223372036854775.808us", "9223372036854ms775us808ns", "-9223372036854775809ns",
        // not in Go's table, also invalid in Go
        "fast", "1h 30m", " 15m", "15m ", "1e3s", "1,5h", "--1s", "1.2.3s", "18446744073709551616ns", "2562048h",
    ]

    @Test("parses Go's valid durations", arguments: validCases)
    func parsesValid(text: String, nanoseconds: Int64) throws {
        #expect(try GoDuration(parsing: text).nanoseconds == nanoseconds)
    }

    @Test("rejects Go's invalid durations", arguments: invalidCases)
    func rejectsInvalid(text: String) {
        #expect(throws: DurationSyntaxError.self) { try GoDuration(parsing: text) }
    }

    static let formatCases: [(String, Int64)] = [
        ("0s", 0), ("1ns", 1 * nanosecond), ("1.1\u{00B5}s", 1100 * nanosecond), ("2.2ms", 2200 * microsecond),
        ("3.3s", 3300 * millisecond), ("4m5s", 4 * minute + 5 * second), ("4m5.001s", 4 * minute + 5001 * millisecond),
        ("5h6m7.001s", 5 * hour + 6 * minute + 7001 * millisecond), ("8m0.000000001s", 8 * minute + 1 * nanosecond),
        ("2562047h47m16.854775807s", Int64.max), ("-2562047h47m16.854775808s", Int64.min),
        ("1h30m0s", 90 * minute), ("15m0s", 15 * minute), ("-1.5s", -1500 * millisecond),
    ]

    @Test("formats like Go's Duration.String", arguments: formatCases)
    func formatsLikeGo(expected: String, nanoseconds: Int64) {
        #expect(GoDuration(nanoseconds: nanoseconds).description == expected)
    }

    @Test(
        "abbreviated form leaves out zero parts",
        arguments: [
            ("1h30m", "1h30m"), ("15m", "15m"), ("30s", "30s"), ("1h0m30s", "1h30s"), ("90s", "1m30s"),
            ("24h", "24h"), ("1.5s", "1.5s"), ("300ms", "300ms"), ("0", "0s"), ("-90m", "-1h30m"),
            ("1h0.5s", "1h0.5s"), ("1.5us", "1.5\u{00B5}s"),
        ])
    func abbreviated(text: String, expected: String) throws {
        #expect(try GoDuration(parsing: text).abbreviated == expected)
    }

    @Test("round-trips through the Go form")
    func roundTrip() throws {
        for (text, _) in Self.validCases {
            let duration = try GoDuration(parsing: text)
            #expect(try GoDuration(parsing: duration.description) == duration, "\(text)")
            #expect(try GoDuration(parsing: duration.abbreviated) == duration, "\(text)")
        }
    }

    @Test("converts to seconds and Duration")
    func conversions() throws {
        let duration = try GoDuration(parsing: "1h30m10.5s")
        #expect(duration.seconds == 5410.5)
        #expect(duration.duration == .seconds(5410) + .milliseconds(500))
        #expect(GoDuration.minutes(15) == (try GoDuration(parsing: "15m")))
        #expect(GoDuration.hours(1) > GoDuration.seconds(3599))
    }

    @Test(
        "error messages are plain words",
        arguments: [
            ("fast", #"expected a duration such as 15m or 1h30m, got "fast""#),
            ("", #"expected a duration such as 15m or 1h30m, got """#),
            ("15", #"expected a duration such as 15m or 1h30m, got "15"; a number needs a unit: ns, us, ms, s, m or h"#),
            ("1d", #"expected a duration such as 15m or 1h30m, got "1d"; "d" is not a unit; Go durations have no days, write 24h"#),
            (
                "5 minutes",
                #"expected a duration such as 15m or 1h30m, got "5 minutes"; " minutes" is not a unit; durations contain no blanks, e.g. 1h30m"#
            ),
            ("5min", #"expected a duration such as 15m or 1h30m, got "5min"; "min" is not a unit; write m for minutes"#),
            (
                "3weeks",
                #"expected a duration such as 15m or 1h30m, got "3weeks"; "weeks" is not a unit; Go durations have no weeks, write 168h"#
            ),
            ("9999999h", #""9999999h" is too long: durations are limited to about 292 years"#),
        ])
    func messages(text: String, message: String) {
        #expect {
            try GoDuration(parsing: text)
        } throws: { error in
            (error as? DurationSyntaxError)?.message == message && "\(error)" == message
        }
    }

    @Test("reasons distinguish the kinds of mistake")
    func reasons() {
        func reason(_ text: String) -> DurationSyntaxError.Reason? {
            do { _ = try GoDuration(parsing: text) } catch { return error.reason }
            return nil
        }
        #expect(reason("fast") == .notADuration)
        #expect(reason("15") == .missingUnit)
        #expect(reason("1d") == .unknownUnit("d"))
        #expect(reason("9223372036854775808ns") == .outOfRange)
        #expect(reason("15m") == nil)
    }
}
