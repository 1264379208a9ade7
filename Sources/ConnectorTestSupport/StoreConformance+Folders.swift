import ConnectorModel
import ConnectorStore
import Foundation

extension StoreConformance {
    /// Folders recorded with pages are read back by id; a removed folder takes the files below it (at any depth)
    /// and its recorded subfolders along, and nothing else; a complete full listing forgets folders it did not see.
    static func foldersFollowPagesRemovalsAndSweeps(_ store: any CatalogStore) async throws {
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try sample("tree"), resetsCursor: false)], ()) }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let folders = [
            CatalogFolder(id: "root", name: "Root", path: "", parentID: nil),
            CatalogFolder(id: "sub", name: "Sub", path: "Sub", parentID: "root"),
            CatalogFolder(id: "deep", name: "Deep", path: "Sub/Deep", parentID: "sub"),
            // The same path as `sub` (Drive allows duplicate names): removing `sub` must not touch it.
            CatalogFolder(id: "twin", name: "Sub", path: "Sub", parentID: "root"),
        ]
        func file(_ id: String, _ path: String, parent: String) -> CatalogFile {
            CatalogFile(
                endpoint: "tree", metadata: FileMetadata(id: id, name: id, path: path, parents: [parent]), state: .present,
                firstSeenAt: start, lastSeenAt: start, contentHash: id)
        }
        let files = [
            file("a", "a", parent: "root"), file("b", "Sub/b", parent: "sub"), file("c", "Sub/Deep/c", parent: "deep"),
            file("t", "Sub/t", parent: "twin"),
            // Paths that sort next to the folder's and do not lie under it; and a file of a folder never recorded.
            file("s", "Sub-s", parent: "root"), file("w", "Subway/w", parent: "root"), file("g", "Ghost/g", parent: "ghost"),
        ]
        _ = try await store.applySyncPage(SyncPageWrite(endpoint: "tree", files: files, folders: folders, seenAt: start, cursor: nil))
        try expect(try await store.folder(endpoint: "tree", id: "deep") == folders[2], "a recorded folder reads back")
        try expect(try await store.folder(endpoint: "tree", id: "root") == folders[0], "the root reads back with no parent")
        try expect(try await store.folder(endpoint: "other", id: "deep") == nil, "folders belong to their endpoint")
        let counts = try await store.applySyncPage(
            SyncPageWrite(endpoint: "tree", files: [], removedFolderIDs: ["sub"], seenAt: start.addingTimeInterval(1), cursor: nil))
        try expect(counts.removed == 2, "the folder's files at every depth were removed (counted \(counts.removed))")
        let present = Set(try await store.files(endpoint: "tree", limit: nil).filter { $0.state == .present }.map(\.fileID))
        try expect(present == ["a", "t", "s", "w", "g"], "only files outside the removed subtree stay present: \(present.sorted())")
        try expect(try await store.folder(endpoint: "tree", id: "sub") == nil, "the removed folder is forgotten")
        try expect(try await store.folder(endpoint: "tree", id: "deep") == nil, "its subfolders are forgotten")
        try expect(try await store.folder(endpoint: "tree", id: "twin") != nil, "a folder with the same path is kept")
        let ghost = try await store.applySyncPage(
            SyncPageWrite(endpoint: "tree", files: [], removedFolderIDs: ["ghost"], seenAt: start.addingTimeInterval(2), cursor: nil))
        try expect(ghost.removed == 1, "a folder the catalog never recorded still takes its files along (counted \(ghost.removed))")
        let later = start.addingTimeInterval(10)
        _ = try await store.applySyncPage(SyncPageWrite(endpoint: "tree", files: [], folders: [folders[0]], seenAt: later, cursor: nil))
        _ = try await store.completeListing(
            endpoint: "tree", listingStartedAt: later, ending: .sweep, cursor: "{}", at: later, correlationID: nil)
        try expect(try await store.folder(endpoint: "tree", id: "twin") == nil, "a full listing forgets folders it did not see")
        try expect(try await store.folder(endpoint: "tree", id: "root") == folders[0], "and keeps the ones it saw")
    }

    /// A folder recorded as empty reads back so; a record that does not say keeps it; recording a file or a folder
    /// under it makes it not empty (so a listing that trusts the flag can never sweep what is below it).
    static func foldersKnownEmptyStaySoOnlyWhileNothingIsBelowThem(_ store: any CatalogStore) async throws {
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try sample("tree"), resetsCursor: false)], ()) }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        func folder(_ id: String, parent: String? = "root", isEmpty: Bool?) -> CatalogFolder {
            CatalogFolder(id: id, name: id, path: parent == nil ? "" : id, parentID: parent, isEmpty: isEmpty)
        }
        func page(files: [CatalogFile] = [], folders: [CatalogFolder], at offset: TimeInterval) -> SyncPageWrite {
            SyncPageWrite(endpoint: "tree", files: files, folders: folders, seenAt: start.addingTimeInterval(offset), cursor: nil)
        }
        _ = try await store.applySyncPage(
            page(
                folders: [
                    folder("root", parent: nil, isEmpty: false), folder("quiet", isEmpty: true), folder("gains-file", isEmpty: true),
                    folder("gains-folder", isEmpty: true), folder("unknown", isEmpty: nil),
                ], at: 0))
        try expect(try await store.folder(endpoint: "tree", id: "quiet")?.isEmpty == true, "a folder recorded empty reads back empty")
        try expect(try await store.folder(endpoint: "tree", id: "root")?.isEmpty == false, "a folder recorded not empty reads back so")
        try expect(
            try await store.folder(endpoint: "tree", id: "unknown")?.isEmpty == nil,
            "a folder recorded without knowledge reads back unknown")
        _ = try await store.applySyncPage(page(folders: [folder("quiet", isEmpty: nil), folder("unknown", isEmpty: true)], at: 1))
        try expect(
            try await store.folder(endpoint: "tree", id: "quiet")?.isEmpty == true, "a record that does not say keeps what was known")
        try expect(try await store.folder(endpoint: "tree", id: "unknown")?.isEmpty == true, "a later record that says empty is kept")
        let file = CatalogFile(
            endpoint: "tree", metadata: FileMetadata(id: "f", name: "f", path: "gains-file/f", parents: ["gains-file"]),
            state: .present, firstSeenAt: start, lastSeenAt: start, contentHash: "f")
        _ = try await store.applySyncPage(page(files: [file], folders: [folder("child", parent: "gains-folder", isEmpty: nil)], at: 2))
        try expect(
            try await store.folder(endpoint: "tree", id: "gains-file")?.isEmpty == false,
            "a file recorded under a folder makes it not empty")
        try expect(
            try await store.folder(endpoint: "tree", id: "gains-folder")?.isEmpty == false,
            "a folder recorded under a folder makes it not empty")
        try expect(try await store.folder(endpoint: "tree", id: "quiet")?.isEmpty == true, "other folders keep what was known")
        // A folder recorded in the same page as something below it: recorded first, then no longer empty.
        let below = CatalogFile(
            endpoint: "tree", metadata: FileMetadata(id: "g", name: "g", path: "fresh/g", parents: ["fresh"]),
            state: .present, firstSeenAt: start, lastSeenAt: start, contentHash: "g")
        _ = try await store.applySyncPage(
            page(
                files: [below],
                folders: [
                    folder("fresh", isEmpty: true), folder("quiet", isEmpty: nil), folder("under-quiet", parent: "quiet", isEmpty: nil),
                    folder("unsure", isEmpty: nil), folder("under-unsure", parent: "unsure", isEmpty: nil),
                ], at: 3))
        try expect(
            try await store.folder(endpoint: "tree", id: "fresh")?.isEmpty == false,
            "recorded empty with a file below in the same page: not empty")
        try expect(
            try await store.folder(endpoint: "tree", id: "quiet")?.isEmpty == false,
            "known empty, re-recorded with a folder below in the same page: not empty")
        try expect(
            try await store.folder(endpoint: "tree", id: "unsure")?.isEmpty == nil, "not known empty: a child does not make it known")
    }

    /// The folders a listing recorded since it began are found, each with whether a page since then had all its
    /// children (what an interrupted listing resumes from); folders seen only before it are not.
    static func aListingsFoldersAreFoundWithWhetherTheyWereListed(_ store: any CatalogStore) async throws {
        _ = try await store.reconcile { _ in ([EndpointWrite(record: try sample("tree"), resetsCursor: false)], ()) }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        func page(_ folders: [CatalogFolder], at offset: TimeInterval) -> SyncPageWrite {
            SyncPageWrite(endpoint: "tree", files: [], folders: folders, seenAt: start.addingTimeInterval(offset), cursor: nil)
        }
        func folder(_ id: String, listed: Bool) -> CatalogFolder {
            CatalogFolder(id: id, name: id, path: id == "root" ? "" : id, parentID: id == "root" ? nil : "root", childrenListed: listed)
        }
        func progress(since offset: TimeInterval) async throws -> [String: Bool] {
            let folders = try await store.folders(endpoint: "tree", seenSince: start.addingTimeInterval(offset))
            return Dictionary(uniqueKeysWithValues: folders.map { ($0.id, $0.childrenListed) })
        }
        _ = try await store.applySyncPage(
            page([folder("root", listed: false), folder("a", listed: false), folder("b", listed: false)], at: 0))
        _ = try await store.applySyncPage(page([folder("root", listed: true), folder("c", listed: false)], at: 1))
        // `b` is found again later without saying it is listed: it keeps whatever was recorded (not listed).
        _ = try await store.applySyncPage(page([folder("b", listed: false)], at: 2))
        try expect(
            try await progress(since: 0) == ["root": true, "a": false, "b": false, "c": false], "the listing's folders, with root listed")
        try expect(try await progress(since: 3).isEmpty, "nothing was seen since a later start")
        // A new listing: root's listing from before it does not count.
        _ = try await store.applySyncPage(page([folder("root", listed: false)], at: 10))
        let later = try await progress(since: 10)
        try expect(later == ["root": false], "a listing from before the start does not count: \(later)")
        try expect(try await store.folders(endpoint: "other", seenSince: start).isEmpty, "folders belong to their endpoint")
    }
}
