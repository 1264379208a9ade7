import ArgumentParser
import ConnectorModel
import ConnectorPlan
import ConnectorReconciler
import ConnectorSync
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

    @Option(help: "Run at most this many syncs at once.")
    var maxConcurrentSyncs = 10

    @OptionGroup var options: PlanOptions

    func run() async throws {
        let reconciler = try options.reconciler()
        let (paths, dryRun, noSync, options, global) = (options.paths, self.dryRun, self.noSync, self.options, self.global)
        let maxConcurrent = maxConcurrentSyncs
        let environment = ProcessInfo.processInfo.environment
        let failedSyncs = try await CommandRuntime.run(global, access: dryRun ? .read : .write, signals: .cancel) { runtime -> Int in
            let store = runtime.store
            let outcome =
                dryRun
                ? try await reconciler.plan(paths: paths, store: store)
                : try await reconciler.reconcile(paths: paths, store: store)
            guard case .applied(let plan) = outcome else { return try Self.report(outcome, options: options) }
            Terminal.write(options.render(plan))
            if options.output == .text, plan.hasChanges {
                Terminal.write("Applied: \(Self.committed(plan.reconcileWrites)) committed.\n")
            }
            guard !noSync else { return 0 }
            let runs = try await runtime.withProviders { registry in
                let engine = SyncEngine(store: store, registry: registry, environment: environment)
                return try await DueSyncRunner(engine: engine, maxConcurrent: maxConcurrent)
                    .run(plan.dueSyncs, store: store, trigger: .reconcile, progress: SyncReport.progress)
            }
            SyncReport.endProgress()
            for run in runs { Terminal.writeError(SyncReport.line(run) + "\n") }
            return runs.filter { $0.status != .succeeded }.count
        }
        if failedSyncs > 0 { throw ExitCode(3) }
    }

    /// `2 endpoint changes and 1 sink change`.
    private static func committed(_ writes: ReconcileWrites) -> String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun) change\(number == 1 ? "" : "s")" }
        let endpoints = count(writes.endpoints.count, "endpoint")
        return writes.sinks.isEmpty ? endpoints : "\(endpoints) and \(count(writes.sinks.count, "sink"))"
    }

    /// Prints an outcome that applied nothing; throws the exit status.
    private static func report(_ outcome: Reconciler.Outcome, options: PlanOptions) throws -> Int {
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
        case .applied:
            break
        }
        return 0
    }
}
