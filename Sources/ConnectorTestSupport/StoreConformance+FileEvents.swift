import ConnectorModel
import ConnectorStore
import Foundation

extension StoreConformance {
    /// Each file a page or a sweep changes is an event in the same transaction, with the run's correlation id and
    /// the page's time: created, updated (with the fields that changed), removed (by id, with a folder's subtree, by a
    /// listing's sweep) and restored; a file seen again unchanged has none, and a page that is refused leaves none. A
    /// read with records adds each file's record as the catalog holds it now.
    static func fileEventsAreWrittenWithTheirChange(_ store: any CatalogStore) async throws {
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try sample("files"), resetsCursor: false)], ()) }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }
        func file(_ id: String, _ hash: String, size: Int64 = 1, modified: Double = 0, parents: [String] = []) -> CatalogFile {
            CatalogFile(
                endpoint: "files",
                metadata: FileMetadata(id: id, name: id, path: "p/\(id)", size: size, modifiedAt: at(modified), parents: parents),
                firstSeenAt: start, lastSeenAt: start, contentHash: hash)
        }
        func page(
            _ files: [CatalogFile], removed: [String] = [], folders: [CatalogFolder] = [], removedFolders: [String] = [],
            at minutes: Double,
            run: String, listing: Double? = nil
        ) -> SyncPageWrite {
            SyncPageWrite(
                endpoint: "files", files: files, removedIDs: removed, folders: folders, removedFolderIDs: removedFolders,
                seenAt: at(minutes),
                cursor: "c\(minutes)", listingStartedAt: listing.map(at), correlationID: run)
        }
        var cursor = try await store.latestChangeSequence()
        func newEvents() async throws -> [ChangeEvent] {
            let events = try await store.changes(ChangeQuery(after: cursor, types: Set(ChangeEventType.allCases.filter(\.isFileEvent))))
            cursor = events.last?.sequence ?? cursor
            return events
        }
        func summary(_ events: [ChangeEvent]) -> [String] { events.map { "\($0.type.rawValue) \($0.fileID ?? "-")" } }

        // New files, in the page's order, with the run and the page's time.
        _ = try await store.applySyncPage(page([file("a", "1"), file("b", "1"), file("c", "1")], at: 1, run: "run-1"))
        var events = try await newEvents()
        try expect(summary(events) == ["file.created a", "file.created b", "file.created c"], "three created: \(summary(events))")
        try expect(
            events.allSatisfy { $0.correlationID == "run-1" && $0.time == at(1) && $0.endpoint == "files" },
            "the run's correlation id and the page's time: \(events)")
        try expect(events[0].data == "{}" && events[0].fileID == "a", "a created file's event names it: \(events[0])")
        // Written together, numbered one by one: a cursor and a limit may fall inside what one write made.
        try expect(events.map(\.sequence) == [1, 2, 3].map { events[0].sequence + $0 - 1 }, "consecutive: \(events.map(\.sequence))")
        let middle = try await store.changes(ChangeQuery(after: events[0].sequence, limit: 1))
        try expect(middle.map(\.fileID) == ["b"] && middle.first?.sequence == events[1].sequence, "after a and one only: \(middle)")
        try expect(try await store.latestChangeSequence() == events[2].sequence, "the latest is the last file's")
        let run = try await store.startSyncRun(
            SyncRunRecord(
                id: 0, endpoint: "files", trigger: .manual, mode: .full, startedAt: at(1.5), status: .running, correlationID: "run-2"))
        let started = try await store.changes(ChangeQuery(after: events[2].sequence))
        try expect(
            started.map(\.type) == [.syncStarted] && started.first?.sequence == events[2].sequence + 1, "numbering goes on: \(started)")
        try await store.finishSyncRun(
            SyncRunRecord(
                id: run, endpoint: "files", trigger: .manual, mode: .full, startedAt: at(1.5), finishedAt: at(1.6), status: .succeeded,
                correlationID: "run-2"), nextSyncAt: nil, fullListingCompletedAt: nil)

        // Unchanged a has none; b changed (size and modification time), c removed by id.
        _ = try await store.applySyncPage(
            page([file("a", "1"), file("b", "2", size: 5, modified: 2)], removed: ["c", "nothing-such"], at: 2, run: "run-2"))
        events = try await newEvents()
        try expect(summary(events) == ["file.updated b", "file.removed c"], "b updated, c removed, a nothing: \(summary(events))")
        try expect(
            events[0].data == #"{"changed":["size","modifiedAt"]}"#, "an update names the fields that changed: \(events[0].data)")

        // c back; a page for an endpoint the store does not hold is refused and leaves no event.
        _ = try await store.applySyncPage(page([file("c", "1")], at: 3, run: "run-3"))
        do {
            _ = try await store.applySyncPage(
                SyncPageWrite(endpoint: "nobody", files: [file("x", "1")], seenAt: at(3), cursor: nil, correlationID: "run-x"))
        } catch {}
        events = try await newEvents()
        try expect(summary(events) == ["file.restored c"], "c restored, nothing for the refused page: \(summary(events))")

        // New files after new ones, then a page that is not all new (PostgreSQL first tries it as all new, and that
        // attempt must leave no event behind).
        _ = try await store.applySyncPage(page([file("d", "1"), file("e", "1")], at: 4, run: "run-4"))
        _ = try await store.applySyncPage(page([file("f", "1"), file("a", "1")], at: 5, run: "run-4"))
        events = try await newEvents()
        try expect(summary(events) == ["file.created d", "file.created e", "file.created f"], "no event twice: \(summary(events))")

        // A folder's subtree.
        let folder = CatalogFolder(id: "sub", name: "p", path: "p", parentID: nil)  // every file is at p/, only g below it
        _ = try await store.applySyncPage(page([file("g", "1", parents: ["sub"])], folders: [folder], at: 6, run: "run-5"))
        _ = try await store.applySyncPage(page([], removedFolders: ["sub"], at: 7, run: "run-5"))
        events = try await newEvents()
        try expect(summary(events) == ["file.created g", "file.removed g"], "g created, then removed with its folder: \(summary(events))")

        // A full listing that sees all but e: the sweep removes e, with the listing's run.
        _ = try await store.applySyncPage(
            page(
                [file("a", "1"), file("b", "2", size: 5, modified: 2), file("c", "1"), file("d", "1"), file("f", "1")], at: 9, run: "run-6",
                listing: 8))
        let swept = try await store.completeListing(
            endpoint: "files", listingStartedAt: at(8), ending: .sweep, cursor: "{}", at: at(10), correlationID: "run-6")
        events = try await newEvents()
        try expect(swept == 1 && summary(events) == ["file.removed e"], "the sweep removes e: \(swept), \(summary(events))")
        try expect(events[0].correlationID == "run-6" && events[0].time == at(10), "the sweep's event: \(events[0])")

        // Read in small batches across big writes: every event once, in order, whatever the batch size.
        let many = (0..<50).map { file("m\($0)", "1") }
        _ = try await store.applySyncPage(page(Array(many[..<30]), at: 11, run: "run-7"))
        _ = try await store.applySyncPage(page(Array(many[30...]), at: 12, run: "run-7"))
        for size in [1, 7, 30, 64] {
            var walked: [String] = []
            var after = cursor
            while true {
                let batch = try await store.changes(ChangeQuery(after: after, limit: size))
                try expect(batch.count <= size, "at most \(size): \(batch.count)")
                guard let last = batch.last else { break }
                walked += batch.compactMap(\.fileID)
                after = last.sequence
            }
            try expect(walked == many.map(\.fileID), "batches of \(size) walk every event once, in order: \(walked.count)")
        }
        cursor = try await store.latestChangeSequence()

        // Read with records: each file event has its file as the catalog holds it now.
        let all = try await store.changesWithFiles(ChangeQuery(types: [.fileUpdated, .fileRemoved]))
        let records = all.map { "\($0.type.rawValue) \($0.file?.fileID ?? "-") \($0.file?.state.rawValue ?? "-")" }
        try expect(
            records == [
                "file.updated b present", "file.removed c present", "file.removed g removed", "file.removed e removed",
            ], "records as they are now: \(records)")
        try expect(all[0].file?.metadata.size == 5, "b's record is its new one")
        try expect(try await store.changes(ChangeQuery(endpoint: "nobody")).isEmpty, "no event for the refused page")
    }
}
