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

    @Flag(help: "Show the plan without applying it (the same as plan).")
    var dryRun = false

    @Flag(help: "Apply the plan but run no syncs.")
    var noSync = false

    @OptionGroup var options: PlanOptions

    func run() async throws {
        let reconciler = try options.reconciler()
        let (paths, dryRun) = (options.paths, self.dryRun)
        let outcome = try await CommandFailure.reporting {
            try await StoreSession.with(global) { store in
                dryRun ? try await reconciler.plan(paths: paths, store: store) : try await reconciler.reconcile(paths: paths, store: store)
            }
        }
        switch outcome {
        case .invalid(let result):
            Terminal.writeError(result.renderText(color: false))
            Terminal.error("the manifests are invalid: nothing was applied and nothing retired")
            throw ExitCode.failure
        case .planned(let plan):
            Terminal.write(options.render(plan))
            if plan.refusal != nil { throw ExitCode.failure }
        case .refused(let plan):
            Terminal.write(options.render(plan))
            Terminal.error("nothing was applied: \(plan.refusal ?? "refused")")
            throw ExitCode.failure
        case .applied(let plan):
            Terminal.write(options.render(plan))
            guard options.output == .text else { return }
            Terminal.write(plan.hasChanges ? "Applied: \(plan.writes.count) endpoint change\(plan.writes.count == 1 ? "" : "s") committed.\n" : "")
            if !noSync, !plan.dueSyncs.isEmpty {
                Terminal.write("Syncs due: \(plan.dueSyncs.map(\.endpoint).joined(separator: ", ")) (not run: this build has no sync engine yet; see the README).\n")
            }
        }
    }
}
