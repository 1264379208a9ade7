import ConnectorDaemon
import ConnectorModel
import ConnectorProvider
import ConnectorTestSupport
import Foundation
import Testing

/// Shutdown lets a running sync commit its page and record itself as cancelled, within the grace period.
@Suite(.timeLimit(.minutes(2))) struct DaemonShutdownTests {
    /// One page, then a listing that never ends until cancelled (a slow provider).
    struct EndlessProvider: FileProvider {
        var capabilities: ProviderCapabilities { ProviderCapabilities(changeFeed: false) }
        var statistics: ProviderStatistics { ProviderStatistics() }
        func changeFeedStartToken() async throws -> String? { nil }

        func list(_ request: ListingRequest) -> AsyncThrowingStream<ProviderPage, any Error> {
            let pages = AsyncThrowingStream<ProviderPage, any Error>.makeStream()
            pages.continuation.yield(ProviderPage(files: [FileMetadata(id: "first", name: "first.txt", path: "first.txt")], isLast: false))
            let waiting = Task {
                try? await Task.sleep(for: .seconds(3600))
                pages.continuation.finish(throwing: CancellationError())
            }
            pages.continuation.onTermination = { _ in waiting.cancel() }
            return pages.stream
        }
    }

    @Test func aRunningSyncIsRecordedAsCancelled() async throws {
        let registry = ProviderRegistry().registering(.local) { _ in EndlessProvider() }
        try await DaemonHarness.run(manifests: ["slow.yaml": localManifest("slow")], registry: registry) { daemon in
            try await eventually("the first page committed") {
                try await daemon.store.files(endpoint: "slow", limit: nil).count == 1
            }
            let started = ContinuousClock.now
            await daemon.daemon.shutdown()
            try await eventually("the run recorded") {
                try await daemon.store.syncRuns(endpoint: "slow", limit: 1).first?.status == .cancelled
            }
            #expect(ContinuousClock.now - started < .seconds(15), "well within the 25 s shutdown grace")
            #expect(daemon.daemon.status.isShuttingDown)
        }
    }
}
