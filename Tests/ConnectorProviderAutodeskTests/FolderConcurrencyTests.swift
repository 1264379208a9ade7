import ConnectorModel
import ConnectorProvider
import FakeAutodeskAPS
import Foundation
import Testing

/// Several folders listed at once (`sync.maxConcurrentRequests`): the walk is not bound by one round trip at a time,
/// stays within the setting, lists what one folder at a time lists, and a listing interrupted with several folders
/// in progress resumes without losing any of them.
@Suite(.timeLimit(.minutes(2))) struct FolderConcurrencyTests {
    @Test(arguments: [1, 4])
    func foldersAreListedSideBySideAndTheCatalogIsTheSame(limit: Int) async throws {
        var configuration = FakeAutodeskAPS.Configuration()
        configuration.latency = .milliseconds(20)
        try await ACCTestBed.run(shape: FullSyncTests.shape(items: 600), configuration: configuration) { bed in
            _ = try await bed.endpoint("tower", spec: bed.spec(pageSize: 25, maxConcurrentRequests: limit))
            let run = try await bed.sync("tower")
            #expect(run.status == .succeeded, "\(run.error ?? "")")
            try await bed.expectCatalogMatchesGroundTruth("tower")
            #expect(bed.aps.maxRequestsInFlight <= limit)
            if limit > 1 { #expect(bed.aps.maxRequestsInFlight > 1, "at most \(bed.aps.maxRequestsInFlight) in flight") }
        }
    }

    /// Every page's cursor holds each folder in progress where the pages handed on leave it: a listing stopped after
    /// any page and resumed from that page's cursor reports every file, however many folders were in progress.
    @Test func aListingResumedFromAnyPageMissesNoFile() async throws {
        var configuration = FakeAutodeskAPS.Configuration()
        configuration.latency = .milliseconds(2)
        try await ACCTestBed.run(shape: FullSyncTests.shape(items: 300), configuration: configuration) { bed in
            let provider = try bed.provider(bed.spec(pageSize: 10, maxConcurrentRequests: 6))
            var pages: [ProviderPage] = []
            for try await page in provider.list(.full(resumeToken: nil, pageSize: 10)) { pages.append(page) }
            let expected = Set(bed.aps.visibleFiles().map(\.id))
            #expect(Set(pages.flatMap(\.files).map(\.id)) == expected)
            #expect(pages.count > 20, "\(pages.count) pages")
            for stop in stride(from: 1, to: pages.count - 1, by: 3) {
                guard let token = pages[stop].resumeToken else {
                    Issue.record("page \(stop) carries no resume token")
                    continue
                }
                var seen = Set(pages[...stop].flatMap(\.files).map(\.id))
                let resumed = try bed.provider(bed.spec(pageSize: 10, maxConcurrentRequests: 6))
                for try await page in resumed.list(.full(resumeToken: token, pageSize: 10)) {
                    seen.formUnion(page.files.map(\.id))
                }
                let missing = expected.subtracting(seen).count
                #expect(
                    missing == 0 && seen.isSubset(of: expected), "resumed after page \(stop): \(missing) of \(expected.count) files missing"
                )
            }
        }
    }

    /// A cursor written by the previous version (one folder in progress, `aps1.`) is still read: the walk resumes in
    /// that folder at the page it named, and goes on below it.
    @Test func aPreviousVersionsCursorResumesInItsFolder() async throws {
        try await ACCTestBed.run(shape: FullSyncTests.shape(items: 200)) { bed in
            let provider = try bed.provider(bed.spec(pageSize: 10, maxConcurrentRequests: 1))
            var pages: [ProviderPage] = []
            for try await page in provider.list(.full(resumeToken: nil, pageSize: 10)) { pages.append(page) }
            let folder = try #require(pages.flatMap(\.folders).first { $0.parentID != nil })
            let legacy: [String: Any] = [
                "rootsDone": true, "pending": [] as [Any], "phase": "all",
                "current": ["id": folder.id, "path": folder.path, "mode": "all"],
            ]
            let json = try JSONSerialization.data(withJSONObject: legacy)
            let token =
                "aps1."
                + json.base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            var files: [FileMetadata] = []
            for try await page in provider.list(.full(resumeToken: token, pageSize: 10)) { files += page.files }
            let expected = Set(bed.aps.visibleFiles().filter { $0.path.hasPrefix(folder.path + "/") }.map(\.id))
            #expect(!expected.isEmpty)
            #expect(Set(files.map(\.id)) == expected, "the folder's subtree, listed from its first page")
        }
    }
}
