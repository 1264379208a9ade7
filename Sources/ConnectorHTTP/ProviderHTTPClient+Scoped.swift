import Foundation
import Logging

extension ProviderHTTPClient {
    /// Runs `body` with a new client and shuts the client down afterwards, also when `body` throws.
    ///
    /// AsyncHTTPClient requires an explicit shutdown (debug builds trap when a client is released while running);
    /// this scope makes that impossible to forget for short-lived users such as commands and tests.
    /// - Parameters:
    ///   - configuration: Timeouts, policies and limits.
    ///   - clock: The clock for backoff sleeps and breaker timing.
    ///   - random: The jitter source.
    ///   - logger: Receives the client's debug lines.
    ///   - observer: Told about every attempt, for metrics.
    ///   - body: The work to do with the client.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or the shutdown error.
    public static func withClient<Result>(
        configuration: Configuration = Configuration(),
        clock: any Clock<Duration> = ContinuousClock(),
        random: any RandomSource = SystemRandomSource(),
        logger: Logger,
        observer: (@Sendable (RequestObservation) -> Void)? = nil,
        _ body: (ProviderHTTPClient) async throws -> Result
    ) async throws -> Result {
        let client = ProviderHTTPClient(configuration: configuration, clock: clock, random: random, logger: logger, observer: observer)
        let result: Result
        do {
            result = try await body(client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return result
    }
}
