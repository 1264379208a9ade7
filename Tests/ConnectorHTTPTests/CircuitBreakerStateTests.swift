import ConnectorHTTP
import Testing

@Suite("CircuitBreakerState, without I/O")
struct CircuitBreakerStateTests {
    let policy = CircuitBreakerPolicy(failureThreshold: 3, openDuration: .seconds(30))

    private func opened(at now: Duration = .seconds(10)) -> CircuitBreakerState {
        var state = CircuitBreakerState(policy: policy)
        for _ in 0..<3 { _ = state.event(.failed(now: now)) }
        return state
    }

    @Test("closed: requests proceed; failures below the threshold are counted")
    func closedCounts() {
        var state = CircuitBreakerState(policy: policy)
        #expect(state.event(.requestWillStart(now: .zero)) == .proceed)
        #expect(state.event(.failed(now: .zero)) == .none)
        #expect(state.event(.failed(now: .zero)) == .none)
        #expect(state.phase == .closed(failures: 2))
    }

    @Test("closed: a success resets the count; abandoned requests change nothing")
    func closedSuccessResets() {
        var state = CircuitBreakerState(policy: policy)
        _ = state.event(.failed(now: .zero))
        _ = state.event(.failed(now: .zero))
        #expect(state.event(.abandoned) == .none)
        #expect(state.phase == .closed(failures: 2))
        #expect(state.event(.succeeded) == .none)
        #expect(state.phase == .closed(failures: 0))
        _ = state.event(.failed(now: .zero))
        _ = state.event(.failed(now: .zero))
        #expect(state.phase == .closed(failures: 2))
    }

    @Test("the threshold-th consecutive failure opens the circuit for the open duration")
    func opens() {
        var state = CircuitBreakerState(policy: policy)
        _ = state.event(.failed(now: .seconds(1)))
        _ = state.event(.failed(now: .seconds(2)))
        #expect(state.event(.failed(now: .seconds(3))) == .opened(until: .seconds(33)))
        #expect(state.phase == .open(until: .seconds(33)))
    }

    @Test("open: requests are rejected with the time left; late outcomes are ignored")
    func openRejects() {
        var state = opened()
        #expect(state.event(.requestWillStart(now: .seconds(15))) == .reject(retryIn: .seconds(25)))
        #expect(state.event(.succeeded) == .none)
        #expect(state.event(.failed(now: .seconds(20))) == .none)
        #expect(state.event(.abandoned) == .none)
        #expect(state.phase == .open(until: .seconds(40)))
    }

    @Test("after the open duration exactly one probe goes; others are rejected while it is in flight")
    func halfOpenSingleProbe() {
        var state = opened()
        #expect(state.event(.requestWillStart(now: .seconds(40))) == .probe)
        #expect(state.phase == .halfOpen(probeInFlight: true))
        #expect(state.event(.requestWillStart(now: .seconds(41))) == .reject(retryIn: nil))
        // Outcomes of requests that are not the probe do not settle it.
        #expect(state.event(.succeeded) == .none)
        #expect(state.event(.failed(now: .seconds(41))) == .none)
        #expect(state.phase == .halfOpen(probeInFlight: true))
    }

    @Test("a successful probe closes the circuit")
    func probeSuccessCloses() {
        var state = opened()
        _ = state.event(.requestWillStart(now: .seconds(40)))
        #expect(state.event(.succeeded, isProbe: true) == .closed)
        #expect(state.phase == .closed(failures: 0))
        #expect(state.event(.requestWillStart(now: .seconds(41))) == .proceed)
    }

    @Test("a failed probe opens the circuit again from the time of failure")
    func probeFailureReopens() {
        var state = opened()
        _ = state.event(.requestWillStart(now: .seconds(40)))
        #expect(state.event(.failed(now: .seconds(42)), isProbe: true) == .opened(until: .seconds(72)))
        #expect(state.event(.requestWillStart(now: .seconds(50))) == .reject(retryIn: .seconds(22)))
    }

    @Test("an abandoned probe lets the next request probe")
    func probeAbandoned() {
        var state = opened()
        _ = state.event(.requestWillStart(now: .seconds(40)))
        #expect(state.event(.abandoned, isProbe: true) == .none)
        #expect(state.phase == .halfOpen(probeInFlight: false))
        #expect(state.event(.requestWillStart(now: .seconds(41))) == .probe)
    }

    @Test("a disabled policy never opens")
    func disabled() {
        var state = CircuitBreakerState(policy: .disabled)
        for second in 0..<100 {
            #expect(state.event(.failed(now: .seconds(second))) == .none)
        }
        #expect(state.event(.requestWillStart(now: .seconds(100))) == .proceed)
        #expect(state.phase == .closed(failures: 0))
    }

    @Test("every phase answers every event", arguments: 0..<4)
    func exhaustive(eventIndex: Int) {
        let now: Duration = .seconds(100)
        let events: [CircuitBreakerState.Event] = [.requestWillStart(now: now), .succeeded, .failed(now: now), .abandoned]
        let starts: [CircuitBreakerState] = {
            let closed = CircuitBreakerState(policy: policy)
            var open = opened(at: .seconds(90))
            var halfOpen = opened(at: .zero)
            _ = halfOpen.event(.requestWillStart(now: .seconds(30)))
            _ = open.event(.requestWillStart(now: .seconds(95)))
            return [closed, open, halfOpen]
        }()
        let expected: [[CircuitBreakerState.Action]] = [
            // closed, open (until 120), half-open with probe in flight — for a non-probe outcome
            [.proceed, .reject(retryIn: .seconds(20)), .reject(retryIn: nil)],
            [.none, .none, .none],
            [.none, .none, .none],
            [.none, .none, .none],
        ]
        for (index, start) in starts.enumerated() {
            var state = start
            #expect(state.event(events[eventIndex]) == expected[eventIndex][index], "start \(index)")
        }
    }
}
