import ConnectorModel
import ConnectorProvider
import ConnectorStore
import ConnectorTestSupport
import Foundation
import Testing

@testable import ConnectorSync

/// What makes two files one: their ids byte for byte, as both stores compare keys. Swift's `String` equality would
/// merge ids that are canonically equivalent (a composed and a decomposed `é`), which a local tree may hold side by
/// side; and a provider that repeats a file on one page must not make a store fail or count it twice.
@Suite struct FileIdentitySyncTests {
    static let composed = "caf\u{E9}.pdf"
    static let decomposed = "cafe\u{301}.pdf"

    @Test(arguments: SyncEngineTests.StoreKind.allCases)
    func canonicallyEquivalentIdsStayTwoFilesAndARepeatedFileIsWrittenOnce(kind: SyncEngineTests.StoreKind) async throws {
        #expect(Self.composed == Self.decomposed, "the premise: Swift calls them equal")
        try await SyncEngineTests().withStore(kind) { store, endpoint in
            let repeated = FileMetadata(id: "report.pdf", name: "report.pdf", path: "report.pdf", size: 1)
            var repeatedLater = repeated
            repeatedLater.size = 2
            let source = FixedPageSource(files: [
                FileMetadata(id: Self.composed, name: Self.composed, path: Self.composed, size: 10),
                FileMetadata(id: Self.decomposed, name: Self.decomposed, path: Self.decomposed, size: 20),
                repeated, repeatedLater,
            ])
            let engine = SyncEngine(store: store, registry: ProviderRegistry().registering(.local) { _ in source }, environment: [:])
            let first = try await engine.sync(endpoint, trigger: .manual)
            #expect(first.status == .succeeded && first.created == 3 && first.updated == 0, "\(first)")

            let stored = try await store.files(endpoint: "photos", limit: nil)
            #expect(stored.count == 3, "\(stored.map(\.fileID))")
            let sizes = Dictionary(uniqueKeysWithValues: stored.map { (Array($0.fileID.utf8), $0.metadata.size) })
            #expect(sizes[Array(Self.composed.utf8)] == 10 && sizes[Array(Self.decomposed.utf8)] == 20, "\(sizes)")
            #expect(sizes[Array("report.pdf".utf8)] == 2, "the repeated file's last form is kept")

            // Listed again as it is: nothing changed. Then only the decomposed one changes: only it is rewritten.
            let again = try await engine.sync(try await SyncEngineTests.current(store), trigger: .manual)
            #expect(again.unchanged == 3 && again.updated == 0 && again.created == 0 && again.removed == 0, "\(again)")
            source.files[1].size = 21
            let changed = try await engine.sync(try await SyncEngineTests.current(store), trigger: .manual)
            #expect(changed.updated == 1 && changed.unchanged == 2 && changed.created == 0, "\(changed)")
            let after = try await store.files(endpoint: "photos", limit: nil)
            let sizesAfter = Dictionary(uniqueKeysWithValues: after.map { (Array($0.fileID.utf8), $0.metadata.size) })
            #expect(sizesAfter[Array(Self.composed.utf8)] == 10 && sizesAfter[Array(Self.decomposed.utf8)] == 21, "\(sizesAfter)")
        }
    }

    @Test func fileIDKeyComparesAndOrdersByBytes() {
        #expect(FileIDKey(Self.composed) != FileIDKey(Self.decomposed))
        #expect(Set([FileIDKey(Self.composed), FileIDKey(Self.decomposed), FileIDKey(Self.composed)]).count == 2)
        // "e" + U+0301 (0x65 0xCC 0x81) sorts before "é" (0xC3 0xA9) by bytes.
        #expect(FileIDKey(Self.decomposed) < FileIDKey(Self.composed))
        #expect(FileIDKey("a") < FileIDKey("ab") && !(FileIDKey("ab") < FileIDKey("a")) && !(FileIDKey("a") < FileIDKey("a")))
        #expect(FileIDKey("Z") < FileIDKey("a") && FileIDKey("") < FileIDKey("\u{0}"))
    }

    /// A page's records are rebuilt only when an id repeats: a page of random cloud ids without repeats is the array
    /// itself (no copy of a record), and one with repeats keeps each id's last record, in page order.
    @Test func aPageIsRebuiltOnlyWhenAnIDRepeats() {
        let seen = Date(timeIntervalSince1970: 1_795_000_000)
        func records(_ ids: [String]) -> [CatalogFile] {
            ids.enumerated().map { offset, id in
                CatalogFile(FileMetadata(id: id, name: id, path: "\(id)-\(offset)"), endpoint: "e", seenAt: seen)
            }
        }
        let random = records(["1Zq", "0aB", "1Zr", "_x-", "0aA"])
        let kept = PreparedPage.lastOfEachID(random)
        #expect(kept.map(\.metadata.path) == random.map(\.metadata.path))
        #expect(kept.withUnsafeBufferPointer { $0.baseAddress } == random.withUnsafeBufferPointer { $0.baseAddress }, "not copied")
        let repeats = PreparedPage.lastOfEachID(records(["b", "a", "b", "c", "a"]))
        #expect(repeats.map(\.metadata.path) == ["b-2", "c-3", "a-4"])
    }
}

/// One page of exactly the files given, in that order (repeats included); no change feed.
private final class FixedPageSource: FileProvider, @unchecked Sendable {
    var files: [FileMetadata]

    init(files: [FileMetadata]) {
        self.files = files
    }

    var capabilities: ProviderCapabilities { ProviderCapabilities(changeFeed: false) }
    func changeFeedStartToken() async throws -> String? { nil }
    var statistics: ProviderStatistics { ProviderStatistics() }

    func list(_ request: ListingRequest) -> AsyncThrowingStream<ProviderPage, any Error> {
        let page = ProviderPage(files: files, resumeToken: files.last?.id, isLast: true)
        return AsyncThrowingStream { continuation in
            continuation.yield(page)
            continuation.finish()
        }
    }
}
