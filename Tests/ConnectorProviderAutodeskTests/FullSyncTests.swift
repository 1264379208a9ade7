import ConnectorModel
import FakeAutodeskAPS
import Foundation
import Testing

/// Full listings of a generated project through the sync engine into SQLite.
@Suite struct FullSyncTests {
    static func shape(items: Int = 600) -> FakeACCProject.Shape {
        var shape = FakeACCProject.Shape(items: items)
        shape.seed = 11
        shape.branching = 3
        shape.depth = 2
        return shape
    }

    @Test(.timeLimit(.minutes(2)))
    func fullSyncEqualsTheGroundTruth() async throws {
        var configuration = FakeAutodeskAPS.Configuration()
        configuration.omitIncludedEvery = 4
        try await ACCTestBed.run(shape: Self.shape(), configuration: configuration) { bed in
            _ = try await bed.endpoint("tower", spec: bed.spec(pageSize: 25))
            let run = try await bed.sync("tower")
            #expect(run.status == .succeeded, "\(run.error ?? "")")
            #expect(run.mode == .full)
            try await bed.expectCatalogMatchesGroundTruth("tower")

            let log = bed.aps.requestLog
            #expect(log.contains { $0.family == "tip" }, "pages without `included` were completed from the tip endpoint")
            #expect(log.allSatisfy { $0.query.first { $0.0 == "page[limit]" }.map { $0.1 == "25" } ?? true })
            #expect(run.requests == log.count, "every request is counted in the run record")
            let hiddenCount = bed.aps.itemIDs.count - bed.aps.visibleItemIDs.count
            #expect(hiddenCount > 0, "the project has hidden and deleted items, and they are not in the catalog")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func filesCarryPathsTypesUsersAndLinks() async throws {
        try await ACCTestBed.run(shape: Self.shape(items: 120)) { bed in
            _ = try await bed.endpoint("tower", spec: bed.spec())
            let run = try await bed.sync("tower")
            #expect(run.status == .succeeded, "\(run.error ?? "")")
            let catalog = try await bed.catalog("tower")
            let file = try #require(catalog.values.first { $0.name.hasSuffix(".rvt") })
            #expect(file.path.hasPrefix("Project Files/") || file.path.hasPrefix("Plans/"), "paths start with the top folder's name")
            #expect(file.mimeType == "application/vnd.autodesk.revit")
            #expect(file.webLink?.hasPrefix("https://acc.autodesk.com/docs/files/projects/") == true)
            #expect(file.createdAt != nil && file.modifiedAt != nil)
            #expect(file.parents.count == 1 && file.parents[0].hasPrefix("urn:adsk.wipprod:fs.folder:co."))
            #expect(file.id.hasPrefix("urn:adsk.wipprod:dm.lineage:"))
            let extras = try #require(file.extras.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
            #expect(extras["createUserName"] is String && extras["lastModifiedUserName"] is String)
            #expect((extras["versionId"] as? String)?.contains("?version=\(file.version ?? "")") == true)
            #expect(catalog.values.contains { $0.fileExtension.isEmpty && $0.mimeType == "application/octet-stream" })
            for ext in ["dwg", "ifc", "nwd", "pdf"] {
                #expect(catalog.values.contains { $0.fileExtension == ext }, "CAD/BIM type \(ext) kept")
            }
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func givenFoldersAreTheRootsOfPaths() async throws {
        try await ACCTestBed.run(shape: Self.shape(items: 200)) { bed in
            let subfolder = try #require(bed.aps.folderIDs.first { !bed.aps.topFolderIDs.contains($0) })
            _ = try await bed.endpoint("subset", spec: bed.spec(folderIDs: [subfolder]))
            let run = try await bed.sync("subset")
            #expect(run.status == .succeeded, "\(run.error ?? "")")
            try await bed.expectCatalogMatchesGroundTruth("subset", roots: [subfolder])
            #expect(!bed.aps.requestLog.contains { $0.family == "topFolders" }, "given folders replace the top folders")
        }
    }
}
