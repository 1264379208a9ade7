import ArgumentParser
import ConnectorPlan
import ConnectorStore
import Foundation

/// `file-connector plan PATH...`: the diff between the manifests and the store; nothing written.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what reconcile would change; nothing is written.",
        discussion: "Exit status: 0 (or 2 with changes under --detailed-exitcode), 1 on invalid input or a store error."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Exit 2 when the plan has changes, 0 when it has none (as terraform plan -detailed-exitcode).")
    var detailedExitcode = false

    @OptionGroup var options: PlanOptions

    func run() async throws {
        let reconciler = try options.reconciler()
        let paths = options.paths
        let outcome = try await CommandRuntime.run(global, access: .read) { runtime in
            try await reconciler.plan(paths: paths, store: runtime.store)
        }
        switch outcome {
        case .invalid(let result):
            Terminal.writeError(result.renderText(color: false))
            throw ExitCode.failure
        case .planned(let plan), .applied(let plan), .refused(let plan):
            Terminal.write(options.render(plan))
            if plan.refusal != nil { throw ExitCode.failure }
            if detailedExitcode && plan.hasChanges { throw ExitCode(2) }
        }
    }
}
