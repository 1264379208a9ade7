import ArgumentParser
import ConnectorEngine
import ConnectorPlan
import Foundation

/// `file-connector reconcile PATH...`: apply the plan, then run the due syncs.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Apply the manifests to the store (create, update, retire endpoints), then report due syncs.",
        discussion: """
            The plan is computed and applied in one transaction under the store's writer lock, so the \
            plan printed is the plan applied and two reconciles never interleave. \
            Exit status: 0 ok, 1 nothing applied (invalid input, store error, refused), 3 applied but a sync failed.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: text or json.")
    var output: PlanCommand.PlanFormat = .text

    @Flag(help: "Show the plan without applying it (the same as plan).")
    var dryRun = false

    @Flag(help: "Apply the plan but run no syncs.")
    var noSync = false

    @Flag(help: "Keep endpoints that are in no manifest instead of retiring them.")
    var noPrune = false

    @Flag(help: "Allow retiring more than half of the active endpoints.")
    var allowMassRetire = false

    @Argument(help: "Manifest files or directories, or - for standard input.")
    var paths: [String]

    func run() async throws {
        let reconciler = try Reconciler(
            environment: ProcessInfo.processInfo.environment,
            options: .init(prune: !noPrune, allowMassRetire: allowMassRetire))
        let (paths, dryRun) = (self.paths, self.dryRun)
        let outcome = try await CommandFailure.reporting {
            try await StoreSession.with(global) { store in
                dryRun ? try await reconciler.plan(paths: paths, store: store) : try await reconciler.reconcile(paths: paths, store: store)
            }
        }
        let color = Terminal.standardOutputIsColorTerminal
        switch outcome {
        case .invalid(let result):
            Terminal.writeError(result.renderText(color: false))
            Terminal.error("the manifests are invalid: nothing was applied and nothing retired")
            throw ExitCode.failure
        case .planned(let plan):
            Terminal.write(output == .json ? plan.renderJSON() : plan.renderText(color: color))
            if plan.refusal != nil { throw ExitCode.failure }
        case .refused(let plan):
            Terminal.write(output == .json ? plan.renderJSON() : plan.renderText(color: color))
            Terminal.error("nothing was applied: \(plan.refusal ?? "refused")")
            throw ExitCode.failure
        case .applied(let plan):
            guard output == .text else {
                Terminal.write(plan.renderJSON())
                return
            }
            Terminal.write(plan.renderText(color: color))
            Terminal.write(plan.hasChanges ? "Applied: \(plan.writes.count) endpoint change\(plan.writes.count == 1 ? "" : "s") committed.\n" : "")
            if !noSync, !plan.dueSyncs.isEmpty {
                Terminal.write("Syncs due: \(plan.dueSyncs.map(\.endpoint).joined(separator: ", ")) (not run: this build has no sync engine yet; see the README).\n")
            }
        }
    }
}
