import ConnectorModel
import ConnectorStore
import Foundation

extension StoreConformance {
    /// A sink's delivery record: created at its starting cursor by the first claim, held by one owner at a time until
    /// the lease expires, its cursor moved only forward and only by the holder, failures counted until a delivery
    /// succeeds, a dead letter kept until resumed.
    static func sinkDeliveriesKeepACursorUnderALease(_ store: any CatalogStore) async throws {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }
        try expect(try await store.sinkDeliveries().isEmpty, "no sink yet")
        let first = try await store.claimSinkDelivery("hook", owner: "a", startingAfter: 40, now: at(0), expiresAt: at(30))
        try expect(first == SinkDelivery(sink: "hook", cursor: 40), "a new sink starts at its cursor: \(String(describing: first))")
        let other = try await store.claimSinkDelivery("hook", owner: "b", startingAfter: 0, now: at(10), expiresAt: at(40))
        try expect(other == nil, "another owner waits while the lease is live")
        try expect(try await store.recordSinkDelivered("hook", owner: "b", through: 90, at: at(11)) == false, "only the holder writes")
        try expect(try await store.recordSinkDelivered("hook", owner: "a", through: 50, at: at(12)), "the holder moves the cursor")
        try expect(try await store.recordSinkDelivered("hook", owner: "a", through: 45, at: at(13)), "an older batch is accepted")
        let failed = try await store.recordSinkFailure(
            "hook", owner: "a", error: "503 from the receiver", retryAt: at(20), deadLettered: false, at: at(14))
        _ = try await store.recordSinkFailure("hook", owner: "a", error: "timed out", retryAt: at(25), deadLettered: false, at: at(15))
        var states = try await store.sinkDeliveries()
        try expect(
            failed
                && states == [
                    SinkDelivery(sink: "hook", cursor: 50, failures: 2, retryAt: at(25), lastError: "timed out", lastDeliveryAt: at(13))
                ],
            "never back, failures counted: \(states)")

        // The lease expired: b takes over where a stopped; a can no longer write.
        let taken = try await store.claimSinkDelivery("hook", owner: "b", startingAfter: 0, now: at(31), expiresAt: at(60))
        try expect(taken?.cursor == 50 && taken?.failures == 2, "the next owner goes on from the cursor: \(String(describing: taken))")
        try expect(
            try await store.recordSinkFailure("hook", owner: "a", error: "x", retryAt: nil, deadLettered: true, at: at(32)) == false,
            "a lost it")
        _ = try await store.recordSinkFailure(
            "hook", owner: "b", error: "401 from the receiver", retryAt: nil, deadLettered: true, at: at(33))
        states = try await store.sinkDeliveries()
        try expect(states.first?.deadLetteredAt == at(33) && states.first?.failures == 3, "dead-lettered: \(states)")
        try await store.resumeSinkDelivery("hook")
        _ = try await store.recordSinkDelivered("hook", owner: "b", through: 70, at: at(34))
        states = try await store.sinkDeliveries()
        try expect(
            states == [SinkDelivery(sink: "hook", cursor: 70, lastDeliveryAt: at(34))],
            "resumed, then delivered: failures forgotten: \(states)")
        let renewed = try await store.claimSinkDelivery("hook", owner: "b", startingAfter: 0, now: at(35), expiresAt: at(90))
        try expect(renewed?.cursor == 70, "the holder renews its lease")
        _ = try await store.claimSinkDelivery("second", owner: "a", startingAfter: 7, now: at(36), expiresAt: at(60))
        try expect(try await store.sinkDeliveries().map(\.sink) == ["hook", "second"], "every sink, by name")
    }
}
