import ConnectorModel
import ConnectorProvider
import ConnectorStore
import ConnectorTestSupport
import Foundation
import Synchronization
import Testing

@testable import ConnectorSync

/// Pages that wait for a slower store are committed together, and the queue between the stages hands them over.
@Suite struct PageBatchingTests {
    /// With a store slower than the listing, pages pile up (at most `waitingPages`) and go to the store several at a
    /// time; every page arrives once, in order, and the catalog and its cursor end as with one page per commit.
    @Test(arguments: [1, 3])
    func pagesWaitingForASlowStoreAreCommittedTogether(waitingPages: Int) async throws {
        try await SyncEngineTests().withStore(.sqlite) { store, endpoint in
            let source = InMemoryFileSource(files: (0..<12_000).map { SyncEngineTests.file(String(format: "f%05d", $0)) })
            let slow = InterposedSyncStore(store, pageDelay: .milliseconds(40))
            var engine = SyncEngine(store: slow, registry: ProviderRegistry().registering(.local) { _ in source }, environment: [:])
            engine.waitingPages = waitingPages
            let run = try await engine.sync(endpoint, trigger: .manual)
            #expect(run.status == .succeeded && run.created == 12_000, "\(run)")
            let batches = slow.pageBatches
            #expect(batches.reduce(0, +) == 12, "every page once: \(batches)")
            #expect(batches.allSatisfy { (1...waitingPages).contains($0) }, "never more than \(waitingPages) at once: \(batches)")
            if waitingPages > 1 { #expect(batches.contains { $0 > 1 }, "pages waiting went together: \(batches)") }
            #expect(try await SyncEngineTests.catalog(store).present.count == 12_000)
            let again = try await engine.sync(try await SyncEngineTests.current(store), trigger: .manual)
            #expect(again.mode == .incremental && again.status == .succeeded, "the stored cursor resumes: \(again)")
        }
    }

    @Test func theWriterTakesEveryPageWaitingAndTheStageBeforeWaitsForRoom() async throws {
        let queue = PreparedPageQueue(capacity: 2)
        await queue.put(Self.page("a"))
        let returned = Mutex<[String]>([])
        let second = Task {
            await queue.put(Self.page("b"))
            returned.withLock { $0.append("b") }
        }
        try await Task.sleep(for: .milliseconds(50))
        #expect(returned.withLock { $0 }.isEmpty, "a put that fills the queue waits")
        #expect(try await queue.takeAll()?.map(Self.firstID) == ["a", "b"])
        await second.value
        #expect(returned.withLock { $0 } == ["b"], "taking makes room")
        queue.finish()
        #expect(try await queue.takeAll() == nil)

        // With a capacity of one, each page is handed over: its put returns once the writer took it.
        let handover = PreparedPageQueue(capacity: 1)
        let put = Task { await handover.put(Self.page("c")) }
        try await Task.sleep(for: .milliseconds(50))
        #expect(try await handover.takeAll()?.map(Self.firstID) == ["c"])
        await put.value
        let last = Task { await handover.put(Self.page("d")) }
        try await Task.sleep(for: .milliseconds(50))
        handover.finish()
        await last.value
        #expect(try await handover.takeAll()?.map(Self.firstID) == ["d"], "what was put before the end is still taken")
        #expect(try await handover.takeAll() == nil)
    }

    @Test func anEndWithAnErrorComesAfterThePagesAndWakesBothSides() async throws {
        let queue = PreparedPageQueue(capacity: 1)
        let blocked = Task { await queue.put(Self.page("a")) }
        try await Task.sleep(for: .milliseconds(50))
        queue.finish(throwing: ProviderError(.unavailable, "gone"))
        await blocked.value
        await queue.put(Self.page("b"))
        #expect(try await queue.takeAll()?.map(Self.firstID) == ["a"], "a page put after the end is dropped")
        await #expect(throws: ProviderError.self) { try await queue.takeAll() }

        let empty = PreparedPageQueue(capacity: 1)
        let waiting = Task { try await empty.takeAll() }
        try await Task.sleep(for: .milliseconds(50))
        empty.finish(throwing: CancellationError())
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }

    static func page(_ id: String) -> PreparedPage {
        PreparedPage(
            ProviderPage(files: [FileMetadata(id: id, name: id, path: id)], isLast: false), filter: FileFilter(.everything), endpoint: "e",
            seenAt: Date())
    }

    static func firstID(_ page: PreparedPage) -> String { page.kept.first?.fileID ?? "" }
}
