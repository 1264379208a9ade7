import ConnectorHTTP
import ConnectorHTTPTestSupport
import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing

@Suite("ProviderHTTPClient reports every attempt to its observer")
struct RequestObserverTests {
    @Test("a 503, a reset and a 200 are three observations, the last two retries")
    func everyAttemptIsObserved() async throws {
        let server = FaultInjectingHTTPServer(handler: { _ in .json(#"{"ok":true}"#) })
        try await server.start()
        server.enqueue(.status(503), .reset)
        let seen = NIOLockedValueBox<[RequestObservation]>([])
        let client = ProviderHTTPClient(
            configuration: testConfiguration(), clock: ManualClock(autoAdvance: true), random: SeededRandomSource(seed: 1),
            logger: Logger(label: "test"), observer: { observation in seen.withLockedValue { $0.append(observation) } })
        let response = try await client.send(HTTPRequestSpec(url: server.baseURL + "/x"), context: RequestContext())
        try await client.shutdown()
        await server.stop()
        #expect(response.status == 200)
        let observations = seen.withLockedValue { $0 }
        #expect(observations.map(\.code) == ["503", "error", "200"])
        #expect(observations.map(\.isRetry) == [false, true, true])
        #expect(observations.allSatisfy { $0.duration >= .zero })
    }
}
