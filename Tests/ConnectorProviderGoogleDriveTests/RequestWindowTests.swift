import Testing

@testable import ConnectorProviderGoogleDrive

/// The Drive walk's window of requests in flight, call by call.
@Suite struct RequestWindowTests {
    @Test func itGrowsWhileTheCallerWaitsUpToTheLimit() {
        var window = RequestWindow(limit: 8)
        #expect(window.size == 2)
        for _ in 0..<10 { window.adjust(answersWaiting: 0) }
        #expect(window.size == 8)
        #expect(RequestWindow(limit: 1).size == 1)
    }

    /// Over a slow link the answers of requests started together arrive together and are taken one by one: the window
    /// does not shrink while they drain, and grows when the caller waits again.
    @Test func answersArrivingTogetherDoNotShrinkIt() {
        var window = RequestWindow(limit: 8)
        for _ in 0..<6 { window.adjust(answersWaiting: 0) }
        #expect(window.size == 8)
        for waiting in [7, 6, 5, 4, 3, 2, 1, 0, 6, 5, 4, 3, 2, 1, 0] { window.adjust(answersWaiting: waiting) }
        #expect(window.size == 8)
    }

    /// A caller slower than the answers (the store sets the pace): as many wait at each call as at the last, and the
    /// window shrinks to one, so decoded answers do not pile up in memory.
    @Test func aBacklogThatDoesNotDrainShrinksIt() {
        var window = RequestWindow(limit: 8)
        for _ in 0..<6 { window.adjust(answersWaiting: 0) }
        for waiting in [2, 3, 3, 3, 2, 2, 2, 2, 2, 2] { window.adjust(answersWaiting: waiting) }
        #expect(window.size == 1)
        window.adjust(answersWaiting: 1)
        #expect(window.size == 1, "one waiting answer is the caller keeping up")
    }
}
