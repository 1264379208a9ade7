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
        try expect(
            first == SinkDelivery(sink: "hook", cursor: 40, leaseOwner: "a"),
            "a new sink starts at its cursor: \(String(describing: first))")
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
                    SinkDelivery(
                        sink: "hook", cursor: 50, failures: 2, retryAt: at(25), lastError: "timed out", lastDeliveryAt: at(13),
                        leaseOwner: "a")
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
            states == [SinkDelivery(sink: "hook", cursor: 70, lastDeliveryAt: at(34), leaseOwner: "b")],
            "resumed, then delivered: failures forgotten: \(states)")
        let renewed = try await store.claimSinkDelivery("hook", owner: "b", startingAfter: 0, now: at(35), expiresAt: at(90))
        try expect(renewed?.cursor == 70, "the holder renews its lease")
        _ = try await store.claimSinkDelivery("second", owner: "a", startingAfter: 7, now: at(36), expiresAt: at(60))
        try expect(try await store.sinkDeliveries().map(\.sink) == ["hook", "second"], "every sink, by name")

        // Events the sink does not want are passed over without touching the last delivery's time.
        try expect(try await store.recordSinkDelivered("hook", owner: "b", through: 80, at: nil), "passing over")
        var hook = try await store.sinkDeliveries().first { $0.sink == "hook" }
        try expect(
            hook?.cursor == 80 && hook?.lastDeliveryAt == at(34), "the cursor moves, the last delivery stays: \(String(describing: hook))")
        // A holder known to be gone (a killed process) is taken over before its lease expires; nobody else's is.
        try expect(
            try await store.claimSinkDelivery("hook", owner: "c", startingAfter: 0, now: at(40), expiresAt: at(99), staleOwner: "a") == nil,
            "a stale owner other than the holder takes nothing")
        hook = try await store.claimSinkDelivery("hook", owner: "c", startingAfter: 0, now: at(40), expiresAt: at(99), staleOwner: "b")
        try expect(hook?.leaseOwner == "c" && hook?.cursor == 80, "the gone holder's lease is taken over: \(String(describing: hook))")
        // A released lease is free at once.
        try await store.releaseSinkLease("hook", owner: "b")
        try expect(try await store.sinkDeliveries().first { $0.sink == "hook" }?.leaseOwner == "c", "only the holder releases")
        try await store.releaseSinkLease("hook", owner: "c")
        try expect(
            try await store.claimSinkDelivery("hook", owner: "d", startingAfter: 0, now: at(41), expiresAt: at(99))?.cursor == 80,
            "released: another owner claims it before it would have expired")
    }

    /// Sinks are written by reconciles like endpoints (read back by the snapshot and ``EndpointCatalog/sinks()``), and
    /// each write does what it says to the delivery record: a new or revived sink starts after the newest event
    /// before the reconcile's own events, a new generation clears failures and dead letter, anything else keeps it.
    static func sinksAreReconciledWithTheirDeliveries(_ store: any CatalogStore) async throws {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        @Sendable func sink(_ name: String, generation: Int = 1, state: EndpointState = .active) -> StoredSink {
            StoredSink(
                name: name, spec: #"{"webhook":{"signingSecret":{"fromEnv":"S"},"url":"https://example.com/hooks"}}"#,
                specHash: "hash-\(generation)", generation: generation, state: state, labels: ["team": "docs"], sourceFile: "/m/sinks.yaml",
                createdAt: start, updatedAt: start)
        }
        let endpoint = try sample("alpha")
        _ = try await store.reconcile { _ in
            (
                ReconcileWrites(
                    endpoints: [EndpointWrite(record: endpoint, resetsCursor: false)],
                    sinks: [SinkWrite(record: sink("hook"), delivery: .restarted)]), ()
            )
        }
        let newest = try await store.latestChangeSequence()
        try expect(try await store.snapshot().sinks == ["hook": sink("hook")], "the snapshot holds the sink")
        try expect(try await store.sinks() == [sink("hook")], "the sinks read alone")
        var states = try await store.sinkDeliveries()
        try expect(
            states.map(\.sink) == ["hook"] && states.first!.cursor == newest - 1,
            "a new sink starts before its reconcile's own event (\(newest)): \(states)")
        if case .failure(let error) = sink("hook").configuration { throw ConformanceFailure(description: "\(error)") }

        let claimed = try await store.claimSinkDelivery(
            "hook", owner: "a", startingAfter: 0, now: start, expiresAt: start.addingTimeInterval(60))
        try expect(claimed?.cursor == newest - 1, "the daemon claims it where the reconcile put it")
        _ = try await store.recordSinkFailure("hook", owner: "a", error: "401", retryAt: nil, deadLettered: true, at: start)
        var relabel = sink("hook")
        relabel.labels = ["team": "ops"]
        let relabelled = relabel
        _ = try await store.reconcile { _ in (ReconcileWrites(endpoints: [], sinks: [SinkWrite(record: relabelled, delivery: .kept)]), ()) }
        states = try await store.sinkDeliveries()
        try expect(states.first?.deadLetteredAt != nil && states.first?.failures == 1, "kept: \(states)")
        _ = try await store.reconcile { _ in
            (ReconcileWrites(endpoints: [], sinks: [SinkWrite(record: sink("hook", generation: 2), delivery: .resumed)]), ())
        }
        states = try await store.sinkDeliveries()
        try expect(
            states.first?.deadLetteredAt == nil && states.first?.failures == 0 && states.first?.cursor == newest - 1
                && states.first?.lastError == "401",
            "a new generation resumes from the cursor: \(states)")
        _ = try await store.reconcile { _ in
            (ReconcileWrites(endpoints: [], sinks: [SinkWrite(record: sink("hook", generation: 2, state: .retired), delivery: .kept)]), ())
        }
        try expect(try await store.sinks().first?.state == .retired, "retired")
        _ = try await store.recordSinkDelivered("hook", owner: "a", through: 1, at: start)
        _ = try await store.reconcile { _ in
            (ReconcileWrites(endpoints: [], sinks: [SinkWrite(record: sink("hook", generation: 3), delivery: .restarted)]), ())
        }
        states = try await store.sinkDeliveries()
        try expect(
            states.first?.cursor == (try await store.latestChangeSequence()) && states.first?.lastDeliveryAt == nil
                && states.first?.leaseOwner == "a",
            "revived: delivery starts afresh after the newest event, the lease is left to expire: \(states)")
        struct Refusal: Error {}
        do {
            _ = try await store.reconcile { (_) throws -> (ReconcileWrites, Void) in throw Refusal() }
        } catch {}
        try expect(try await store.sinks().map(\.generation) == [3], "a refused decision writes no sink")
    }

    /// The version of the manifests a reconcile applied is recorded with its writes and read back by the snapshot; a
    /// reconcile without one leaves it.
    static func manifestVersionIsRecordedWithTheReconcile(_ store: any CatalogStore) async throws {
        try expect(try await store.snapshot().manifestVersion == nil, "none yet")
        let time = Date(timeIntervalSince1970: 1_796_000_000.123_456)
        let version = ManifestVersion(source: .configMap, time: time, identity: "..2026_12_01_00_00_00.1", contentHash: "abc")
        _ = try await store.reconcile { _ in (ReconcileWrites(endpoints: [], manifestVersion: version), ()) }
        let read = try await store.snapshot().manifestVersion
        try expect(
            read == version && read?.time == Date(timeIntervalSince1970: 1_796_000_000.123),
            "to the millisecond: \(String(describing: read))")
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try sample("alpha"), resetsCursor: false)], ()) }
        try expect(try await store.snapshot().manifestVersion == version, "a reconcile without a version leaves the store's")
        let files = ManifestVersion(source: .files, time: time.addingTimeInterval(5), contentHash: "def")
        _ = try await store.reconcile { _ in (ReconcileWrites(endpoints: [], manifestVersion: files), ()) }
        let replaced = try await store.snapshot().manifestVersion
        try expect(replaced == files, "replaced: \(String(describing: replaced))")
    }
}
