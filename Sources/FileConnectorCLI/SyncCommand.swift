import ArgumentParser
import ConnectorStore
import ConnectorSync
import Foundation

/// `file-connector sync NAME [--full]`: run one endpoint's sync now.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Run one endpoint's sync now.",
        discussion: """
            Lists the endpoint's files and updates the catalog; an interrupted listing resumes where it \
            stopped. SIGTERM or SIGINT commits the current page and records the run as cancelled. \
            Exit status: 0 ok, 3 the sync failed or was cancelled, 1 unknown endpoint or store error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The endpoint's name.")
    var name: String

    @Flag(help: "List everything instead of following the change feed.")
    var full = false

    func run() async throws {
        let (name, full) = (self.name, self.full)
        let environment = ProcessInfo.processInfo.environment
        let global = self.global
        let run: SyncRunRecord?
        do {
            run = try await syncNow(name: name, full: full, global: global, environment: environment)
        } catch let busy as SyncBusy {
            SyncReport.endProgress()
            Terminal.error(busy.description)
            throw ExitCode(3)
        }
        SyncReport.endProgress()
        guard let run else {
            Terminal.error("no endpoint named \"\(name)\" in the store: reconcile its manifest first")
            throw ExitCode.failure
        }
        Terminal.write(SyncReport.line(run) + "\n")
        if run.status != .succeeded { throw ExitCode(3) }
    }

    private func syncNow(name: String, full: Bool, global: GlobalOptions, environment: [String: String]) async throws -> SyncRunRecord? {
        try await CommandRuntime.run(global, signals: .cancel) { runtime -> SyncRunRecord? in
            guard let endpoint = try await runtime.store.endpoint(named: name) else { return nil }
            let run = try await runtime.withProviders { registry in
                try await SyncEngine(store: runtime.store, registry: registry, environment: environment).sync(
                    endpoint, trigger: .manual, forceFull: full, lease: SyncLease(), onlyIfDue: false, progress: SyncReport.progress)
            }
            guard let run else { throw SyncBusy(endpoint: name) }
            return run
        }
    }
}

/// Another process (a daemon, a reconcile) is syncing the endpoint right now.
struct SyncBusy: Error, CustomStringConvertible {
    var endpoint: String
    var description: String { "endpoint \(endpoint) is being synced by another process right now; try again when it finishes" }
}
