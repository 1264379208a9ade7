import ConnectorModel
import ConnectorStore
import Foundation

extension StoreConformance {
    /// A full listing's unchanged files are sighted, not rewritten: the end of the listing keeps what it sighted or
    /// wrote and removes the rest, and a present file's last sighting is then the listing's start. Sightings of a
    /// listing abandoned before are no sightings of the next; a listing that cannot vouch for itself removes nothing
    /// and marks what it sighted; a page of changes marks its unchanged files at its own time; a removed file keeps
    /// the time it was last seen.
    static func listingsSightUnchangedFilesAndSweepTheRest(_ store: any CatalogStore) async throws {
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try sample("listed"), resetsCursor: false)], ()) }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }
        func file(_ id: String, _ hash: String) -> CatalogFile {
            CatalogFile(
                endpoint: "listed", metadata: FileMetadata(id: id, name: id, path: id, size: 1),
                firstSeenAt: start, lastSeenAt: start, contentHash: hash)
        }
        func page(_ files: [CatalogFile], removed: [String] = [], at seconds: TimeInterval, listing: TimeInterval?) -> SyncPageWrite {
            SyncPageWrite(
                endpoint: "listed", files: files, removedIDs: removed, seenAt: at(seconds), cursor: "c\(Int(seconds))",
                listingStartedAt: listing.map(at))
        }
        func complete(_ listing: TimeInterval, sweeping: Bool = true, at seconds: TimeInterval) async throws -> Int {
            try await store.completeListing(
                endpoint: "listed", listingStartedAt: at(listing), ending: sweeping ? .sweep : .keepUnseen, cursor: "done\(Int(seconds))",
                at: at(seconds), correlationID: nil)
        }
        func catalog() async throws -> [String: CatalogFile] {
            Dictionary(uniqueKeysWithValues: try await store.files(endpoint: "listed", limit: nil).map { ($0.fileID, $0) })
        }
        func lastSeen(_ files: [String: CatalogFile]) -> [String: TimeInterval] {
            files.mapValues { $0.lastSeenAt.timeIntervalSince(start) }
        }

        // The first listing writes every file.
        _ = try await store.applySyncPage(page([file("a", "1"), file("b", "1"), file("c", "1"), file("d", "1")], at: 1, listing: 0))
        try expect(try await complete(0, at: 5) == 0, "the first listing removes nothing")
        // The second sights a and c, rewrites b, and does not see d.
        let first = try await store.applySyncPage(page([file("a", "1"), file("b", "2")], at: 101, listing: 100))
        let second = try await store.applySyncPage(page([file("c", "1")], at: 102, listing: 100))
        try expect(try await store.applySyncPage(page([], at: 103, listing: 100)) == SyncPageCounts(), "an empty page sights nothing")
        try expect(first == SyncPageCounts(updated: 1, unchanged: 1) && second == SyncPageCounts(unchanged: 1), "\(first), \(second)")
        try expect(try await store.syncState(endpoint: "listed").cursor == "c103", "a page of sightings stores its cursor")
        var files = try await catalog()
        try expect(lastSeen(files) == ["a": 1, "b": 101, "c": 1, "d": 1], "sightings wait for the listing's end: \(lastSeen(files))")
        try expect(try await complete(100, at: 110) == 1, "the file the listing did not see is removed")
        files = try await catalog()
        try expect(files["d"]?.state == .removed && files["d"]?.removedAt == at(110), "d removed: \(String(describing: files["d"]))")
        try expect(
            lastSeen(files) == ["a": 100, "b": 101, "c": 100, "d": 1],
            "sighted files were seen at the listing's start, written ones at their page, the removed one before: \(lastSeen(files))")
        try expect(try await store.syncState(endpoint: "listed").cursor == "done110", "the listing's end stores its cursor")

        // A listing abandoned after sighting a; the next one sights only b and c.
        _ = try await store.applySyncPage(page([file("a", "1")], at: 201, listing: 200))
        _ = try await store.applySyncPage(page([file("b", "2"), file("c", "1")], at: 301, listing: 300))
        try expect(try await complete(300, at: 310) == 1, "a sighting of an abandoned listing keeps nothing")
        files = try await catalog()
        try expect(files["a"]?.state == .removed, "a removed: \(String(describing: files["a"]))")
        try expect(lastSeen(files) == ["a": 100, "b": 300, "c": 300, "d": 1], "a was last seen by the listing before: \(lastSeen(files))")

        // A listing that cannot vouch for itself sights b, does not see c, and removes nothing.
        _ = try await store.applySyncPage(page([file("b", "2")], at: 401, listing: 400))
        try expect(try await complete(400, sweeping: false, at: 410) == 0, "an unvouched listing removes nothing")
        files = try await catalog()
        try expect(files["c"]?.state == .present, "c stays present: \(String(describing: files["c"]))")
        try expect(lastSeen(files) == ["a": 100, "b": 400, "c": 300, "d": 1], "b marked seen at the listing's start: \(lastSeen(files))")

        // Pages of changes: c seen again unchanged, then b removed.
        let changes = try await store.applySyncPage(page([file("c", "1")], at: 500, listing: nil))
        try expect(changes == SyncPageCounts(unchanged: 1), "\(changes)")
        let removal = try await store.applySyncPage(page([], removed: ["b"], at: 600, listing: nil))
        try expect(removal == SyncPageCounts(removed: 1), "\(removal)")
        files = try await catalog()
        try expect(files["b"]?.state == .removed && files["b"]?.removedAt == at(600), "b removed: \(String(describing: files["b"]))")
        try expect(lastSeen(files) == ["a": 100, "b": 400, "c": 500, "d": 1], "a page of changes marks at its time: \(lastSeen(files))")
        try expect(
            try await store.files(endpoint: "listed", ids: ["c"]).map(\.lastSeenAt) == [at(500)], "a file read by id agrees")

        // A listing interrupted and resumed: its pages knew its start to the nanosecond, the cursor that resumed it
        // to the millisecond. Its sightings still count.
        let started = at(700).addingTimeInterval(0.000_456_7)
        let sighted = try await store.applySyncPage(
            SyncPageWrite(endpoint: "listed", files: [file("c", "1")], seenAt: at(701), cursor: nil, listingStartedAt: started))
        try expect(sighted == SyncPageCounts(unchanged: 1), "\(sighted)")
        let resumedStart =
            try Timestamp.parse(Timestamp.rfc3339Milliseconds(started)) ?? { throw ConformanceFailure(description: "unparsable") }()
        try expect(try await complete(resumedStart.timeIntervalSince(start), at: 710) == 0, "the resumed listing keeps what it sighted")
        try expect(try await catalog()["c"]?.state == .present, "c stays present")
    }

    /// A listing that began on an empty catalog ends as a sweep that does not look for unseen files: nothing is
    /// removed, the folders it did not see are forgotten, and it stores its cursor.
    static func aFirstListingEndsAsASweepWithoutLookingForUnseenFiles(_ store: any CatalogStore) async throws {
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try sample("fresh"), resetsCursor: false)], ()) }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }
        let file = CatalogFile(
            endpoint: "fresh", metadata: FileMetadata(id: "a", name: "a", path: "a", size: 1), firstSeenAt: start, lastSeenAt: start,
            contentHash: "1")
        let earlier = CatalogFolder(id: "earlier", name: "Earlier", path: "Earlier", parentID: nil)
        _ = try await store.applySyncPage(SyncPageWrite(endpoint: "fresh", files: [], folders: [earlier], seenAt: at(-10), cursor: nil))
        let seen = CatalogFolder(id: "seen", name: "Seen", path: "Seen", parentID: nil)
        _ = try await store.applySyncPage(
            SyncPageWrite(endpoint: "fresh", files: [file], folders: [seen], seenAt: at(1), cursor: "c1", listingStartedAt: at(0)))
        let removed = try await store.completeListing(
            endpoint: "fresh", listingStartedAt: at(0), ending: .sweepAfterEmptyStart, cursor: "done", at: at(5), correlationID: nil)
        try expect(removed == 0, "nothing removed (\(removed))")
        try expect(try await store.files(endpoint: "fresh", ids: ["a"]).map(\.state) == [.present], "a stays present")
        try expect(try await store.folder(endpoint: "fresh", id: "earlier") == nil, "a folder the listing did not see is forgotten")
        try expect(try await store.folder(endpoint: "fresh", id: "seen") == seen, "the one it saw is kept")
        try expect(try await store.syncState(endpoint: "fresh").cursor == "done", "the cursor is stored")
    }
}
