import ConnectorHTTP
import ConnectorHTTPTestSupport
import NIOConcurrencyHelpers
import Testing

@Suite("TokenBucket and FamilyPacer")
struct PacingTests {
    @Test("10 requests at 5 rps with burst 1 sleep 1.8 s in total, 0.2 s each after the first")
    func tokenBucketThroughClient() async throws {
        try await withHarness { harness in
            let bucket = TokenBucket(requestsPerSecond: 5, burst: 1, clock: harness.clock)
            let context = RequestContext(tokenBucket: bucket)
            for _ in 0..<10 { _ = try await harness.client.send(harness.get(), context: context) }
            let sleeps = harness.clock.recordedSleeps
            #expect(sleeps.count == 9)
            for sleep in sleeps { #expect(abs((sleep - .milliseconds(200)).seconds) < 1e-6) }
            #expect(abs((harness.clock.totalRecordedSleep - .milliseconds(1800)).seconds) < 1e-6)
            #expect(harness.server.requestCount == 10)
        }
    }

    @Test("a burst passes at once, then the rate applies; a quiet period refills the bucket")
    func tokenBucketBurst() async throws {
        let clock = ManualClock(autoAdvance: true)
        let bucket = TokenBucket(requestsPerSecond: 10, burst: 5, clock: clock)
        for _ in 0..<5 { try await bucket.acquire() }
        #expect(clock.recordedSleeps.isEmpty)
        try await bucket.acquire()
        #expect(clock.recordedSleeps.count == 1)
        #expect(abs((clock.recordedSleeps[0] - .milliseconds(100)).seconds) < 1e-6)
        clock.advance(by: .seconds(10))
        clock.clearRecordedSleeps()
        for _ in 0..<5 { try await bucket.acquire() }
        #expect(clock.recordedSleeps.isEmpty)
    }

    @Test("concurrent callers of one family never exceed its budget in any window")
    func familyBudgetNeverExceeded() async throws {
        let clock = ManualClock()
        let budget = FamilyPacer.Budget(requests: 5, per: .seconds(60))
        let pacer = FamilyPacer(budgets: ["contents": budget, "versions": .init(requests: 100)], clock: clock)
        let grants = NIOLockedValueBox<[Duration]>([])
        let finished = NIOLockedValueBox(0)
        let callers = 4
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<callers {
                group.addTask {
                    for _ in 0..<5 {
                        try await pacer.acquire(family: "contents")
                        let now = clock.now.offset
                        grants.withLockedValue { $0.append(now) }
                    }
                    finished.withLockedValue { $0 += 1 }
                }
            }
            // Move the clock only when every caller is asleep on it or done.
            let start = ContinuousClock.now
            while finished.withLockedValue({ $0 }) < callers {
                if clock.sleeperCount + finished.withLockedValue({ $0 }) == callers, clock.sleeperCount > 0 {
                    clock.advanceToNextDeadline()
                }
                // A guard against a hang, not a timing: on a loaded machine the woken callers may wait seconds for a
                // thread (the whole suite shares two), so it is generous.
                try #require(ContinuousClock.now - start < .seconds(60))
                try await Task.sleep(for: .milliseconds(1))
            }
            try await group.waitForAll()
        }
        let times = grants.withLockedValue { $0 }.sorted()
        #expect(times.count == 20)
        for time in times {
            let inWindow = times.filter { $0 > time - budget.window && $0 <= time }.count
            #expect(inWindow <= budget.requests, "\(inWindow) grants in the window ending at \(time)")
        }
        #expect(times.last == .seconds(180))
    }

    @Test("families are paced independently, and unknown families pass unless a default budget is set")
    func familiesIndependent() async throws {
        let clock = ManualClock(autoAdvance: true)
        let pacer = FamilyPacer(budgets: ["hubs": .init(requests: 2)], clock: clock)
        for _ in 0..<2 { try await pacer.acquire(family: "hubs") }
        for _ in 0..<50 { try await pacer.acquire(family: "other") }
        #expect(clock.recordedSleeps.isEmpty)
        try await pacer.acquire(family: "hubs")
        #expect(clock.recordedSleeps == [.seconds(60)])

        let strict = FamilyPacer(budgets: [:], defaultBudget: .init(requests: 1, per: .seconds(10)), clock: clock)
        try await strict.acquire(family: "anything")
        try await strict.acquire(family: "anything")
        #expect(clock.recordedSleeps.last == .seconds(10))
    }

    @Test("the client paces each request by its family")
    func clientUsesFamily() async throws {
        try await withHarness { harness in
            let pacer = FamilyPacer(budgets: ["projects": .init(requests: 2)], clock: harness.clock)
            let context = RequestContext(familyPacer: pacer)
            for _ in 0..<3 { _ = try await harness.client.send(harness.get("/p", family: "projects"), context: context) }
            for _ in 0..<3 { _ = try await harness.client.send(harness.get("/v", family: "versions"), context: context) }
            #expect(harness.clock.recordedSleeps == [.seconds(60)])
            #expect(harness.server.requestCount == 6)
        }
    }

    @Test("a caller cancelled while waiting for the bucket gives its slot back")
    func cancelledWaiterReturnsSlot() async throws {
        let clock = ManualClock()
        let bucket = TokenBucket(requestsPerSecond: 1, burst: 1, clock: clock)
        try await bucket.acquire()
        let waiter = Task { try await bucket.acquire() }
        try await clock.waitForSleepers(1)
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        clock.advance(by: .seconds(1))
        // With the slot returned, one second refills the bucket and the next caller need not wait.
        let next = Task { try await bucket.acquire() }
        try await Task.sleep(for: .milliseconds(50))
        #expect(clock.sleeperCount == 0)
        clock.advance(by: .seconds(10))
        try await next.value
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}

/// What happened first: a request's token, its budget's grant, or its arrival at the server.
private final class EventOrder: Sendable {
    private let events = NIOLockedValueBox<[String]>([])
    var all: [String] { events.withLockedValue { $0 } }
    func note(_ event: String) { events.withLockedValue { $0.append(event) } }
}

private struct RecordingLedger: BudgetLedger {
    let order: EventOrder
    func grant(app: String, family: String, cost: Int, budget: FamilyPacer.Budget) async throws -> Duration {
        order.note("grant")
        return .zero
    }
}

@Suite struct PacingTokenOrderTests {
    /// A grant is the moment a request may go: it is taken only once the token is in hand, so that fetching a token
    /// never holds a granted request back (it would then reach the service in a later window than its grant).
    @Test func aRequestHasItsTokenBeforeItsBudgetIsGranted() async throws {
        let order = EventOrder()
        try await withHarness(handler: { _ in
            order.note("sent")
            return .json(#"{"ok":true}"#)
        }) { harness in
            let cache = OAuthTokenCache(clock: harness.clock) {
                order.note("token")
                return AccessToken(value: "token-1", expiresIn: .seconds(3600))
            }
            let pacer = FamilyPacer(
                budgets: ["contents": .init(requests: 10)], clock: harness.clock, ledger: RecordingLedger(order: order), app: "a")
            let context = RequestContext(tokenCache: cache, familyPacer: pacer)
            for _ in 0..<2 { _ = try await harness.client.send(harness.get("/c", family: "contents"), context: context) }
            #expect(order.all == ["token", "grant", "sent", "grant", "sent"])
        }
    }
}
