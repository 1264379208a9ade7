import ArgumentParser
import CMallocTuning
import ConnectorDaemon
import ConnectorHTTP
import ConnectorModel
import ConnectorProvider
import ConnectorStore
import UnixSignals

/// The one way every command that touches the store runs: failures become one line on stderr and exit status 1 (no
/// stack trace), the store is opened for `access` and closed afterwards, and for commands that sync, SIGTERM and
/// SIGINT cancel the work (running syncs commit their current page and record themselves as cancelled). Providers
/// are registered on request, for as long as a body needs them.
///
/// Signals have one mechanism in the whole program: swift-service-lifecycle's `UnixSignalsSequence`, which the
/// daemon's `ServiceGroup` also uses for its graceful shutdown.
struct CommandRuntime: Sendable {
    /// What SIGTERM and SIGINT do.
    enum Signals {
        /// What they do to any process (it ends): commands that only read, and the daemon, whose service group traps
        /// them itself to shut down gracefully.
        case untouched
        /// Cancel the command's work, which then ends as a cancelled run would.
        case cancel
    }

    /// The global options.
    let global: GlobalOptions
    /// The open store.
    let store: any CatalogStore

    /// Runs `body` with the store `global` names.
    static func run<Result: Sendable>(
        _ global: GlobalOptions, access: StoreSession.Access = .write, signals: Signals = .untouched,
        _ body: @escaping @Sendable (CommandRuntime) async throws -> Result
    ) async throws -> Result {
        do {
            let work: @Sendable () async throws -> Result = {
                try await StoreSession.with(global, access: access) { store in try await body(CommandRuntime(global: global, store: store))
                }
            }
            switch signals {
            case .cancel: return try await cancellingOnSignals(work)
            case .untouched: return try await work()
            }
        } catch let error as StoreError {
            Terminal.error(error.description)
            throw ExitCode.failure
        } catch let error as DaemonLockError {
            Terminal.error(error.description)
            throw ExitCode.failure
        }
    }

    /// Runs `body` with every provider registered (one HTTP client per cloud provider, shut down afterwards);
    /// `observer` receives every HTTP attempt, labelled with the provider's kind.
    func withProviders<Result>(
        observer: ProviderCatalog.Observer? = nil, _ body: (ProviderRegistry) async throws -> Result
    ) async throws -> Result {
        try await ProviderCatalog.withRegistry(global.httpConfiguration, observer: observer, ledger: StoreBudgetLedger.of(store)) {
            registry in
            // Start-up is over: its code leaves the resident set, and the syncs fault back in only what they run. A
            // Drive 100,000-file first sync peaked 8 MiB lower (60 -> 52 MiB) at the same speed, which pays for the
            // SQLite writer's larger cache.
            _ = fc_drop_code_pages()
            return try await body(registry)
        }
    }

    /// Runs `operation` in a task that SIGTERM or SIGINT cancels.
    private static func cancellingOnSignals<Result: Sendable>(
        _ operation: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        let task = Task { try await operation() }
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        let listener = Task {
            for await _ in signals {
                task.cancel()
                return
            }
        }
        defer { listener.cancel() }
        return try await task.value
    }
}
