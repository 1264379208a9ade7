import AsyncHTTPClient
import FakeMicrosoftGraph
import Foundation
import Testing

/// Errors, throttling, faults, latency and `$batch` (fact sheet §7–§9).
@Suite struct FakeGraphServiceTests {
    @Test func resourceUnitsThrottlePerAppAndRecoverAfterTheWindow() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.filesReadAll])
            let (_, other) = try await harness.app([.filesReadAll])
            harness.graph.resourceUnitsPerMinute = 10
            let item = "/v1.0/drives/\(harness.drive)/root"
            for index in 0..<4 { #expect(try await harness.get(item, token).status == 200, "1 RU each, call \(index)") }
            harness.clock.advance(20)
            for _ in 0..<3 { #expect(try await harness.get(item + "/children", token).status == 200, "2 RU each") }
            let throttled = try await harness.get(item, token)
            #expect(throttled.status == 429)
            #expect(throttled.errorCode == "activityLimitReached")
            let retryAfter = try #require(throttled.header("Retry-After").flatMap(Int.init))
            #expect(retryAfter == 40, "until the first four calls leave the window")
            #expect(harness.graph.throttledCount == 1)
            #expect(try await harness.get(item, other).status == 200, "budgets are per app")
            #expect(try await harness.get("/v1.0/drives/\(harness.drive)/root/delta", token).status == 429, "throttled calls count too")
            #expect(harness.graph.throttledCount == 2)
            harness.clock.advance(61)
            #expect(try await harness.get(item, token).status == 200, "the window slid past")
            harness.graph.resourceUnitsPerMinute = nil
            for _ in 0..<20 { #expect(try await harness.get(item, token).status == 200) }
        }
    }

    @Test func errorBodiesNestAndEchoTheClientRequestID() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.filesReadAll])
            var spellings: Set<String> = []
            for index in 0..<30 {
                let clientRequestID = "6f1c2e0a-0000-4000-8000-\(String(format: "%012d", index))"
                let answer = try await harness.get(
                    "/v1.0/drives/\(harness.drive)/items/01ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", token,
                    headers: [("client-request-id", clientRequestID)])
                #expect(answer.status == 404)
                #expect(answer.header("client-request-id") == clientRequestID)
                #expect(answer.header("request-id")?.count == 36)
                let error = try #require(answer.json["error"] as? [String: Any])
                #expect(error["code"] as? String == "itemNotFound")
                #expect(error["message"] is String)
                let key = try #require(error.keys.first { $0.lowercased() == "innererror" })
                spellings.insert(key)
                let inner = try #require(error[key] as? [String: Any])
                #expect(inner["client-request-id"] as? String == clientRequestID)
                #expect(inner["request-id"] as? String == answer.header("request-id"))
                #expect((inner["date"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/) != nil)
            }
            #expect(spellings == ["innerError", "innererror"], "a seeded share uses the older spelling")
            harness.graph.resourceUnitsPerMinute = 1
            _ = try await harness.get("/v1.0/drives/\(harness.drive)", token)
            let throttled = try await harness.get("/v1.0/drives/\(harness.drive)", token)
            let error = try #require(throttled.json["error"] as? [String: Any])
            let inner = error["innerError"] ?? error["innererror"]
            #expect((inner as? [String: Any])?["code"] as? String == "throttledRequest", "a more specific code nested inside")
        }
    }

    @Test func injectedFaultsComeFirstWithRetryAfter() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.filesReadAll])
            harness.graph.failNext(.throttled, .unavailable, .internalError, .badGateway, .gatewayTimeout)
            let url = "/v1.0/drives/\(harness.drive)/root"
            let throttled = try await harness.get(url, token)
            #expect(throttled.status == 429 && throttled.header("Retry-After") == "1" && throttled.errorCode == "activityLimitReached")
            let unavailable = try await harness.get(url, token)
            #expect(unavailable.status == 503 && unavailable.header("Retry-After") == "1" && unavailable.errorCode == "serviceNotAvailable")
            #expect(try await harness.get(url, token).status == 500)
            #expect(try await harness.get(url, token).status == 502)
            #expect(try await harness.get(url, token).status == 504)
            #expect(try await harness.get(url, token).status == 200)
            harness.graph.failNext(.connectionReset)
            await #expect(throws: (any Error).self) { _ = try await harness.get(url, token) }
            #expect(harness.graph.injectedFaultCount == 6)
            #expect(harness.graph.throttledCount == 0, "injected 429s are not budget 429s")

            // Faults come before anything changes: they use no resource units.
            harness.graph.resourceUnitsPerMinute = 2
            harness.graph.failNext(.unavailable, .unavailable, .unavailable)
            for _ in 0..<3 { #expect(try await harness.get(url, token).status == 503) }
            #expect(try await harness.get(url, token).status == 200)
            #expect(try await harness.get(url, token).status == 200)
            #expect(try await harness.get(url, token).status == 429)
            harness.graph.resourceUnitsPerMinute = nil
            #expect(harness.graph.requestCount("item.get") == 13, "faulted requests are counted too")
            harness.graph.resetRequestCounts()
            #expect(harness.graph.requestCounts.isEmpty)

            harness.graph.injectFaults(rate: 0.5, seed: 3, kinds: [.unavailable])
            var statuses: [Int] = []
            for _ in 0..<40 { statuses.append(try await harness.get(url, token).status) }
            #expect(statuses.contains(503) && statuses.contains(200))
            #expect(Set(statuses) == [200, 503])
        }
    }

    @Test func latencyDelaysAnswersAndCountsRequestsInFlight() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.filesReadAll])
            harness.graph.injectLatency(fixed: .milliseconds(500))
            let start = ContinuousClock.now
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 { group.addTask { try await harness.get("/v1.0/drives/\(harness.drive)", token).status } }
                for try await status in group { #expect(status == 200) }
            }
            #expect(ContinuousClock.now - start >= .milliseconds(500), "every answer waited")
            // The waits overlap: the fake saw several requests at once (a bound on the wall time failed a loaded CI
            // machine at 2.8 s for six overlapping waits of 0.5 s).
            #expect(harness.graph.maxRequestsInFlight >= 3)
        }
    }

    @Test func batchAnswersEachEntryInAnyOrder() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.filesReadAll])
            let file = harness.graph.createFile(name: "A.pdf", parent: nil, drive: harness.drive)
            var entries: [String] = []
            for index in 0..<12 {
                let url =
                    index == 5
                    ? "/drives/\(harness.drive)/items/01MISSINGMISSINGMISSINGMISSINGMISS" : "/drives/\(harness.drive)/items/\(file)"
                entries.append(#"{"id":"\#(index + 1)","method":"GET","url":"\#(url)"}"#)
            }
            let body = #"{"requests":[\#(entries.joined(separator: ","))]}"#
            let answer = try await harness.send(
                "POST", "/v1.0/$batch", headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")], body: body)
            #expect(answer.status == 200)
            let responses = try #require(answer.json["responses"] as? [[String: Any]])
            #expect(responses.count == 12)
            let ids = responses.compactMap { $0["id"] as? String }
            #expect(Set(ids) == Set((1...12).map(String.init)))
            #expect(ids != (1...12).map(String.init), "out of order")
            for response in responses {
                let status = response["status"] as? Int
                #expect(status == (response["id"] as? String == "6" ? 404 : 200))
            }
            #expect(harness.graph.requestCount("batch") == 1)
            #expect(harness.graph.requestCount("item.get") == 12)

            let tooMany =
                #"{"requests":[\#((0..<21).map { #"{"id":"\#($0)","method":"GET","url":"/drives/x"}"# }.joined(separator: ","))]}"#
            let refused = try await harness.send(
                "POST", "/v1.0/$batch", headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")], body: tooMany
            )
            #expect(refused.status == 400)

            harness.graph.resourceUnitsPerMinute = 3
            let throttled = try await harness.send(
                "POST", "/v1.0/$batch", headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                body: #"{"requests":[\#(entries.prefix(5).joined(separator: ","))]}"#)
            let inner = try #require(throttled.json["responses"] as? [[String: Any]])
            #expect(inner.filter { $0["status"] as? Int == 429 }.count == 2, "inner requests are throttled one by one")
            #expect(inner.allSatisfy { $0["status"] as? Int != 429 || ($0["headers"] as? [String: Any])?["Retry-After"] != nil })
        }
    }
}
