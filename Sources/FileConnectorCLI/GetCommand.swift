import ArgumentParser
import ConnectorJSON
import ConnectorModel
import ConnectorStore
import Foundation

/// `file-connector get endpoints|files|runs|changes|sinks [NAME]`: read the store.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show endpoints, files, sync runs, change events or sinks from the store.",
        discussion: """
            Tables fit an 80-column terminal; json, yaml and csv are stable for scripts (see docs/cli.md). \
            NAME narrows endpoints to one endpoint, files, runs and changes to one endpoint's, and sinks to one sink. \
            Changes are the store's events in commit order (docs/events.md): --since picks where to start, --follow \
            waits for new ones until interrupted. Sinks show where each webhook sink's delivery stands: its status \
            (delivering, failing, dead-lettered, pending, suspended, retired), cursor, lag and last error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "endpoints, files, runs, changes or sinks.")
    var resource: CatalogResource

    @Argument(help: "An endpoint name (a sink name for sinks).")
    var name: String?

    @Option(name: [.short, .long], help: "Output format: table, json, yaml or csv.")
    var output: OutputFormat = .table

    @Option(help: "Show at most this many files, runs or changes (default: all files and changes, 50 runs).")
    var limit: Int?

    @Option(help: "Changes after this sequence number, or at or after this RFC 3339 time.")
    var since: ChangeCursor?

    @Option(name: .customLong("type"), help: "Changes of this type only (repeatable; see docs/events.md).")
    var types: [ChangeEventType] = []

    @Option(
        name: [.customShort("l"), .long],
        help: "Changes of the endpoints whose labels this selector selects (env=prod,tier in (a,b),!legacy), as kubectl -l.")
    var selector: String?

    @Flag(help: "After the changes so far, wait for new ones until interrupted.")
    var follow = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, yaml, csv
    }

    func validate() throws {
        if resource != .changes, since != nil || !types.isEmpty || follow || selector != nil {
            throw ValidationError("--since, --type, --selector and --follow apply to `get changes` only")
        }
        do {
            _ = try selector.map(LabelSelector.init(parsing:))
        } catch {
            throw ValidationError("--selector: \(error.message)")
        }
    }

    func run() async throws {
        let (resource, name, limit) = (self.resource, self.name, self.limit)
        if resource == .changes {
            try await showChanges()
            return
        }
        if resource == .files {
            let writer = FileListingWriter(format: output, escapesCSV: isatty(STDOUT_FILENO) == 1)
            try await CommandRuntime.run(global, access: .read) { runtime in
                try await runtime.store.forEachFile(endpoint: name, limit: limit) { writer.add($0) }
            }
            writer.finish()
            return
        }
        let view = try await CommandRuntime.run(global, access: .read) { runtime in
            switch resource {
            case .endpoints: try await CatalogView.endpoints(named: name, from: runtime.store, now: Date())
            case .sinks: try await CatalogView.sinks(named: name, from: runtime.store, now: Date())
            default: try await CatalogView.runs(of: name, limit: limit ?? 50, from: runtime.store, now: Date())
            }
        }
        if resource == .endpoints || resource == .sinks, let name, view.rows.isEmpty {
            Terminal.error("no \(resource == .sinks ? "sink" : "endpoint") named \"\(name)\" in store \(view.store)")
            throw ExitCode.failure
        }
        switch output {
        case .table:
            Terminal.write(TableRenderer.render(header: view.header, rows: view.rows))
            if !view.notes.isEmpty { Terminal.write("\n" + view.notes.map { $0 + "\n" }.joined()) }
        case .json: Terminal.write(view.json.prettyJSONString() + "\n")
        case .yaml: Terminal.write(view.json.yamlString())
        case .csv:
            Terminal.write(CSVRenderer.render(header: view.csvHeader, rows: view.csvRows, escapingControls: isatty(STDOUT_FILENO) == 1))
        }
    }
}

extension GetCommand {
    /// How often `--follow` asks the store for new changes.
    static let followInterval = Duration.seconds(1)

    /// `get changes`: the events the options ask for, in batches; with `--follow`, then the new ones as they come,
    /// until SIGINT or SIGTERM (which end it as a success).
    private func showChanges() async throws {
        let writer = ChangeFeedWriter(format: output, following: follow, escapesCSV: isatty(STDOUT_FILENO) == 1)
        var query = ChangeQuery(endpoint: name, types: types.isEmpty ? nil : Set(types), limit: 1000)
        switch since {
        case .sequence(let sequence): query.after = sequence
        case .time(let time): query.since = time
        case nil: break
        }
        let (follow, limit, start) = (self.follow, self.limit, query)
        let selector = try selector.map(LabelSelector.init(parsing:))
        let next = try await CommandRuntime.run(global, access: .read, signals: follow ? .cancel : .untouched) { runtime in
            var query = start
            var remaining = limit ?? Int.max
            do {
                while true {
                    query.limit = min(1000, remaining)
                    // The selector's endpoints are chosen again for each batch: one created or relabelled while
                    // following joins or leaves.
                    let events = query.limit > 0 ? try await runtime.store.changesWithFiles(query, selectedBy: selector) : []
                    writer.add(events)
                    remaining -= events.count
                    if let last = events.last { query.after = last.sequence }
                    if events.count == query.limit, remaining > 0 { continue }
                    guard follow, remaining > 0 else { break }
                    try await Task.sleep(for: Self.followInterval)
                }
            } catch is CancellationError {
                // SIGINT or SIGTERM: the changes so far were written.
            }
            return query.after
        }
        writer.finish(next: next)
    }
}

/// Where `get changes --since` starts: after a sequence number, or at a time.
enum ChangeCursor: ExpressibleByArgument, Sendable {
    case sequence(Int64)
    case time(Date)

    init?(argument: String) {
        if let sequence = Int64(argument), sequence >= 0 {
            self = .sequence(sequence)
        } else if let time = Timestamp.parse(argument) {
            self = .time(time)
        } else {
            return nil
        }
    }
}

extension ChangeEventType: ExpressibleByArgument {}

/// What `get` can show.
enum CatalogResource: String, ExpressibleByArgument, CaseIterable, Sendable {
    case endpoints, files, runs, changes, sinks

    init?(argument: String) {
        switch argument {
        case "endpoints", "endpoint", "ep": self = .endpoints
        case "files", "file": self = .files
        case "runs", "run", "sync-runs": self = .runs
        case "changes", "change", "events": self = .changes
        case "sinks", "sink": self = .sinks
        default: return nil
        }
    }
}
