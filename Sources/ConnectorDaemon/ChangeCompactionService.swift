import ConnectorStore
import Foundation
import Logging
import ServiceLifecycle

/// Compacts the store's change log to `--change-retention` and `--change-retention-count` at start and then every
/// `interval`, until graceful shutdown. Several replicas may compact the same log: deleting what another already
/// deleted changes nothing. A failure is logged and tried again at the next interval; it never stops the daemon.
struct ChangeCompactionService: Service {
    let store: any ChangeLog
    let retention: ChangeRetention
    let interval: Duration
    let logger: Logger

    func run() async throws {
        guard retention.maxAge != nil || retention.maxCount != nil else { return }
        await withDiscardingTaskGroup { group in
            let (ticks, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            continuation.yield()
            group.addTask {
                while (try? await Task.sleep(for: interval)) != nil { continuation.yield() }
            }
            for await _ in ticks.cancelOnGracefulShutdown() { await compact() }
            group.cancelAll()
        }
    }

    /// One compaction.
    func compact() async {
        do {
            let deleted = try await store.compactChanges(keeping: retention, now: Date())
            if deleted > 0 {
                let through = try await store.compactedChangeSequence()
                logger.info("change log compacted", metadata: ["deleted": "\(deleted)", "through": "\(through)"])
            }
        } catch {
            logger.warning("change log not compacted; trying again later", metadata: ["error": "\(error)"])
        }
    }
}
