import ConnectorModel
import ConnectorStore
import ConnectorStoreSQLite
import ConnectorTestSupport
import FakeGoogleDrive
import Foundation
import Testing

/// Drive's multi-parent query bug (Google issue 149522397): batched `files.list` queries that answer with nothing, or
/// without some parents' children, while saying `incompleteSearch: false`. Full syncs under it must never mark a live
/// file removed, and the defence must cost no request where the catalog already knows a folder to be empty.
@Suite struct DriveMultiParentBugTests {
    /// Files of the store that are marked removed although the fake still has them.
    static func liveFilesMarkedRemoved(_ store: any CatalogStore, _ truth: [String: FakeDriveTruth]) async throws -> [String] {
        try await store.files(endpoint: "drive", limit: nil).filter { $0.state == .removed && truth[$0.fileID] != nil }.map(\.metadata.path)
    }

    @Test(.timeLimit(.minutes(2)))
    func fullSyncsUnderTheBugNeverSweepALiveFile() async throws {
        try await DriveTestHarness.run { harness in
            let drive = harness.drive
            // About 160 folders, so a full listing asks several batched queries of up to 50 parents each.
            let tree = drive.generateTree(under: harness.root, files: 3_000, filesPerFolder: 20, subfoldersPerFolder: 4)
            // Folders the first sync finds empty: under the bug, the catalog's knowledge stands in for asking again.
            for index in 0..<12 { drive.createFolder(name: "empty-\(index)", parent: tree.folders[index * 7]) }
            let directory = try TemporaryDirectory()
            let store = try await DriveEngineSyncTests.store(directory, endpoints: ["drive": harness.spec()])
            let engine = DriveEngineSyncTests.engine(store, harness)
            let first = try await engine.sync(try await DriveEngineSyncTests.endpoint(store, "drive"), trigger: .manual)
            #expect(first.status == .succeeded, "\(first.error ?? "")")
            #expect(try await DriveEngineSyncTests.differences(store, "drive", drive.truth(under: harness.root)) == [])

            // From now on, half of the batched queries go wrong.
            drive.reproduceMultiParentBug(rate: 0.5, seed: 11)
            for round in 0..<2 {
                drive.delete(tree.files[round * 100])
                drive.modify(tree.files[round * 100 + 1])
                drive.createFile(name: "new-\(round).pdf", parent: tree.folders[round * 30 + 5])
                let filled = drive.createFolder(name: "filled-\(round)", parent: tree.folders[round * 11 + 3])
                for index in 0..<5 { drive.createFile(name: "in-\(index).pdf", parent: filled) }
                let run = try await engine.sync(try await DriveEngineSyncTests.endpoint(store, "drive"), trigger: .manual, forceFull: true)
                #expect(run.status == .succeeded, "\(run.error ?? "")")
                #expect(run.mode == .full)
                let truth = drive.truth(under: harness.root)
                #expect(try await DriveEngineSyncTests.differences(store, "drive", truth) == [], "round \(round)")
                #expect(try await Self.liveFilesMarkedRemoved(store, truth) == [], "round \(round)")
                #expect(run.removed == 1, "round \(round): only the deleted file is removed, counted \(run.removed)")
            }
            #expect(drive.multiParentBugCount > 0, "the fake reproduced the bug")
            try store.close()
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func foldersTheCatalogKnowsEmptyAreNotAskedForAgain() async throws {
        try await DriveTestHarness.run { harness in
            let drive = harness.drive
            let tree = drive.generateTree(under: harness.root, files: 2_000, filesPerFolder: 20, subfoldersPerFolder: 4)
            let empty = (0..<10).map { drive.createFolder(name: "empty-\($0)", parent: tree.folders[$0 * 5]) }
            let directory = try TemporaryDirectory()
            let store = try await DriveEngineSyncTests.store(directory, endpoints: ["drive": harness.spec(maxConcurrentRequests: 1)])
            let engine = DriveEngineSyncTests.engine(store, harness)
            // One request at a time, so both listings make the same batches.
            drive.resetRequestCounts()
            _ = try await engine.sync(try await DriveEngineSyncTests.endpoint(store, "drive"), trigger: .manual)
            let firstListings = drive.requestCount("files.list")
            for id in empty { #expect(try await store.folder(endpoint: "drive", id: id)?.isEmpty == true) }
            // The generator's last folders get no file either.
            var knownEmpty = 0
            for id in tree.folders + empty where try await store.folder(endpoint: "drive", id: id)?.isEmpty == true { knownEmpty += 1 }
            #expect(knownEmpty >= empty.count)

            drive.resetRequestCounts()
            let second = try await engine.sync(try await DriveEngineSyncTests.endpoint(store, "drive"), trigger: .manual, forceFull: true)
            #expect(second.status == .succeeded, "\(second.error ?? "")")
            // The first listing asked each empty folder again on its own; the second trusts the catalog.
            #expect(drive.requestCount("files.list") == firstListings - knownEmpty)

            // A file added to a folder known empty is found (its batched answer shows it), and the folder is no longer
            // known empty, so a later doubtful answer about it is checked again.
            drive.createFile(name: "late.pdf", parent: empty[0])
            let third = try await engine.sync(try await DriveEngineSyncTests.endpoint(store, "drive"), trigger: .manual, forceFull: true)
            #expect(third.created == 1)
            #expect(try await store.folder(endpoint: "drive", id: empty[0])?.isEmpty == false)
            #expect(try await DriveEngineSyncTests.differences(store, "drive", drive.truth(under: harness.root)) == [])
            try store.close()
        }
    }
}
