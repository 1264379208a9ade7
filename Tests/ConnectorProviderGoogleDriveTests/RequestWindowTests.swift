import Testing

@testable import ConnectorProviderGoogleDrive

/// The Drive walk's window of requests in flight: as many as answers the caller takes in one round trip.
@Suite struct RequestWindowTests {
    @Test func itStartsAtTwoUntilBothTimesAreMeasured() {
        var window = RequestWindow(limit: 8)
        #expect(window.size == 2)
        window.record(roundTrip: .milliseconds(100))
        #expect(window.size == 2, "no answer taken yet")
        #expect(RequestWindow(limit: 1).size == 1)
    }

    /// 100 ms away, with a caller that takes 15 ms an answer: seven requests keep it busy; with a quicker caller the
    /// window stops at the limit.
    @Test func aLongRoundTripOpensItUpToTheLimit() {
        var window = RequestWindow(limit: 8)
        window.record(roundTrip: .milliseconds(100))
        window.record(timePerAnswer: .milliseconds(15))
        #expect(window.size == 7)
        for _ in 0..<20 { window.record(timePerAnswer: .milliseconds(2)) }
        #expect(window.size == 8)
    }

    /// On loopback the store sets the pace: an answer takes longer to write than to fetch, so one request at a time
    /// keeps the caller busy and decoded answers do not pile up in memory.
    @Test func aCallerSlowerThanTheLinkKeepsItAtOne() {
        var window = RequestWindow(limit: 8)
        for _ in 0..<10 {
            window.record(roundTrip: .milliseconds(8))
            window.record(timePerAnswer: .milliseconds(14))
        }
        #expect(window.size == 1)
    }

    /// The store pausing for a moment (a checkpoint) does not close the window over a slow link: the times are
    /// smoothed (a quarter of the weight to the newest), so one answer taking three times as long moves it from eight
    /// to five, not to three, and it opens again as the caller catches up.
    @Test func oneSlowAnswerMovesItLittle() {
        var window = RequestWindow(limit: 8)
        for _ in 0..<10 {
            window.record(roundTrip: .milliseconds(100))
            window.record(timePerAnswer: .milliseconds(14))
        }
        #expect(window.size == 8)
        window.record(timePerAnswer: .milliseconds(40))
        #expect(window.size == 5)
        for _ in 0..<20 { window.record(timePerAnswer: .milliseconds(14)) }
        #expect(window.size == 8)
    }
}
