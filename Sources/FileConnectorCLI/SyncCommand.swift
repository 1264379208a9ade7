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
        let run = try await CommandFailure.reporting {
            try await SignalCancellation.run {
                try await StoreSession.with(global) { store -> SyncRunRecord? in
                    guard let endpoint = try await store.snapshot().endpoints[name] else { return nil }
                    let engine = SyncEngine(store: store, registry: ProviderCatalog.registry, environment: environment)
                    return try await engine.sync(endpoint, trigger: .manual, forceFull: full, progress: SyncReport.progress)
                }
            }
        }
        SyncReport.endProgress()
        guard let run else {
            Terminal.error("no endpoint named \"\(name)\" in the store: reconcile its manifest first")
            throw ExitCode.failure
        }
        Terminal.write(SyncReport.line(run) + "\n")
        if run.status != "succeeded" { throw ExitCode(3) }
    }
}
