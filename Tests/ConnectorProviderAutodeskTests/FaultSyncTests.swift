import ConnectorHTTPTestSupport
import FakeAutodeskAPS
import Foundation
import Testing

/// One request in ten fails (429 with `Retry-After`, 500, 503, dropped connections): the catalog is the same.
@Suite struct FaultSyncTests {
    @Test(.timeLimit(.minutes(2)))
    func tenPercentFaultsGiveTheSameCatalog() async throws {
        var configuration = FakeAutodeskAPS.Configuration()
        configuration.faultRate = 0.1
        configuration.retryAfterSeconds = 2
        configuration.omitIncludedEvery = 5
        configuration.seed = 99
        // Backoff and Retry-After sleeps complete at once on the auto-advancing clock.
        try await ACCTestBed.run(
            shape: FullSyncTests.shape(items: 500), configuration: configuration, clock: ManualClock(autoAdvance: true)
        ) { bed in
            _ = try await bed.endpoint("tower", spec: bed.spec(pageSize: 20))
            let full = try await bed.sync("tower")
            #expect(full.status == .succeeded, "\(full.error ?? "")")
            #expect(full.retries > 0)
            try await bed.expectCatalogMatchesGroundTruth("tower")
            let faults = bed.aps.requestLog.filter(\.faulted).count
            #expect(faults > 5, "faults were injected: \(faults)")

            let visible = bed.aps.visibleItemIDs
            bed.aps.addVersion(item: visible[7])
            bed.aps.deleteItem(visible[8])
            bed.aps.addItem(folder: bed.aps.folderIDs[3], name: "IFC export.ifc")
            let incremental = try await bed.sync("tower")
            #expect(incremental.mode == .incremental)
            #expect(incremental.status == .succeeded, "\(incremental.error ?? "")")
            try await bed.expectCatalogMatchesGroundTruth("tower")
        }
    }
}
