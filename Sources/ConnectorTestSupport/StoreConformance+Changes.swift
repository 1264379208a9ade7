import ConnectorModel
import ConnectorStore
import Foundation

extension StoreConformance {
    /// Reconciles and sync runs leave their events in the outbox, numbered in commit order: an endpoint created,
    /// updated (with what changed), retired and revived; a run started, failed (with its error), interrupted, and
    /// succeeded after a failure (the endpoint recovered too: an interrupted run leaves the last status as it was). A reconcile whose decision fails leaves none. Reads filter by cursor,
    /// time, endpoint and type.
    static func changeEventsRecordEndpointsAndRuns(_ store: any CatalogStore) async throws {
        try expect(try await store.latestChangeSequence() == 0, "an empty store has no events")
        let created = try sample("events")
        func write(_ record: StoredEndpoint, resetsCursor: Bool = false) async throws {
            _ = try await store.reconcile { _ in ([EndpointWrite(record: record, resetsCursor: resetsCursor)], ()) }
        }
        try await write(created)
        try await write(created)
        var updated = created
        updated.generation = 2
        updated.specHash = String(repeating: "c", count: 64)
        updated.labels["env"] = "prod"
        updated.updatedAt = created.updatedAt.addingTimeInterval(60)
        try await write(updated)
        var retired = updated
        retired.state = .retired
        retired.updatedAt = updated.updatedAt.addingTimeInterval(60)
        try await write(retired)
        struct Refusal: Error {}
        do {
            _ = try await store.reconcile { (_) throws -> ([EndpointWrite], Void) in throw Refusal() }
        } catch {}
        var revived = retired
        revived.state = .active
        revived.updatedAt = retired.updatedAt.addingTimeInterval(60)
        try await write(revived, resetsCursor: true)

        let start = revived.updatedAt.addingTimeInterval(60)
        func run(_ id: Int64, _ status: SyncRunStatus, at offset: TimeInterval, error: String? = nil) -> SyncRunRecord {
            SyncRunRecord(
                id: id, endpoint: "events", trigger: .manual, mode: .full, startedAt: start.addingTimeInterval(offset),
                finishedAt: status == .running ? nil : start.addingTimeInterval(offset + 1), status: status, created: 3,
                error: error, correlationID: "run-\(id)")
        }
        let first = try await store.startSyncRun(run(0, .running, at: 0))
        try await store.finishSyncRun(run(first, .failed, at: 0, error: "the folder is gone"), nextSyncAt: nil, fullListingCompletedAt: nil)
        let second = try await store.startSyncRun(run(0, .running, at: 10))
        let third = try await store.startSyncRun(run(0, .running, at: 20))  // the second's process stopped
        try await store.finishSyncRun(run(third, .succeeded, at: 20), nextSyncAt: nil, fullListingCompletedAt: nil)

        let events = try await store.changes(ChangeQuery())
        let expected: [ChangeEventType] = [
            .endpointCreated, .endpointUpdated, .endpointRetired, .endpointRevived, .syncStarted, .syncFailed, .syncStarted,
            .syncFailed, .syncStarted, .syncSucceeded, .syncRecovered,
        ]
        try expect(events.map(\.type) == expected, "events in commit order: \(events.map(\.type.rawValue))")
        try expect(zip(events, events.dropFirst()).allSatisfy { $0.sequence < $1.sequence }, "sequence numbers increase")
        try expect(try await store.latestChangeSequence() == events.last?.sequence, "the latest sequence is the last event's")
        try expect(events.allSatisfy { $0.endpoint == "events" }, "every event names its endpoint")
        try expect(
            events[1].data.contains(#""changed":["spec","labels"]"#) && events[1].data.contains(#""previousGeneration":1"#),
            "an update says what changed: \(events[1].data)")
        try expect(events[0].time == created.updatedAt && events[4].time == start, "events carry their change's time")
        try expect(
            events[5].data.contains("the folder is gone") && events[5].correlationID == "run-\(first)",
            "a failure carries its error and the run's correlation id: \(events[5])")
        try expect(
            events[7].data.contains(#""runId":\#(second)"#) && events[7].data.contains("interrupted"),
            "the interrupted run's failure is recorded when the next run starts: \(events[7].data)")
        try expect(events[9].data.contains(#""created":3"#), "a success carries its counts: \(events[9].data)")

        // A success after a failure: the endpoint recovered.
        let fourth = try await store.startSyncRun(run(0, .running, at: 30))
        try await store.finishSyncRun(run(fourth, .failed, at: 30, error: "rate limited"), nextSyncAt: nil, fullListingCompletedAt: nil)
        let fifth = try await store.startSyncRun(run(0, .running, at: 40))
        try await store.finishSyncRun(run(fifth, .succeeded, at: 40), nextSyncAt: nil, fullListingCompletedAt: nil)
        let later = try await store.changes(ChangeQuery(after: events[10].sequence))
        try expect(
            later.map(\.type) == [.syncStarted, .syncFailed, .syncStarted, .syncSucceeded, .syncRecovered],
            "events after a cursor, a recovery after the success: \(later.map(\.type.rawValue))")

        // Filters.
        let failures = try await store.changes(ChangeQuery(types: [.syncFailed]))
        try expect(failures.count == 3 && failures.allSatisfy { $0.type == .syncFailed }, "by type: \(failures.count)")
        try expect(try await store.changes(ChangeQuery(endpoint: "nobody")).isEmpty, "by endpoint")
        let recent = try await store.changes(ChangeQuery(since: start.addingTimeInterval(40)))
        try expect(recent.map(\.type) == [.syncStarted, .syncSucceeded, .syncRecovered], "by time: \(recent.map(\.type.rawValue))")
        let page = try await store.changes(ChangeQuery(after: events[0].sequence, limit: 2))
        try expect(page.map(\.sequence) == [events[1].sequence, events[2].sequence], "a limited page after a cursor")
    }
}
