import ConnectorModel
import ConnectorProvider
import ConnectorProviderLocal
import ConnectorTestSupport
import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import Testing

/// The local provider blocks on the file system (a slow mount, a large file to hash), so it does that on a thread
/// pool and never holds one of the cooperative pool's threads (one per core), which the daemon's health checks,
/// scheduler and other syncs need meanwhile; and nothing on the way can block it for good.
@Suite struct LocalBlockingWorkTests {
    @Test(.timeLimit(.minutes(1)))
    func theWalkWaitsForItsThreadPoolNotForTheCooperativePool() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.txt", "a")
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        // The pool's only thread is busy until released.
        let release = DispatchSemaphore(value: 0)
        let busy = Task { try await pool.runIfActive { release.wait() } }
        let listed = NIOLockedValueBox(false)
        let provider = LocalProvider(root: directory.path, checksums: true, threadPool: pool)
        let listing = Task {
            var ids: [String] = []
            for try await page in provider.list(.full(resumeToken: nil, pageSize: 10)) { ids += page.files.map(\.id) }
            listed.withLockedValue { $0 = true }
            return ids
        }
        // A one-file walk done on the cooperative pool would be over long before this.
        try await Task.sleep(for: .milliseconds(300))
        #expect(!listed.withLockedValue { $0 }, "the walk ran elsewhere than on its thread pool")
        release.signal()
        try await busy.value
        #expect(try await listing.value == ["a.txt"])
        try await pool.shutdownGracefully()
    }

    /// A file the walk saw is a FIFO by the time it is hashed: a plain `open` would wait for a writer forever.
    @Test(.timeLimit(.minutes(1)))
    func aFileThatBecameAFIFOBeforeHashingIsAProblemNotAHang() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.txt", "a")
        try directory.write("b.txt", "b")
        let provider = LocalProvider(
            root: directory.path, checksums: true, catalogedFiles: SwapToFIFO(path: directory.url("b.txt")))
        var pages: [ProviderPage] = []
        for try await page in provider.list(.full(resumeToken: nil, pageSize: 10)) { pages.append(page) }
        #expect(pages.flatMap(\.files).map(\.id) == ["a.txt"])
        #expect(pages.flatMap(\.problems) == ["b.txt: no longer a regular file"])
    }

    /// Replaces `path` with a FIFO when the provider looks up the catalog, between the walk and the hashing.
    struct SwapToFIFO: CatalogedFiles {
        let path: String
        func files(ids: [String]) async throws -> [FileIDKey: FileMetadata] {
            try FileManager.default.removeItem(atPath: path)
            guard mkfifo(path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
            return [:]
        }
    }
}
