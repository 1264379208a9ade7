import ArgumentParser
import ConnectorManifest
import Foundation

/// `file-connector validate PATH...`: schema and semantic checks, no store needed.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check manifests against the schema and the semantic rules; no store needed.",
        discussion: """
            Reports every problem in every file, compiler style, then "N manifests, N valid, N invalid". \
            PATH may be a file, a directory (read recursively) or - for standard input. \
            Exit status: 0 all valid, 1 any invalid.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: [.short, .long], help: "Output format: text, json or junit.")
    var output: ReportFormat = .text

    @Option(
        help: ArgumentHelp(
            "Validate any YAML/JSON documents against this JSON Schema instead of the manifest rules.",
            valueName: "file"))
    var schema: String?

    @Argument(help: "Manifest files or directories, or - for standard input.")
    var paths: [String]

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, junit
    }

    func run() throws {
        let result: ManifestLoadResult
        if let schema {
            do {
                result = try SchemaFileValidation(schemaPath: schema).validate(paths: paths)
            } catch {
                Terminal.error(error.description)
                throw ExitCode.failure
            }
        } else {
            result = try ManifestLoader(environment: ProcessInfo.processInfo.environment).load(paths: paths)
        }
        switch output {
        case .text: Terminal.write(result.renderText(color: Terminal.standardOutputIsColorTerminal))
        case .json: Terminal.write(result.renderJSON())
        case .junit: Terminal.write(result.renderJUnit())
        }
        if !result.isValid { throw ExitCode.failure }
    }
}
