import ArgumentParser
import ConnectorJSON
import ConnectorStore
import Foundation

/// `file-connector get endpoints|files|runs [NAME]`: read the store.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show endpoints, files or sync runs from the store.",
        discussion: """
            Tables fit an 80-column terminal; json, yaml and csv are stable for scripts (see docs/cli.md). \
            NAME narrows endpoints to one endpoint, and files and runs to one endpoint's.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "endpoints, files or runs.")
    var resource: CatalogResource

    @Argument(help: "An endpoint name.")
    var name: String?

    @Option(name: [.short, .long], help: "Output format: table, json, yaml or csv.")
    var output: OutputFormat = .table

    @Option(help: "Show at most this many files or runs (default: all files, 50 runs).")
    var limit: Int?

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, yaml, csv
    }

    func run() async throws {
        let (resource, name, limit) = (self.resource, self.name, self.limit)
        if resource == .files {
            let writer = FileListingWriter(format: output, escapesCSV: isatty(STDOUT_FILENO) == 1)
            try await CommandRuntime.run(global, access: .read) { runtime in
                try await runtime.store.forEachFile(endpoint: name, limit: limit) { writer.add($0) }
            }
            writer.finish()
            return
        }
        let view = try await CommandRuntime.run(global, access: .read) { runtime in
            resource == .endpoints
                ? try await CatalogView.endpoints(named: name, from: runtime.store, now: Date())
                : try await CatalogView.runs(of: name, limit: limit ?? 50, from: runtime.store, now: Date())
        }
        if resource == .endpoints, let name, view.rows.isEmpty {
            Terminal.error("no endpoint named \"\(name)\" in store \(view.store)")
            throw ExitCode.failure
        }
        switch output {
        case .table: Terminal.write(TableRenderer.render(header: view.header, rows: view.rows))
        case .json: Terminal.write(view.json.prettyJSONString() + "\n")
        case .yaml: Terminal.write(view.json.yamlString())
        case .csv:
            Terminal.write(CSVRenderer.render(header: view.csvHeader, rows: view.csvRows, escapingControls: isatty(STDOUT_FILENO) == 1))
        }
    }
}

/// What `get` can show.
enum CatalogResource: String, ExpressibleByArgument, CaseIterable, Sendable {
    case endpoints, files, runs

    init?(argument: String) {
        switch argument {
        case "endpoints", "endpoint", "ep": self = .endpoints
        case "files", "file": self = .files
        case "runs", "run", "sync-runs": self = .runs
        default: return nil
        }
    }
}
