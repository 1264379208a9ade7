import ConnectorSchedule
import Foundation
import Testing

@Suite("ScheduleTimeZone")
struct ScheduleTimeZoneTests {
    @Test(
        "accepts IANA names and UTC",
        arguments: [
            "UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
            "America/Sao_Paulo", "Pacific/Chatham", "America/Argentina/Buenos_Aires",
        ])
    func accepts(name: String) throws {
        #expect(ScheduleTimeZone.isValidIANATimeZone(name))
        let zone = try ScheduleTimeZone(identifier: name)
        #expect(zone.identifier == name)
        #expect(zone.description == name)
    }

    @Test(
        "rejects abbreviations, wrong case and garbage",
        arguments: [
            "EST", "CEST", "PST", "Europe/Berln", "europe/berlin", "Berlin", "garbage", "", "Etc/UTC", "utc",
            "+01:00", "Europe/", "/Berlin",
        ])
    func rejects(name: String) {
        #expect(!ScheduleTimeZone.isValidIANATimeZone(name))
        #expect(throws: UnknownTimeZoneError.self) { try ScheduleTimeZone(identifier: name) }
    }

    @Test(
        "suggests close matches",
        arguments: [
            ("Europe/Berln", ["Europe/Berlin"]),
            ("europe/berlin", ["Europe/Berlin"]),
            ("Berlin", ["Europe/Berlin"]),
            ("New York", ["America/New_York"]),
            ("America/New-York", ["America/New_York"]),
            ("Asia/Kolkatta", ["Asia/Kolkata"]),
            ("Etc/UTC", ["UTC"]),
            ("utc", ["UTC"]),
            ("Zulu", ["UTC"]),
            ("xyzzy-not-a-zone", []),
        ])
    func suggestions(name: String, expected: [String]) {
        #expect {
            try ScheduleTimeZone(identifier: name)
        } throws: { error in
            (error as? UnknownTimeZoneError)?.suggestions.prefix(expected.count) == expected[...]
                && (expected.isEmpty == (error as? UnknownTimeZoneError)?.suggestions.isEmpty)
        }
    }

    @Test(
        "messages are plain words",
        arguments: [
            ("Europe/Berln", #"unknown time zone "Europe/Berln"; did you mean "Europe/Berlin"?"#),
            ("Etc/UTC", #"unknown time zone "Etc/UTC"; did you mean "UTC"?"#),
            ("xyzzy-not-a-zone", #"unknown time zone "xyzzy-not-a-zone"; expected an IANA name such as "Europe/Berlin" or "UTC""#),
        ])
    func messages(name: String, message: String) {
        #expect {
            try ScheduleTimeZone(identifier: name)
        } throws: { error in
            "\(error)" == message
        }
    }

    @Test("abbreviations are called out")
    func abbreviations() {
        #expect {
            try ScheduleTimeZone(identifier: "CEST")
        } throws: { error in
            "\(error)".hasPrefix(#"unknown time zone "CEST" (abbreviations are ambiguous)"#)
        }
    }

    @Test("UTC keeps its name and has no offset")
    func utc() throws {
        let zone = try ScheduleTimeZone(identifier: "UTC")
        #expect(zone == .utc)
        #expect(zone.identifier == "UTC")
        #expect(zone.timeZone.secondsFromGMT(for: .now) == 0)
        #expect(try ScheduleTimeZone(identifier: "Europe/Berlin") != .utc)
    }
}
