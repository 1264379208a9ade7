import ArgumentParser
import ConnectorEngine
import ConnectorPlan
import Foundation

/// `file-connector plan PATH...`: the diff between the manifests and the store; nothing written.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what reconcile would change; nothing is written.",
        discussion: "Exit status: 0 (or 2 with changes under --detailed-exitcode), 1 on invalid input or a store error."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: text or json.")
    var output: PlanFormat = .text

    @Flag(help: "Exit 2 when the plan has changes, 0 when it has none (as terraform plan -detailed-exitcode).")
    var detailedExitcode = false

    @Flag(help: "Keep endpoints that are in no manifest instead of retiring them.")
    var noPrune = false

    @Flag(help: "Allow retiring more than half of the active endpoints.")
    var allowMassRetire = false

    @Argument(help: "Manifest files or directories, or - for standard input.")
    var paths: [String]

    enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() async throws {
        let reconciler = try Reconciler(
            environment: ProcessInfo.processInfo.environment,
            options: .init(prune: !noPrune, allowMassRetire: allowMassRetire))
        let paths = self.paths
        let outcome = try await CommandFailure.reporting { try await StoreSession.with(global) { store in try await reconciler.plan(paths: paths, store: store) } }
        switch outcome {
        case .invalid(let result):
            Terminal.writeError(result.renderText(color: false))
            throw ExitCode.failure
        case .planned(let plan), .applied(let plan), .refused(let plan):
            Terminal.write(output == .json ? plan.renderJSON() : plan.renderText(color: Terminal.standardOutputIsColorTerminal))
            if plan.refusal != nil { throw ExitCode.failure }
            if detailedExitcode && plan.hasChanges { throw ExitCode(2) }
        }
    }
}
