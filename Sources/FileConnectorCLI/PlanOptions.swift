import ArgumentParser
import ConnectorPlan
import ConnectorReconciler
import Foundation

/// The options `plan` and `reconcile` share.
struct PlanOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Output format: text or json.")
    var output: PlanFormat = .text

    @Flag(help: "Keep endpoints that are in no manifest instead of retiring them.")
    var noPrune = false

    @Flag(help: "Allow retiring more than half of the active endpoints.")
    var allowMassRetire = false

    @Flag(help: "Apply manifests older than (or as new as but different from) the ones the store last applied.")
    var allowOlderManifests = false

    @Argument(help: "Manifest files or directories, or - for standard input.")
    var paths: [String]

    enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    /// A reconciler over the process environment with these switches.
    func reconciler() throws -> Reconciler {
        try Reconciler(
            environment: ProcessInfo.processInfo.environment,
            options: Planner.Options(prune: !noPrune, allowMassRetire: allowMassRetire, allowOlderManifests: allowOlderManifests))
    }

    /// The plan in the chosen format.
    func render(_ plan: Plan) -> String {
        output == .json ? plan.renderJSON() : plan.renderText(color: Terminal.standardOutputIsColorTerminal)
    }
}
