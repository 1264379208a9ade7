import ConnectorModel
import ConnectorProvider
import FakeGoogleDrive
import Foundation
import Testing

@testable import ConnectorProviderGoogleDrive

/// The change feed driven directly: a full listing into the in-memory catalog model, mutations in the fake, then
/// a `.changes` listing whose pages bring the model to the fake's ground truth.
@Suite struct DriveChangeFeedTests {
    /// The mutations the issue names, on a tree made by ``DriveFullListingTests/populate(_:root:)`` and more.
    static func mutate(_ drive: FakeGoogleDrive, root: String, outside: String) {
        let truth = drive.truth(under: root)
        let byPath = Dictionary(
            truth.values.flatMap { entry in entry.paths.map { ($0, entry.item.id) } }, uniquingKeysWith: { first, _ in first })
        let folders = Self.folders(drive, root: root)
        // Modify, add, trash, delete.
        if let plan = byPath["plan.pdf"] { drive.modify(plan) }
        drive.createFile(name: "new.pdf", parent: folders["Design"])
        let deepFiles = truth.values.filter { $0.paths.contains { $0.hasPrefix("Design/Level 2/Deep/folder-") } }.map(\.item.id).sorted()
        drive.trash(deepFiles[0])
        drive.delete(deepFiles[1])
        // Move a file in from outside, and one out.
        let stranger = drive.createFile(name: "moved-in.pdf", parent: outside)
        drive.move(stranger, to: folders["Design/Level 2"])
        drive.move(deepFiles[2], to: outside)
        // Rename a folder (its subtree gets new paths), move a folder out, move a folder in, trash a folder.
        if let level2 = folders["Design/Level 2"] { drive.rename(level2, to: "Level Two") }
        let deepSubfolders = folders.filter { $0.key.hasPrefix("Design/Level 2/Deep/folder-") && !$0.key.dropFirst(20).contains("/") }
            .sorted { $0.key < $1.key }.map(\.value)
        drive.move(deepSubfolders[0], to: outside)
        drive.trash(deepSubfolders[1])
        let arriving = drive.createFolder(name: "Arriving", parent: outside)
        drive.createFile(name: "inside-arriving.pdf", parent: drive.createFolder(name: "Sub", parent: arriving))
        drive.move(arriving, to: folders["Design"])
        // A folder moved within the tree, and a new empty folder.
        drive.move(deepSubfolders[2], to: root)
        drive.createFolder(name: "Empty", parent: root)
        // Changes outside the endpoint are ignored.
        drive.createFile(name: "unrelated.pdf", parent: outside)
    }

    /// Folder ids by path under `root`.
    static func folders(_ drive: FakeGoogleDrive, root: String) -> [String: String] {
        var result: [String: String] = [:]
        var queue: [(String, String)] = [(root, "")]
        while let (id, path) = queue.popLast() {
            for child in drive.children(of: id) where child.isFolder && !child.explicitlyTrashed {
                let childPath = path.isEmpty ? child.name : path + "/" + child.name
                result[childPath] = child.id
                queue.append((child.id, childPath))
            }
        }
        return result
    }

