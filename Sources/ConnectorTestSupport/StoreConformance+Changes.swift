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
            _ = try await store.reconcile { (_) throws -> (ReconcileWrites, Void) in throw Refusal() }
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
        let chosen = try await store.changes(ChangeQuery(endpoints: ["nobody", "events"], types: [.syncFailed]))
        try expect(chosen.count == 3, "by a set of endpoints: \(chosen.count)")
        try expect(try await store.changes(ChangeQuery(endpoints: [])).isEmpty, "by no endpoint at all")
        let named = try await store.endpointNames(selectedBy: try LabelSelector(parsing: "env=prod"))
        try expect(named == ["events"], "endpoints by label selector: \(named)")
        try expect(try await store.endpointNames(selectedBy: try LabelSelector(parsing: "env!=prod")).isEmpty, "none selected")
        let recent = try await store.changes(ChangeQuery(since: start.addingTimeInterval(40)))
        try expect(recent.map(\.type) == [.syncStarted, .syncSucceeded, .syncRecovered], "by time: \(recent.map(\.type.rawValue))")
        let page = try await store.changes(ChangeQuery(after: events[0].sequence, limit: 2))
        try expect(page.map(\.sequence) == [events[1].sequence, events[2].sequence], "a limited page after a cursor")
    }
}

extension StoreConformance {
    /// Compaction deletes the events retention no longer keeps, oldest first and by sequence (what stays is one
    /// unbroken run), by count and by age; a cursor it overtook is refused as expired, never answered with a gap;
    /// sequence numbers go on and are never reused, even after every event went.
    static func changeRetentionCompactsAndExpiresOvertakenCursors(_ store: any CatalogStore) async throws {
        let base = Date(timeIntervalSince1970: 1_795_000_000)
        func create(_ name: String, hoursAfter hours: Double) async throws {
            var record = try sample(name)
            record.updatedAt = base.addingTimeInterval(hours * 3600)
            let write = EndpointWrite(record: record, resetsCursor: false)
            _ = try await store.reconcile { _ in ([write], ()) }
        }
        func sequences(after: Int64) async throws -> [Int64] { try await store.changes(ChangeQuery(after: after)).map(\.sequence) }
        func expired(after: Int64) async throws -> Bool {
            do {
                _ = try await store.changes(ChangeQuery(after: after))
                return false
            } catch let error as StoreError where error.code == .expired {
                return true
            }
        }
        for index in 0..<5 { try await create("kept\(index)", hoursAfter: Double(index)) }
        let now = base.addingTimeInterval(4 * 3600)
        try expect(try await store.compactChanges(keeping: ChangeRetention(maxCount: 3), now: now) == 2, "two beyond the newest three")
        try expect(try await store.compactedChangeSequence() == 2, "compacted through 2")
        try expect(try await sequences(after: 0) == [3, 4, 5], "0 reads from the oldest kept")
        try expect(try await sequences(after: 2) == [3, 4, 5], "a cursor at the horizon loses nothing")
        try expect(try await expired(after: 1), "a cursor before the horizon is expired")
        let aged = try await store.compactChanges(keeping: ChangeRetention(maxAge: .seconds(5400)), now: now)
        try expect(aged == 1, "the one event older than 90 minutes that was left went: \(aged)")
        let (twoExpired, threeExpired) = (try await expired(after: 2), try await expired(after: 3))
        try expect(twoExpired && !threeExpired, "the horizon moved to 3")
        try expect(
            try await store.compactChanges(keeping: ChangeRetention(maxAge: .seconds(5400), maxCount: 10), now: now) == 0, "nothing more")
        try await create("later", hoursAfter: 5)
        try expect(try await sequences(after: 3) == [4, 5, 6], "numbering goes on")
        try expect(try await store.compactChanges(keeping: ChangeRetention(maxCount: 0), now: now) == 3, "everything goes")
        let (left, horizon) = (try await sequences(after: 0), try await store.compactedChangeSequence())
        try expect(left.isEmpty && horizon == 6, "an empty log: \(left), compacted through \(horizon)")
        try await create("after", hoursAfter: 6)
        try expect(try await sequences(after: 6) == [7], "a sequence number is never reused")
        // By age, from the oldest in sequence order: an old time after a young one stays with it (what stays is one
        // unbroken run, and an event is never dropped while an older-numbered one is kept).
        try await create("late-arrival", hoursAfter: 1)
        try await create("latest", hoursAfter: 8)
        let late = try await store.compactChanges(keeping: ChangeRetention(maxAge: .seconds(5400)), now: base.addingTimeInterval(8 * 3600))
        let afterLate = try await sequences(after: 0)
        try expect(late == 2 && afterLate == [9], "7 and 8 went, 9 stays: \(late), \(afterLate)")
        try await create("young-then-old", hoursAfter: 9)
        try await create("old-after-young", hoursAfter: 2)
        let kept = try await store.compactChanges(
            keeping: ChangeRetention(maxAge: .seconds(5400)), now: base.addingTimeInterval(9.6 * 3600))
        let afterKept = try await sequences(after: 0)
        try expect(kept == 1 && afterKept == [10, 11], "9 went; 11, older than the cutoff, stays after 10: \(kept), \(afterKept)")
    }
}
