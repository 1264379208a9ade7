import ConnectorSchedule
import Foundation
import Testing

/// Inputs that `scripts/fuzz.sh` (target `FuzzCron`) found to crash, hang or misbehave, kept as tests.
@Suite("Fuzz regressions: schedule")
struct ScheduleFuzzRegressionTests {
    /// A long unknown zone name cost its length times every zone's in edit distances: a 4 KiB name took seconds,
    /// a manifest-sized one minutes. Lengths that differ by more than the accepted distance are now skipped.
    @Test("a long unknown zone name is refused quickly", .timeLimit(.minutes(1)))
    func longUnknownZoneName() {
        let started = ContinuousClock.now
        let name = "Europe/" + String(repeating: "x", count: 1_000_000)
        #expect(throws: UnknownTimeZoneError.self) { try ScheduleTimeZone(identifier: name) }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("a long name still gets the suggestions its city earns")
    func longNameWithAKnownCity() {
        let name = String(repeating: "x", count: 10_000) + "/Berlin"
        #expect {
            try ScheduleTimeZone(identifier: name)
        } throws: { error in
            (error as? UnknownTimeZoneError)?.suggestions == ["Europe/Berlin"]
        }
    }
}
