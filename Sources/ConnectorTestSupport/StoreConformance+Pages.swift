import ConnectorModel
import ConnectorStore
import Foundation

extension StoreConformance {
    /// Each file of a page is created, updated, or only seen again, whatever else the page holds: a page all unchanged
    /// (marked seen, its cursor stored), one mixing new, changed, unchanged and returning files, one whose files are
    /// all stored but some changed, pages of new files in a row and one after them that is not. A page for an endpoint
    /// the store does not hold is refused and writes nothing.
    static func pagesAreClassifiedAgainstTheCatalog(_ store: any CatalogStore) async throws {
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try sample("pages"), resetsCursor: false)], ()) }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        func file(_ id: String, _ hash: String, at time: Date = start) -> CatalogFile {
            CatalogFile(
                endpoint: "pages", metadata: FileMetadata(id: id, name: id, path: "p/\(id)", size: Int64(hash.count)),
                firstSeenAt: time, lastSeenAt: time, contentHash: hash)
        }
        func page(_ files: [CatalogFile], removed: [String] = [], at minutes: Double, cursor: String?) -> SyncPageWrite {
            SyncPageWrite(
                endpoint: "pages", files: files, removedIDs: removed, seenAt: start.addingTimeInterval(minutes * 60), cursor: cursor)
        }
        func catalog() async throws -> [String: CatalogFile] {
            Dictionary(uniqueKeysWithValues: try await store.files(endpoint: "pages", limit: nil).map { ($0.fileID, $0) })
        }
        let first = try await store.applySyncPage(page([file("a", "1"), file("b", "1"), file("c", "1")], at: 0, cursor: "c1"))
        try expect(first == SyncPageCounts(created: 3), "three new files: \(first)")
        let again = try await store.applySyncPage(page([file("a", "1"), file("b", "1"), file("c", "1")], at: 1, cursor: "c2"))
        try expect(again == SyncPageCounts(unchanged: 3), "the same page again changes nothing: \(again)")
        var files = try await catalog()
        try expect(
            files.values.allSatisfy { $0.lastSeenAt == start.addingTimeInterval(60) && $0.firstSeenAt == start },
            "all three seen again: \(files)")
        try expect(try await store.syncState(endpoint: "pages").cursor == "c2", "the unchanged page's cursor is stored")
        _ = try await store.applySyncPage(page([], removed: ["c"], at: 2, cursor: "c3"))
        let mixed = try await store.applySyncPage(
            page([file("a", "1"), file("b", "2"), file("c", "1"), file("d", "1")], at: 3, cursor: "c4"))
        try expect(mixed == SyncPageCounts(created: 2, updated: 1, unchanged: 1), "new d, returning c, changed b, unchanged a: \(mixed)")
        files = try await catalog()
        try expect(
            files.values.allSatisfy { $0.state == .present && $0.lastSeenAt == start.addingTimeInterval(180) },
            "all present and seen: \(files)")
        try expect(files["b"]?.metadata.size == 1 && files["b"]?.contentHash == "2", "b rewritten: \(String(describing: files["b"]))")
        try expect(files["c"]?.removedAt == nil, "c is back")
        let stored = try await store.applySyncPage(
            page([file("a", "3"), file("b", "2"), file("c", "1"), file("d", "1")], at: 4, cursor: nil))
        try expect(stored == SyncPageCounts(updated: 1, unchanged: 3), "every file stored, one changed: \(stored)")
        try expect(try await store.syncState(endpoint: "pages").cursor == "c4", "a page without a cursor leaves the stored one")
        // Pages of new files one after another (a first sync; PostgreSQL then writes a page as new before looking
        // anything up), with removals on the same pages, and then a page that is not all new after all.
        let fresh = try await store.applySyncPage(page([file("e", "1"), file("f", "1")], removed: ["a"], at: 5, cursor: "c5"))
        try expect(fresh == SyncPageCounts(created: 2, removed: 1), "two new files, a removed: \(fresh)")
        let fresher = try await store.applySyncPage(page([file("g", "1")], removed: ["b"], at: 6, cursor: "c6"))
        try expect(fresher == SyncPageCounts(created: 1, removed: 1), "one new file after new ones, b removed: \(fresher)")
        let newOnly = try await store.applySyncPage(page([file("i", "1"), file("j", "1")], at: 6.5, cursor: "c6b"))
        try expect(newOnly == SyncPageCounts(created: 2), "two new files after new ones: \(newOnly)")
        let notNew = try await store.applySyncPage(
            page([file("h", "1"), file("g", "2"), file("e", "1"), file("a", "1")], at: 7, cursor: "c7"))
        try expect(notNew == SyncPageCounts(created: 2, updated: 1, unchanged: 1), "new h, returning a, changed g, unchanged e: \(notNew)")
        files = try await catalog()
        try expect(files["b"]?.state == .removed && files["a"]?.state == .present, "b removed, a back: \(files)")
        try expect(files["i"]?.state == .present && files["j"]?.lastSeenAt == start.addingTimeInterval(390), "i and j written: \(files)")
        try expect(
            files["e"]?.firstSeenAt == start.addingTimeInterval(300), "e kept when it was first seen: \(String(describing: files["e"]))")
        try expect(try await store.syncState(endpoint: "pages").cursor == "c7", "each page's cursor stored")
        do {
            _ = try await store.applySyncPage(SyncPageWrite(endpoint: "nobody", files: [file("x", "1")], seenAt: start, cursor: "cx"))
            throw ConformanceFailure(description: "a page for an unknown endpoint was accepted")
        } catch is StoreError {}
        try expect(try await store.files(endpoint: "nobody", limit: nil).isEmpty, "the refused page wrote no file")
    }

    /// Several pages given at once are applied in order, each as it would be alone: a file written by one page and
    /// changed, removed or seen by a later one ends as the later page left it, the counts add up, and the last page's
    /// cursor is stored. When a page is refused, no page is left without its cursor nor a cursor without the pages
    /// before it: the store holds what it held before the call, or that plus the pages before the refused one.
    static func pagesGivenTogetherAreAppliedInOrder(_ store: any CatalogStore) async throws {
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try sample("together"), resetsCursor: false)], ()) }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        func file(_ id: String, _ hash: String) -> CatalogFile {
            CatalogFile(
                endpoint: "together", metadata: FileMetadata(id: id, name: id, path: "t/\(id)", size: Int64(hash.count)),
                firstSeenAt: start, lastSeenAt: start, contentHash: hash)
        }
        func page(
            _ files: [CatalogFile], removed: [String] = [], at minutes: Double, cursor: String?, endpoint: String = "together"
        )
            -> SyncPageWrite
        {
            SyncPageWrite(
                endpoint: endpoint, files: files, removedIDs: removed, seenAt: start.addingTimeInterval(minutes * 60), cursor: cursor)
        }
        func catalog() async throws -> [String: CatalogFile] {
            Dictionary(uniqueKeysWithValues: try await store.files(endpoint: "together", limit: nil).map { ($0.fileID, $0) })
        }
        let counts = try await store.applySyncPages([
            page([file("a", "1"), file("b", "1"), file("c", "1")], at: 0, cursor: "t1"),
            page([file("a", "2"), file("d", "1")], removed: ["b"], at: 1, cursor: "t2"),
            page([file("c", "1"), file("b", "1")], at: 2, cursor: nil),
        ])
        try expect(
            counts == SyncPageCounts(created: 5, updated: 1, unchanged: 1, removed: 1),
            "a, b, c new; a changed, d new, b removed; c unchanged, b back: \(counts)")
        var files = try await catalog()
        try expect(files["a"]?.contentHash == "2" && files["a"]?.lastSeenAt == start.addingTimeInterval(60), "a as the second page left it")
        try expect(
            files["b"]?.state == .present && files["b"]?.removedAt == nil, "b back on the third page: \(String(describing: files["b"]))")
        try expect(files["c"]?.lastSeenAt == start.addingTimeInterval(120), "c seen by the third page: \(String(describing: files["c"]))")
        try expect(files.count == 4, "four files: \(files.keys.sorted())")
        try expect(try await store.syncState(endpoint: "together").cursor == "t2", "the last cursor given is stored")
        do {
            _ = try await store.applySyncPages([
                page([file("e", "1")], at: 3, cursor: "t3"),
                page([file("x", "1")], at: 4, cursor: "tx", endpoint: "nobody"),
            ])
            throw ConformanceFailure(description: "a page for an unknown endpoint was accepted among others")
        } catch is StoreError {}
        files = try await catalog()
        let cursor = try await store.syncState(endpoint: "together").cursor
        try expect(
            (cursor == "t2" && files["e"] == nil) || (cursor == "t3" && files["e"] != nil),
            "the page before the refused one is committed with its cursor, or neither is: cursor \(cursor ?? "none"), e \(files["e"] == nil ? "absent" : "present")"
        )
        try expect(try await store.files(endpoint: "nobody", limit: nil).isEmpty, "the refused page wrote no file")
    }
}
