import ConnectorModel
import ConnectorProvider
import ConnectorStore
import ConnectorTestSupport
import FakeGoogleDrive
import Foundation
import Testing

@testable import ConnectorProviderGoogleDrive

/// A full listing that fails midway goes on from the folders it had not finished, not from the root; and a `/` in a
/// name never makes two files share a path.
@Suite(.timeLimit(.minutes(2))) struct DriveResumeTests {
    /// With one request at a time the walk is at most a few pages ahead of what is committed, so the outage lands
    /// mid-listing at half the files; with eight in flight it can be about twenty pages ahead, so it starts earlier.
    @Test(arguments: [(1, 1_500), (8, 300)])
    func aFailedFullListingResumesFromTheFoldersItHadNotFinished(limit: Int, failAt: Int) async throws {
        try await DriveTestHarness.run { harness in
            let drive = harness.drive
            drive.generateTree(under: harness.root, files: 3_000, filesPerFolder: 20, subfoldersPerFolder: 4)
            let directory = try TemporaryDirectory()
            let store = try await DriveEngineSyncTests.store(
                directory, endpoints: ["drive": harness.spec(pageSize: 100, maxConcurrentRequests: limit)])
            let engine = DriveEngineSyncTests.engine(store, harness)

            // A fresh walk of the same tree, for comparison.
            drive.resetRequestCounts()
            let reference = try await DriveEngineSyncTests.store(
                try TemporaryDirectory(), endpoints: ["drive": harness.spec(pageSize: 100, maxConcurrentRequests: limit)])
            _ = try await DriveEngineSyncTests.engine(reference, harness).sync(
                try await DriveEngineSyncTests.endpoint(reference, "drive"), trigger: .manual)
            let freshListings = drive.requestCount("files.list")
            try reference.close()

            // The first sync fails midway: Drive goes down for longer than every retry.
            let failing = try await engine.sync(try await DriveEngineSyncTests.endpoint(store, "drive"), trigger: .manual) { progress in
                if progress.filesSeen >= failAt { drive.outage(.unavailable) }
            }
            drive.outage(nil)
            #expect(failing.status == .failed)
            let committed = try await store.fileCounts()["drive"]?.present ?? 0
            #expect(committed >= failAt && committed < 3_000, "\(committed) files committed before the failure")

            drive.resetRequestCounts()
            let firstQuery = drive.requests.count
            let resumed = try await engine.sync(try await DriveEngineSyncTests.endpoint(store, "drive"), trigger: .manual)
            #expect(resumed.status == .succeeded, "\(resumed.error ?? "")")
            #expect(resumed.mode == .full)
            #expect(resumed.removed == 0)
            #expect(try await DriveEngineSyncTests.differences(store, "drive", drive.truth(under: harness.root)) == [])
            let listings = drive.requestCount("files.list")
            #expect(listings < freshListings, "the resumed walk asked \(listings) times, a fresh one \(freshListings)")
            let queries = drive.requests[firstQuery...].compactMap { $0.queryValue("q") }
            #expect(!queries.contains("('\(harness.root)' in parents) and trashed = false"), "the finished root is not asked for again")

            // The listing completed: the next sync follows the change feed.
            let next = try await engine.sync(try await DriveEngineSyncTests.endpoint(store, "drive"), trigger: .manual)
            #expect(next.mode == .incremental && next.status == .succeeded)
            try store.close()
        }
    }

    @Test func aSlashInANameGetsAPathOfItsOwn() async throws {
        try await DriveTestHarness.run { harness in
            let drive = harness.drive
            let inRoot = drive.createFile(name: "a/b", parent: harness.root)
            let folder = drive.createFolder(name: "a", parent: harness.root)
            let inFolder = drive.createFile(name: "b", parent: folder)
            let quoted = drive.createFile(name: "a\u{FF0F}b", parent: harness.root)
            let directory = try TemporaryDirectory()
            let store = try await DriveEngineSyncTests.store(directory, endpoints: ["drive": harness.spec()])
            let run = try await DriveEngineSyncTests.engine(store, harness).sync(
                try await DriveEngineSyncTests.endpoint(store, "drive"), trigger: .manual)
            #expect(run.status == .succeeded, "\(run.error ?? "")")
            let files = Dictionary(
                uniqueKeysWithValues: try await store.files(endpoint: "drive", limit: nil).map { ($0.fileID, $0.metadata) })
            #expect(files[inRoot]?.path == "a\u{FF0F}b" && files[inRoot]?.name == "a/b")
            #expect(files[inFolder]?.path == "a/b")
            #expect(files[quoted]?.path == "a\u{201B}\u{FF0F}b" && files[quoted]?.name == "a\u{FF0F}b")
            #expect(Set(files.values.map(\.path)).count == 3)
            #expect(try await DriveEngineSyncTests.differences(store, "drive", drive.truth(under: harness.root)) == [])
            for name in ["a/b", "a\u{FF0F}b", "x\u{201B}y", "\u{201B}\u{FF0F}/", "plain"] {
                #expect(DrivePathSegment.name(of: DrivePathSegment.escaped(name)) == name)
                #expect(!DrivePathSegment.escaped(name).contains("/"))
            }
        }
    }
}
