import ConnectorModel
import FakeAutodeskAPS
import Foundation
import Testing

/// The pruned walk that stands in for a change feed: mutations at the fake, then an incremental sync.
@Suite struct IncrementalSyncTests {
    @Test(.timeLimit(.minutes(2)))
    func mutationsThenIncrementalEqualsTheGroundTruth() async throws {
        try await ACCTestBed.run(shape: FullSyncTests.shape(items: 500)) { bed in
            _ = try await bed.endpoint("tower", spec: bed.spec(pageSize: 20))
            let full = try await bed.sync("tower")
            #expect(full.status == .succeeded, "\(full.error ?? "")")

            let aps = bed.aps
            let visible = aps.visibleItemIDs
            let folders = aps.folderIDs
            aps.addVersion(item: visible[0])
            aps.addVersion(item: visible[1])
            let added = aps.addItem(folder: folders[5], name: "S-201 Section.dwg")
            aps.deleteItem(visible[2])
            aps.hideItem(visible[3])
            aps.moveItem(visible[4], to: folders[1])
            let newFolder = try #require(aps.addFolder(parent: folders[0], name: "Submittals"))
            aps.addItem(folder: newFolder, name: "Steel shop drawings.pdf")

            let incremental = try await bed.sync("tower")
            #expect(incremental.mode == .incremental)
            #expect(incremental.status == .succeeded, "\(incremental.error ?? "")")
            #expect(incremental.removed == 2, "the deleted and the hidden item are reported as removals")
            try await bed.expectCatalogMatchesGroundTruth("tower")
            let catalog = try await bed.catalog("tower")
            #expect(catalog[try #require(added)] != nil)
            #expect(catalog.values.contains { $0.path.hasSuffix("/Submittals/Steel shop drawings.pdf") })
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func theWalkEntersOnlyChangedFolders() async throws {
        try await ACCTestBed.run(shape: FullSyncTests.shape(items: 500)) { bed in
            _ = try await bed.endpoint("tower", spec: bed.spec(pageSize: 20))
            #expect(try await bed.sync("tower").status == .succeeded)
            let aps = bed.aps
            let visible = aps.visibleItemIDs
            let changedItems = [visible[10], visible[20]]
            aps.addVersion(item: changedItems[0])
            aps.deleteItem(changedItems[1])
            let changedFolders = Set(changedItems.compactMap(aps.folderID(ofItem:)))
            let expectedEntered = aps.folderIDs.filter { folder in changedFolders.contains { aps.isAncestor(folder, of: $0) } }
            aps.clearRequestLog()

            let incremental = try await bed.sync("tower")
            #expect(incremental.status == .succeeded, "\(incremental.error ?? "")")
            let entered = Set(aps.requestLog.compactMap(\.folderID))
            #expect(
                entered == Set(expectedEntered),
                "entered \(entered.count) folders, expected the \(expectedEntered.count) on the changed paths")
            #expect(entered.count < aps.folderIDs.count / 3)
            let contents = aps.requestLog.filter { $0.family == "folderContents" }
            #expect(
                contents.allSatisfy { request in
                    request.query.contains { $0.0 == "filter[lastModifiedTimeRollup]-ge" || $0.0 == "filter[lastModifiedTime]-ge" }
                })
            try await bed.expectCatalogMatchesGroundTruth("tower")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aRenamedFolderIsListedWhole() async throws {
        try await ACCTestBed.run(shape: FullSyncTests.shape(items: 300)) { bed in
            _ = try await bed.endpoint("tower", spec: bed.spec())
            #expect(try await bed.sync("tower").status == .succeeded)
            let folder = try #require(bed.aps.folderIDs.first { !bed.aps.topFolderIDs.contains($0) })
            bed.aps.renameFolder(folder, to: "Renamed Level")
            let incremental = try await bed.sync("tower")
            #expect(incremental.mode == .incremental)
            #expect(incremental.status == .succeeded, "\(incremental.error ?? "")")
            try await bed.expectCatalogMatchesGroundTruth("tower")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func removalsOutOfScopeWaitForTheFullResync() async throws {
        try await ACCTestBed.run(shape: FullSyncTests.shape(items: 300)) { bed in
            let aps = bed.aps
            let root = aps.topFolderIDs[0]
            _ = try await bed.endpoint("files", spec: bed.spec(folderIDs: [root]))
            #expect(try await bed.sync("files").status == .succeeded)
            let leaving = try #require(aps.visibleItemIDs.first { aps.folderID(ofItem: $0) == root })
            aps.moveItem(leaving, to: aps.topFolderIDs[1])

            let incremental = try await bed.sync("files")
            #expect(incremental.mode == .incremental)
            #expect(try await bed.catalog("files")[leaving] != nil, "a pruned walk inside the roots cannot see a file leave them")
            let full = try await bed.sync("files", forceFull: true)
            #expect(full.mode == .full && full.status == .succeeded)
            #expect(full.removed == 1)
            try await bed.expectCatalogMatchesGroundTruth("files", roots: [root])
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aDeletedFolderRemovesItsFiles() async throws {
        try await ACCTestBed.run(shape: FullSyncTests.shape(items: 300)) { bed in
            _ = try await bed.endpoint("tower", spec: bed.spec())
            #expect(try await bed.sync("tower").status == .succeeded)
            let folder = try #require(bed.aps.folderIDs.first { !bed.aps.topFolderIDs.contains($0) })
            bed.aps.deleteFolder(folder)
            let incremental = try await bed.sync("tower")
            #expect(incremental.status == .succeeded, "\(incremental.error ?? "")")
            #expect(incremental.removed > 0)
            try await bed.expectCatalogMatchesGroundTruth("tower")
        }
    }
}
