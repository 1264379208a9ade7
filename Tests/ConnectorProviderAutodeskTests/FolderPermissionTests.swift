import ConnectorModel
import FakeAutodeskAPS
import Foundation
import Testing

/// ACC folder permissions: a top folder the app may not read is skipped while another is readable (the listing is
/// then incomplete, so nothing is swept), and a project where it can read none fails with the refusal explained.
@Suite struct FolderPermissionTests {
    static var shape: FakeACCProject.Shape {
        var shape = FakeACCProject.Shape(items: 200)
        shape.seed = 5
        shape.branching = 3
        shape.depth = 2
        return shape
    }

    @Test(.timeLimit(.minutes(2)))
    func aTopFolderTheAppMayNotReadIsSkippedAndNothingIsSwept() async throws {
        try await ACCTestBed.run(shape: Self.shape) { bed in
            _ = try await bed.endpoint("tower", spec: bed.spec())
            let first = try await bed.sync("tower")
            #expect(first.status == .succeeded, "\(first.error ?? "")")
            let tops = bed.aps.topFolderIDs
            #expect(tops.count >= 2)
            let forbidden = tops[0]
            let before = try await bed.catalog("tower")
            bed.aps.forbidFolder(forbidden)
            let second = try await bed.sync("tower", forceFull: true)
            #expect(second.status == .succeeded, "\(second.error ?? "")")
            #expect(second.removed == 0, "a listing that skipped a folder infers no removal")
            #expect(
                second.error?.contains("no removals inferred") == true && second.error?.contains("not readable by the app") == true,
                "\(second.error ?? "")")
            #expect(try await bed.catalog("tower").keys.sorted() == before.keys.sorted())
            try await bed.expectCatalogMatchesGroundTruth("tower")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aProjectWhoseTopFoldersAreAllUnreadableFailsWithTheReason() async throws {
        try await ACCTestBed.run(shape: Self.shape) { bed in
            for folder in bed.aps.topFolderIDs { bed.aps.forbidFolder(folder) }
            _ = try await bed.endpoint("tower", spec: bed.spec())
            let run = try await bed.sync("tower")
            #expect(run.status == .failed)
            #expect(run.error?.contains("may not read") == true, "\(run.error ?? "")")
            #expect(try await bed.catalog("tower").isEmpty)
        }
    }
}
