import ConnectorHTTP
import ConnectorHTTPTestSupport
import Foundation
import Testing

@Suite("ThrottlePause and weighted budgets")
struct ThrottlePauseTests {
    @Test("a rate-limited answer with Retry-After holds back every request that shares the pause, not only its own")
    func oneRetryAfterPausesEveryRequest() async throws {
        try await withHarness(clock: ManualClock()) { harness in
            harness.server.enqueue(.json(429, #"{"error":{"code":"activityLimitReached"}}"#, headers: [("Retry-After", "7")]))
            let pause = ThrottlePause(clock: harness.clock)
            let context = RequestContext(throttlePause: pause)
            let first = Task { try await harness.client.send(harness.get("/a"), context: context) }
            try await harness.clock.waitForSleepers(1)
            #expect(pause.remaining == .seconds(7))
            // A request that starts during the pause waits it out before it is sent.
            let second = Task { try await harness.client.send(harness.get("/b"), context: context) }
            try await harness.clock.waitForSleepers(2)
            #expect(harness.server.requestCount == 1)
            harness.clock.advance(by: .seconds(7))
            _ = try await first.value
            _ = try await second.value
            #expect(harness.server.requestCount == 3)
            #expect(pause.remaining == .zero)
        }
    }

    @Test("without a shared pause only the call that was told waits")
    func withoutAPauseOnlyTheCallWaits() async throws {
        try await withHarness(clock: ManualClock(autoAdvance: true)) { harness in
            harness.server.enqueue(.json(429, "{}", headers: [("Retry-After", "3")]))
            _ = try await harness.client.send(harness.get("/a"), context: RequestContext())
            #expect(harness.clock.recordedSleeps == [.seconds(3)])
        }
    }

    @Test("a longer pause is never shortened by a shorter Retry-After")
    func pausesOnlyGrow() {
        let clock = ManualClock()
        let pause = ThrottlePause(clock: clock)
        pause.extend(by: .seconds(30))
        pause.extend(by: .seconds(2))
        #expect(pause.remaining == .seconds(30))
        clock.advance(by: .seconds(31))
        #expect(pause.remaining == .zero)
    }

    @Test("a request's cost counts that many units of its family's budget")
    func costsAreWeighed() async throws {
        let clock = ManualClock(autoAdvance: true)
        let pacer = FamilyPacer(budgets: ["graph": .init(requests: 5, per: .seconds(60))], clock: clock)
        try await pacer.acquire(family: "graph", cost: 2)
        try await pacer.acquire(family: "graph", cost: 2)
        try await pacer.acquire(family: "graph", cost: 1)
        #expect(clock.recordedSleeps.isEmpty)
        try await pacer.acquire(family: "graph", cost: 2)
        #expect(clock.recordedSleeps == [.seconds(60)])
    }

    @Test("the client takes a request's cost from the pacer")
    func clientPassesTheCost() async throws {
        try await withHarness { harness in
            let pacer = FamilyPacer(budgets: ["graph": .init(requests: 4)], clock: harness.clock)
            var request = harness.get("/delta", family: "graph")
            request.cost = 2
            for _ in 0..<3 { _ = try await harness.client.send(request, context: RequestContext(familyPacer: pacer)) }
            #expect(harness.clock.recordedSleeps == [.seconds(60)])
        }
    }
}
