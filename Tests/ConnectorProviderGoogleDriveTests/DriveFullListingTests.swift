import ConnectorModel
import ConnectorProvider
import FakeGoogleDrive
import Foundation
import Testing

@testable import ConnectorProviderGoogleDrive

/// Full listings driven directly against the fake: the walk, paths, odd Drive items, and the requests it takes.
@Suite struct DriveFullListingTests {
    /// Nested folders, Workspace files, shortcuts, trashed items, duplicate names and a file with two parents.
    static func populate(_ drive: FakeGoogleDrive, root: String) -> (doc: String, shortcut: String, twins: [String], both: String) {
        let design = drive.createFolder(name: "Design", parent: root)
        let deep = drive.createFolder(name: "Deep", parent: drive.createFolder(name: "Level 2", parent: design))
        drive.createFile(name: "plan.pdf", parent: root)
        drive.createFile(name: "a-101.dwg", parent: deep, mimeType: "image/vnd.dwg", size: 482_133)
        let doc = drive.createWorkspaceFile(name: "Minutes", parent: design)
        let shortcut = drive.createShortcut(name: "Link to Deep", parent: root, target: deep)
        let twins = [drive.createFile(name: "same.pdf", parent: design), drive.createFile(name: "same.pdf", parent: design)]
        let gone = drive.createFile(name: "old.pdf", parent: design)
        drive.trash(gone)
        let trashedFolder = drive.createFolder(name: "Bin", parent: root)
        drive.createFile(name: "inside-bin.pdf", parent: trashedFolder)
        drive.trash(trashedFolder)
        let both = drive.createFile(name: "shared.pdf", parent: design)
        drive.addParent(both, deep)
        drive.createFile(name: "elsewhere.pdf", parent: nil)
        drive.generateTree(under: deep, files: 2_500, filesPerFolder: 40, subfoldersPerFolder: 4)
        return (doc, shortcut, twins, both)
    }

    @Test func aFullListingMatchesTheGroundTruth() async throws {
        try await DriveTestHarness.run { harness in
            let made = Self.populate(harness.drive, root: harness.root)
            let provider = try harness.provider(harness.spec())
            let pages = try await DriveTestHarness.pages(provider, .full(resumeToken: nil, pageSize: 1000))
            let model = CatalogModel()
            model.applyFull(pages)
            #expect(model.differences(from: harness.drive.truth(under: harness.root)) == [])
            #expect(pages.last?.isLast == true)
            #expect(pages.dropLast().allSatisfy { !$0.isLast })
            #expect(pages.allSatisfy { $0.resumeToken == DriveFullListing.resumeToken && $0.removedIDs.isEmpty })

            let root = try #require(pages.first?.folders.first)
            #expect(root == CatalogFolder(id: harness.root, name: "Projects", path: "", parentID: nil))
            #expect(model.folderTable.values.contains { $0.path == "Design/Level 2/Deep" })
            #expect(!model.folderTable.values.contains { $0.name == "Bin" }, "trashed folders are not walked")

            let doc = try #require(model.files[made.doc])
            #expect(doc.size == nil && doc.checksums.isEmpty && doc.exportLinks["application/pdf"] != nil)
            let shortcut = try #require(model.files[made.shortcut])
            #expect(shortcut.mimeType == "application/vnd.google-apps.shortcut")
            #expect(shortcut.extras?.contains("shortcutTargetId") == true)
            #expect(made.twins.allSatisfy { model.files[$0]?.path == "Design/same.pdf" })
            let emitted = pages.flatMap(\.files).filter { $0.id == made.both }
            #expect(emitted.count == 1, "a file with two parents is reported once")

            let dwg = try #require(model.files.values.first { $0.name == "a-101.dwg" })
            let item = try #require(harness.drive.item(dwg.id))
            #expect(dwg.size == 482_133)
            #expect(dwg.checksums["md5"] == item.md5Checksum && dwg.checksums["sha256"] == item.sha256Checksum)
            #expect(dwg.version == String(item.version))
            #expect(dwg.modifiedAt.map { Timestamp.rfc3339Milliseconds($0) } == item.modifiedTime)
            #expect(dwg.parents == item.parents && dwg.webLink == item.webViewLink)
        }
    }

