import ConnectorHTTPTestSupport
import ConnectorModel
import ConnectorProvider
import ConnectorStore
import ConnectorTestSupport
import Foundation
import Logging
import Testing

@testable import ConnectorSync

/// The end of a run is recorded even when the store blinks as the run ends: an unreachable store is retried
/// within ``SyncEngine/recordRetryWindow``, so the run is not left `running`; past the window the failure is
/// thrown to the caller (the daemon logs it; the next sync of the endpoint goes on). The retry waits on a manual
/// clock that moves as the engine sleeps, so the window is measured exactly however loaded the machine is.
@Suite struct RunEndRetryTests {
    @Test func anUnreachableStoreAtTheEndIsRetriedAndTheRunRecorded() async throws {
        try await withFlakyStore(failingEnds: 2) { store, endpoint, logs in
            let clock = ManualClock(autoAdvance: true)
            var engine = engine(store, logs: logs)
            engine.retryClock = clock
            let run = try await engine.sync(endpoint, trigger: .manual)
            #expect(run.status == .succeeded && run.created == 3, "\(run)")
            #expect(store.endAttempts == 3, "two refusals, then recorded")
            #expect(clock.recordedSleeps == [.milliseconds(250), .milliseconds(500)], "backoff doubles")
            let recorded = try #require(try await store.syncRuns(endpoint: "photos", limit: 1).first)
            #expect(recorded.status == .succeeded && recorded.finishedAt != nil && recorded.created == 3, "\(recorded)")
            #expect(logs.all.filter { $0.contains("cannot record the end of the run yet") }.count == 2, "\(logs.all)")
        }
    }

    @Test func pastTheRetryWindowTheFailureIsThrownAndTheRunStaysOpen() async throws {
        try await withFlakyStore(failingEnds: 100) { store, endpoint, logs in
            let clock = ManualClock(autoAdvance: true)
            var engine = engine(store, logs: logs)
            engine.retryClock = clock
            engine.recordRetryWindow = .seconds(20)
            let error = try await #require(throws: StoreError.self) { _ = try await engine.sync(endpoint, trigger: .manual) }
            #expect(error.code == .unreachable)
            // 0.25 + 0.5 + 1 + 2 + 4 + 8 = 15.75 s of waiting; a further 10 s would pass the 20 s window.
            #expect(clock.recordedSleeps.map { $0 / .milliseconds(250) } == [1, 2, 4, 8, 16, 32], "\(clock.recordedSleeps)")
            #expect(store.endAttempts == 7, "\(store.endAttempts)")
            let recorded = try #require(try await store.syncRuns(endpoint: "photos", limit: 1).first)
            #expect(recorded.status == .running && recorded.finishedAt == nil)
        }
    }

    private func engine(_ store: InterposedSyncStore, logs: LogCapture) -> SyncEngine {
        let source = InMemoryFileSource(files: (1...3).map { FileMetadata(id: "f\($0)", name: "f\($0)", path: "f\($0)") })
        return SyncEngine(
            store: store, registry: ProviderRegistry().registering(.local) { _ in source }, environment: [:], logger: logs.logger())
    }

    private func withFlakyStore(
        failingEnds: Int, _ body: @Sendable (InterposedSyncStore, StoredEndpoint, LogCapture) async throws -> Void
    ) async throws {
        try await SyncEngineTests().withStore(.sqlite) { store, endpoint in
            try await body(InterposedSyncStore(store, failingEnds: failingEnds), endpoint, LogCapture())
        }
    }
}
