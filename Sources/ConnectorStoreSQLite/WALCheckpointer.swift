import Foundation
import GRDB
import Synchronization

/// Copies the write-ahead log back into the database file on a connection of its own, beside the writer rather than
/// on it.
///
/// SQLite's automatic checkpoint runs on the connection that commits, so every few megabytes a sync's writer stopped
/// to read the log and write the database file: about a fifth of a first sync's time, on the thread the sync waits
/// on. Here the writer only commits; after every few commits this connection runs a passive checkpoint (it never
/// waits for the writer or readers and copies what is committed) on its own thread. The writer's automatic
/// checkpoint stays as a backstop at a much larger log. Crash safety is SQLite's either way: a checkpoint only moves
/// committed pages.
final class WALCheckpointer: Sendable {
    private struct State {
        var commitsSinceCheckpoint = 0
        var running = false
        var closed = false
        var checkpoints = 0
    }

    /// Commits between two checkpoints (a page of files each, a megabyte or two).
    static let commitsPerCheckpoint = 4
    /// The log the writer's own automatic checkpoint waits for, should this connection fall behind.
    static let backstopBytes = 64_000 * 1024

    /// ``backstopBytes`` in pages of `pageSize` bytes (SQLite's `wal_autocheckpoint` counts pages): 16,000 pages of a
    /// store created with 4 KiB pages, 8,000 of one with 8 KiB pages.
    static func backstopPages(pageSize: Int) -> Int {
        backstopBytes / max(512, pageSize)
    }

    private let queue: DatabaseQueue
    private let state = Mutex(State())

    /// Opens the checkpointing connection to the database at `path` (already in WAL mode).
    init(path: String) throws {
        var configuration = GRDB.Configuration()
        configuration.label = "file-connector.checkpointer"
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Counts one commit of the writer and starts a checkpoint when enough came since the last and none is running.
    func committed() {
        let start = state.withLock { state in
            state.commitsSinceCheckpoint += 1
            guard !state.running, !state.closed, state.commitsSinceCheckpoint >= Self.commitsPerCheckpoint else { return false }
            state.running = true
            state.commitsSinceCheckpoint = 0
            return true
        }
        guard start else { return }
        queue.asyncWriteWithoutTransaction { [self] db in
            // A passive checkpoint that finds the log busy copies what it can; the next one copies the rest.
            _ = try? db.checkpoint(.passive)
            self.state.withLock { state in
                state.running = false
                state.checkpoints += 1
            }
        }
    }

    /// How many checkpoints have finished (tests).
    var checkpoints: Int { state.withLock { $0.checkpoints } }

    /// Waits for a running checkpoint, then closes the connection.
    func close() throws {
        state.withLock { $0.closed = true }
        try queue.close()
    }
}
