import ConnectorModel
import ConnectorProvider
import ConnectorProviderLocal
import ConnectorStore
import ConnectorSync
import ConnectorTestSupport
import Crypto
import Foundation
import NIOConcurrencyHelpers
import Testing

/// `local.checksums: true` hashes a file's content only when its size or modification time differ from what the
/// catalog recorded (rsync's quick check), so a sync re-reads what changed, not the whole tree.
@Suite struct LocalChecksumTests {
    /// A catalog that answers from a fixed table and counts its lookups.
    final class RecordedFiles: CatalogedFiles {
        let table: [FileIDKey: FileMetadata]
        let lookups = NIOLockedValueBox(0)
        init(_ files: [FileMetadata]) { table = Dictionary(uniqueKeysWithValues: files.map { (FileIDKey($0.id), $0) }) }
        func files(ids: [String]) async throws -> [FileIDKey: FileMetadata] {
            lookups.withLockedValue { $0 += 1 }
            return table.filter { ids.contains($0.key.id) }
        }
    }

    static func sha256(_ text: String) -> String { SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined() }

    static func modified(_ path: String) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
    }

    @Test func aRecordedChecksumIsReusedOnlyWhileSizeAndModificationTimeMatch() async throws {
        let directory = try TemporaryDirectory()
        for (name, text) in [("same.txt", "same"), ("resized.txt", "resized"), ("touched.txt", "touched"), ("new.txt", "new")] {
            try directory.write(name, text)
        }
        let catalog = RecordedFiles([
            FileMetadata(
                id: "same.txt", name: "same.txt", path: "same.txt", size: 4,
                checksums: ["sha256": "recorded"], modifiedAt: try Self.modified(directory.url("same.txt"))),
            FileMetadata(
                id: "resized.txt", name: "resized.txt", path: "resized.txt", size: 99,
                checksums: ["sha256": "stale"], modifiedAt: try Self.modified(directory.url("resized.txt"))),
            FileMetadata(
                id: "touched.txt", name: "touched.txt", path: "touched.txt", size: 7,
                checksums: ["sha256": "stale"], modifiedAt: try Self.modified(directory.url("touched.txt")).addingTimeInterval(-1)),
        ])
        let provider = LocalProvider(root: directory.path, checksums: true, catalogedFiles: catalog)
        var sums: [String: String] = [:]
        for try await page in provider.list(.full(resumeToken: nil, pageSize: 1000)) {
            for file in page.files { sums[file.id] = file.checksums["sha256"] }
        }
        #expect(sums["same.txt"] == "recorded", "unchanged size and time: the recorded sum, the file not read")
        #expect(sums["resized.txt"] == Self.sha256("resized"), "another size: read again")
        #expect(sums["touched.txt"] == Self.sha256("touched"), "another modification time: read again")
        #expect(sums["new.txt"] == Self.sha256("new"), "not in the catalog: read")
        #expect(catalog.lookups.withLockedValue { $0 } == 1, "one lookup for the page")

        let plain = LocalProvider(root: directory.path, checksums: false, catalogedFiles: catalog)
        for try await page in plain.list(.full(resumeToken: nil, pageSize: 1000)) {
            #expect(page.files.allSatisfy { $0.checksums.isEmpty })
        }
        #expect(catalog.lookups.withLockedValue { $0 } == 1, "no checksums, no lookups")
    }

    /// Through the engine and a real SQLite store: the second sync takes the sums the first recorded. A file rewritten
    /// with the same size and its old modification time keeps its old sum (the quick check's known blind spot, as
    /// with rsync); one whose size changes is hashed again.
    @Test func syncsReuseTheSumsTheCatalogRecorded() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.txt", "aaaa")
        try directory.write("b.txt", "bbbb")
        try await SyncEngineTests().withStore(.sqlite) { store, endpoint in
            let root = directory.path
            let registry = ProviderRegistry().registering(.local) { context in
                LocalProvider(root: root, checksums: true, catalogedFiles: context.catalogedFiles)
            }
            let engine = SyncEngine(store: store, registry: registry, environment: [:])
            #expect(try await engine.sync(endpoint, trigger: .manual).created == 2)
            let mtime = try Self.modified(directory.url("a.txt"))
            try directory.write("a.txt", "AAAA")
            try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: directory.url("a.txt"))
            try directory.write("b.txt", "bbbbb")
            let again = try await engine.sync(try await SyncEngineTests.current(store), trigger: .manual)
            // a.txt counts as updated too: setting its time back keeps it to the millisecond the quick check compares,
            // not to the nanosecond the file had.
            #expect(again.status == .succeeded && again.updated >= 1, "\(again)")
            let sums = Dictionary(
                uniqueKeysWithValues: try await store.files(endpoint: "photos", limit: nil).map {
                    ($0.fileID, $0.metadata.checksums["sha256"])
                })
            #expect(sums["a.txt"] == Self.sha256("aaaa"), "same size and time: the recorded sum")
            #expect(sums["b.txt"] == Self.sha256("bbbbb"), "a new size: hashed again")
        }
    }
}
