import ArgumentParser
import ConnectorStore

/// `file-connector migrate`: apply pending store migrations explicitly.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract:
            "Create or upgrade the store's schema (reconcile, sync, run and the daemon also do this on open; plan and get never write)."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (applied, description) = try await CommandRuntime.run(global) { runtime in
            // Opening the store migrated it; report what it now holds.
            (try await runtime.store.appliedMigrations(), runtime.store.description)
        }
        let latest = applied.last.map(\.identifier) ?? "none"
        Terminal.write("store \(description): schema at \(latest) (\(applied.count) of \(StoreMigration.all.count) migrations applied)\n")
    }
}
