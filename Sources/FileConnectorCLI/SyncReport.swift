import ConnectorModel
import ConnectorStore
import ConnectorSync
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How syncs show up on the command line: a progress line on a terminal, a summary line per run.
enum SyncReport {
    /// Reports progress on stderr when it is a terminal (never on a pipe); nil otherwise.
    static var progress: (@Sendable (SyncProgress) -> Void)? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        return { progress in
            let seconds = progress.elapsed.timeInterval
            let text =
                "\r\u{1B}[2K\(TableRenderer.printable(progress.endpoint, limit: 40)): \(progress.filesSeen) files, "
                + "\(Int(progress.rate))/s, \(String(format: "%.1f", seconds))s"
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// Clears the progress line.
    static func endProgress() {
        guard isatty(STDERR_FILENO) == 1 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    /// `sync quickstart-files: succeeded (full, 0.4s): 6 created, 0 updated, 0 unchanged, 0 removed; 0 requests`.
    static func line(_ run: SyncRunRecord) -> String {
        let seconds = run.finishedAt.map { $0.timeIntervalSince(run.startedAt) } ?? 0
        var text =
            "sync \(run.endpoint): \(run.status.rawValue) (\(run.mode.rawValue), \(String(format: "%.1f", seconds))s): "
            + "\(run.created) created, \(run.updated) updated, \(run.unchanged) unchanged, \(run.removed) removed; "
            + "\(run.requests) request\(run.requests == 1 ? "" : "s")"
        if run.retries > 0 { text += " (\(run.retries) retried)" }
        if let error = run.error {
            text += "\n  \(run.status == .succeeded ? "note" : "error"): \(TableRenderer.printable(error, limit: 300))"
        }
        return text
    }
}