    @Test func theWalkAsksForManyFoldersAtOnce() async throws {
        try await DriveTestHarness.run { harness in
            let tree = harness.drive.generateTree(under: harness.root, files: 20_000, filesPerFolder: 20, subfoldersPerFolder: 5)
            harness.drive.resetRequestCounts()
            // One request at a time: the batches are as large as a query may be.
            let provider = try harness.provider(harness.spec(maxConcurrentRequests: 1))
            let pages = try await DriveTestHarness.pages(provider, .full(resumeToken: nil, pageSize: 1000))
            #expect(pages.reduce(0) { $0 + $1.files.count } == 20_000)
            let lists = harness.drive.requestCount("files.list")
            // 1001 folders in batches of up to 50 parents (47 of Drive's 33-character ids fit one query): about 22
            // queries, each 1-2 pages, never one per folder.
            let perQuery = DriveQuery.maxQueryLength / (33 + 20)
            #expect(lists <= 20_000 / 1000 + tree.folders.count / perQuery + 2, "\(lists) files.list requests")
            let q = try #require(harness.drive.requests.compactMap { $0.queryValue("q") }.max { $0.count < $1.count })
            #expect(q.components(separatedBy: " in parents").count - 1 == perQuery)
            #expect(q.hasSuffix(") and trashed = false"))
        }
    }

    @Test func withoutSubfoldersOnlyTheRootsChildrenAreListed() async throws {
        try await DriveTestHarness.run { harness in
            _ = Self.populate(harness.drive, root: harness.root)
            let provider = try harness.provider(harness.spec(includeSubfolders: false))
            let pages = try await DriveTestHarness.pages(provider, .full(resumeToken: nil, pageSize: 1000))
            let model = CatalogModel()
            model.applyFull(pages)
            #expect(model.differences(from: harness.drive.truth(under: harness.root, includeSubfolders: false)) == [])
            #expect(Set(model.files.values.map(\.path)) == ["plan.pdf", "Link to Deep"])
            #expect(model.folderTable.keys.sorted() == [harness.root])
        }
    }

    @Test func aSharedDriveIsListedWithItsCorpus() async throws {
        try await DriveTestHarness.run { harness in
            let driveID = harness.drive.createSharedDrive(name: "Engineering")
            let folder = harness.drive.createFolder(name: "Specs", parent: driveID)
            harness.drive.generateTree(under: folder, files: 700, filesPerFolder: 30, subfoldersPerFolder: 3)
            for (root, truthRoot) in [(driveID, driveID), (folder, folder)] {
                let provider = try harness.provider(harness.spec(folder: root, sharedDrive: driveID))
                let pages = try await DriveTestHarness.pages(provider, .full(resumeToken: nil, pageSize: 200))
                let model = CatalogModel()
                model.applyFull(pages)
                #expect(model.differences(from: harness.drive.truth(under: truthRoot)) == [])
                #expect(model.files.count == 700)
            }
            let lists = harness.drive.requests.filter { $0.path == "/drive/v3/files" }
            #expect(lists.allSatisfy { $0.queryValue("corpora") == "drive" && $0.queryValue("driveId") == driveID })
            #expect(
                lists.allSatisfy { $0.queryValue("includeItemsFromAllDrives") == "true" && $0.queryValue("supportsAllDrives") == "true" })
            #expect(lists.allSatisfy { $0.queryValue("pageSize") == "200" })
        }
    }

    @Test func aMissingRootFolderIsNamedWithTheAccount() async throws {
        try await DriveTestHarness.run { harness in
            let provider = try harness.provider(harness.spec(folder: "1NoSuchFolder"))
            let error = await #expect(throws: ProviderError.self) {
                _ = try await DriveTestHarness.pages(provider, .full(resumeToken: nil, pageSize: 1000))
            }
            #expect(error?.code == .notFound)
            #expect(error?.message == "folder 1NoSuchFolder not found or not shared with \(harness.account.email)")
        }
    }

    @Test func anIncompleteSearchMarksThePages() async throws {
        try await DriveTestHarness.run { harness in
            harness.drive.createFile(name: "a.pdf", parent: harness.root)
            harness.drive.incompleteSearch = true
            let pages = try await DriveTestHarness.pages(try harness.provider(harness.spec()), .full(resumeToken: nil, pageSize: 1000))
            #expect(pages.contains { $0.isIncomplete })
        }
    }

    @Test func aRejectedPageTokenRestartsTheListingOnce() async throws {
        try await DriveTestHarness.run { harness in
            harness.drive.generateTree(under: harness.root, files: 3000, filesPerFolder: 3000, subfoldersPerFolder: 0)
            let provider = try harness.provider(harness.spec())
            var seen: [String: Int] = [:]
            var pages = 0
            for try await page in provider.list(.full(resumeToken: nil, pageSize: 1000)) {
                pages += 1
                for file in page.files { seen[file.id, default: 0] += 1 }
                if pages == 2 { harness.drive.expirePageTokens() }
            }
            #expect(seen.count == 3000, "every file was listed after the restart")
            #expect(pages == 5, "two pages, then the restart's three")

            // A second rejection in the same listing is an error, not an endless loop.
            let again = try harness.provider(harness.spec())
            var count = 0
            let error = await #expect(throws: ProviderError.self) {
                for try await _ in again.list(.full(resumeToken: nil, pageSize: 1000)) {
                    count += 1
                    harness.drive.expirePageTokens()
                }
            }
            #expect(error?.code == .invalidResponse)
        }
    }
}