    /// A full listing, the mutations, then incremental listings until the feed is exhausted.
    func run(faults: Double, pageSize: Int = 1000) async throws {
        try await DriveTestHarness.run { harness in
            let drive = harness.drive
            let outside = drive.createFolder(name: "Elsewhere", parent: nil)
            _ = DriveFullListingTests.populate(drive, root: harness.root)
            drive.injectFaults(rate: faults, seed: 42)
            let model = CatalogModel()
            let first = try harness.provider(harness.spec(), folders: model.directory)
            let token = try #require(try await first.changeFeedStartToken())
            model.applyFull(try await DriveTestHarness.pages(first, .full(resumeToken: nil, pageSize: pageSize)))
            #expect(model.differences(from: drive.truth(under: harness.root)) == [])

            Self.mutate(drive, root: harness.root, outside: outside)
            let provider = try harness.provider(harness.spec(), folders: model.directory)
            let pages = try await DriveTestHarness.pages(provider, .changes(token: token, pageSize: pageSize))
            for page in pages { model.apply(page) }
            #expect(model.differences(from: drive.truth(under: harness.root)) == [])
            let last = try #require(pages.last)
            #expect(last.isLast && last.nextChangeToken != nil)
            #expect(pages.dropLast().allSatisfy { !$0.isLast && $0.nextChangeToken == nil })
            #expect(model.folderTable.values.contains { $0.path == "Design/Level Two/Deep" }, "renamed folder's subtree re-recorded")
            if faults > 0 { #expect(drive.injectedFaultCount > 0) }

            // Nothing changed since: the next listing is one empty page with a token.
            let next = try #require(last.nextChangeToken)
            let quiet = try await DriveTestHarness.pages(
                try harness.provider(harness.spec(), folders: model.directory), .changes(token: next, pageSize: pageSize))
            #expect(quiet.count == 1 && quiet[0].files.isEmpty && quiet[0].removedIDs.isEmpty && quiet[0].isLast)
        }
    }

    @Test func mutationsThenChangesMatchTheGroundTruth() async throws {
        try await run(faults: 0)
    }

    @Test func smallChangePagesGiveTheSameCatalog() async throws {
        try await run(faults: 0, pageSize: 7)
    }

    @Test func tenPercentFaultsGiveTheSameCatalog() async throws {
        try await run(faults: 0.1)
    }

    @Test func changePagesCarryResumeTokensUntilTheLast() async throws {
        try await DriveTestHarness.run { harness in
            let token = try #require(try await harness.provider(harness.spec()).changeFeedStartToken())
            for index in 0..<25 { harness.drive.createFile(name: "f\(index).pdf", parent: harness.root) }
            let pages = try await DriveTestHarness.pages(try harness.provider(harness.spec()), .changes(token: token, pageSize: 10))
            #expect(pages.count == 3)
            #expect(pages[0].resumeToken != nil && pages[1].resumeToken != nil && pages[2].resumeToken == nil)
            #expect(pages[2].nextChangeToken != nil && pages[2].isLast)
            #expect(pages.reduce(0) { $0 + $1.files.count } == 25)
            #expect(pages.flatMap(\.files).allSatisfy { $0.path.hasPrefix("f") })
            // Resuming from a middle page gives the rest.
            let rest = try await DriveTestHarness.pages(
                try harness.provider(harness.spec()), .changes(token: try #require(pages[1].resumeToken), pageSize: 10))
            #expect(rest.reduce(0) { $0 + $1.files.count } == 5)
        }
    }

    @Test func aRejectedChangeTokenAsksForAFullListing() async throws {
        try await DriveTestHarness.run { harness in
            let token = try #require(try await harness.provider(harness.spec()).changeFeedStartToken())
            harness.drive.createFile(name: "a.pdf", parent: harness.root)
            harness.drive.forgetChangeHistory()
            let error = await #expect(throws: ProviderError.self) {
                _ = try await DriveTestHarness.pages(try harness.provider(harness.spec()), .changes(token: token, pageSize: 100))
            }
            #expect(error?.code == .cursorExpired)
        }
    }

    @Test func aSharedDriveFeedUsesTheDrivesChanges() async throws {
        try await DriveTestHarness.run { harness in
            let driveID = harness.drive.createSharedDrive(name: "Engineering")
            let folder = harness.drive.createFolder(name: "Specs", parent: driveID)
            harness.drive.generateTree(under: folder, files: 120, filesPerFolder: 20, subfoldersPerFolder: 3)
            let model = CatalogModel()
            let spec = harness.spec(folder: folder, sharedDrive: driveID)
            let first = try harness.provider(spec)
            let token = try #require(try await first.changeFeedStartToken())
            model.applyFull(try await DriveTestHarness.pages(first, .full(resumeToken: nil, pageSize: 1000)))
            let file = try #require(model.files.values.first)
            harness.drive.modify(file.id)
            harness.drive.createFile(name: "outside-drive.pdf", parent: harness.root)
            harness.drive.move(try #require(model.files.values.first { $0.id != file.id }).id, to: driveID)
            let pages = try await DriveTestHarness.pages(
                try harness.provider(spec, folders: model.directory), .changes(token: token, pageSize: 100))
            for page in pages { model.apply(page) }
            #expect(model.differences(from: harness.drive.truth(under: folder)) == [])
            let feeds = harness.drive.requests.filter { $0.path.hasPrefix("/drive/v3/changes") }
            #expect(feeds.allSatisfy { $0.queryValue("driveId") == driveID && $0.queryValue("supportsAllDrives") == "true" })
        }
    }
}
