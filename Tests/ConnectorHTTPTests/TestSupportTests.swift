import ConnectorHTTP
import ConnectorHTTPTestSupport
import Testing

@Suite("Test support: manual clock, seeded random, fault-injecting server")
struct TestSupportTests {
    @Test("a manual clock wakes sleepers only when advanced past their deadline")
    func manualClock() async throws {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(5)) }
        try await clock.waitForSleepers(1)
        clock.advance(by: .seconds(4))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(1))
        try await sleeper.value
        #expect(clock.now.offset == .seconds(5))
        #expect(clock.recordedSleeps == [.seconds(5)])
    }

    @Test("auto-advance completes sleeps at once and moves now")
    func autoAdvance() async throws {
        let clock = ManualClock(autoAdvance: true)
        try await clock.sleep(for: .milliseconds(1500))
        try await clock.sleep(for: .seconds(2))
        #expect(clock.now.offset == .milliseconds(3500))
        #expect(clock.recordedSleeps == [.milliseconds(1500), .seconds(2)])
    }

    @Test("cancelling a sleeper wakes it with CancellationError")
    func manualClockCancellation() async throws {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(60)) }
        try await clock.waitForSleepers(1)
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test("seeded sources repeat their sequence and stay in 0..<1")
    func seededRandom() {
        let first = SeededRandomSource(seed: 99)
        let second = SeededRandomSource(seed: 99)
        let values = (0..<1000).map { _ in first.nextUnit() }
        #expect(values == (0..<1000).map { _ in second.nextUnit() })
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(Set(values).count == 1000)
    }

    @Test("the server routes through its handler after the queue, and records requests")
    func serverRouting() async throws {
        let server = FaultInjectingHTTPServer { request in
            request.path == "/hello" ? .text("hi \(request.queryValue("name") ?? "?")") : .status(404)
        }
        let port = try await server.start()
        #expect(port > 0)
        server.enqueue(.status(204))
        let client = ProviderHTTPClient(configuration: testConfiguration(), logger: LogCapture().logger())
        let context = RequestContext()
        let first = try await client.send(HTTPRequestSpec(url: server.baseURL + "/hello"), context: context)
        let second = try await client.send(HTTPRequestSpec(url: server.baseURL + "/hello?name=a%20b+c"), context: context)
        let third = await httpError { try await client.send(HTTPRequestSpec(url: server.baseURL + "/nope"), context: context) }
        #expect(first.status == 204)
        #expect(second.bodyText == "hi a b c")
        #expect(third?.code == .notFound)
        #expect(server.requests.map(\.index) == [0, 1, 2])
        #expect(server.requests[1].query == "name=a%20b+c")
        try await client.shutdown()
        await server.stop()
    }

    @Test("withClient shuts its client down, and errors match by code in catch clauses")
    func scopedClientAndCatchByCode() async throws {
        let server = FaultInjectingHTTPServer()
        try await server.start()
        let status = try await ProviderHTTPClient.withClient(configuration: testConfiguration(), logger: LogCapture().logger()) { client in
            do {
                _ = try await client.send(HTTPRequestSpec(url: server.baseURL + "/missing"), context: RequestContext())
                Issue.record("a 404 should throw")
                return 0
            } catch HTTPError.Code.notFound {
                return 404
            }
        }
        #expect(status == 404)
        await server.stop()
    }
}
