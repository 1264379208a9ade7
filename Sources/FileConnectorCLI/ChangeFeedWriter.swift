import ConnectorJSON
import ConnectorModel
import ConnectorStore
import Foundation

/// Writes change events as `get changes` shows them, batch by batch: a table (header once), JSON, YAML or CSV. Without
/// `--follow` JSON and YAML are one document, `{"changes": [...], "next": N}` (`next`: the cursor to ask after);
/// with it JSON is one event per line and YAML one document per event, so a reader can act on each as it comes.
/// Used by one task at a time (the command's), hence unchecked.
final class ChangeFeedWriter: @unchecked Sendable {
    private let format: GetCommand.OutputFormat
    private let following: Bool
    private let escapesCSV: Bool
    private var headerWritten = false
    private var collected: [JSONValue] = []
    /// The table's column widths so far: a later batch widens them, never narrows them (as `get files` chunks).
    private var widths = ChangeFeedWriter.tableHeader.map(\.count)

    static let tableHeader = ["SEQ", "TIME", "TYPE", "ENDPOINT", "DETAIL"]
    static let csvHeader = ["sequence", "time", "type", "endpoint", "correlation_id", "data", "path"]

    init(format: GetCommand.OutputFormat, following: Bool, escapesCSV: Bool) {
        self.format = format
        self.following = following
        self.escapesCSV = escapesCSV
    }

    /// Writes (or, for a single JSON or YAML document, keeps) a batch.
    func add(_ events: [ChangeEvent]) {
        switch format {
        case .table:
            let rows = events.map { [String($0.sequence), Timestamp.rfc3339($0.time), $0.type.rawValue, $0.endpoint, Self.detail($0)] }
            guard !rows.isEmpty || !headerWritten else { return }
            Terminal.write(TableRenderer.render(header: Self.tableHeader, rows: rows, widths: &widths, withHeader: !headerWritten))
            headerWritten = true
        case .csv:
            var text = headerWritten ? "" : CSVRenderer.line(Self.csvHeader)
            for event in events {
                let cells = [
                    String(event.sequence), Timestamp.rfc3339(event.time), event.type.rawValue, event.endpoint, event.correlationID ?? "",
                    CatalogJSON.changeData(event).jsonString(sortedKeys: true), event.file?.metadata.path ?? "",
                ]
                text += CSVRenderer.line(cells, escapingControls: escapesCSV)
            }
            if !text.isEmpty { Terminal.write(text) }
            headerWritten = true
        case .json where following:
            for event in events { Terminal.write(CatalogJSON.change(event).jsonString(sortedKeys: true) + "\n") }
        case .yaml where following:
            for event in events { Terminal.write("---\n" + CatalogJSON.change(event).yamlString()) }
        case .json, .yaml:
            collected += events.map(CatalogJSON.change)
        }
    }

    /// Ends the output: the single JSON or YAML document, with the cursor to continue after.
    func finish(next: Int64) {
        guard !following, format == .json || format == .yaml else { return }
        let document: JSONValue = ["changes": .array(collected), "next": .integer(Int(next))]
        Terminal.write(format == .json ? document.prettyJSONString() + "\n" : document.yamlString())
    }

    /// A table's short account of an event: a file's path (its id when the catalog no longer has it) and the fields
    /// that changed, a run's error or counts, or an endpoint's generation.
    static func detail(_ event: ChangeEvent) -> String {
        guard let data = try? JSONParser.parse(event.data).value else { return "" }
        if event.type.isFileEvent {
            let file = event.file?.metadata.path ?? event.fileID ?? ""
            let changed = data["changed"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return changed.isEmpty ? file : "\(file) (\(changed.joined(separator: ", ")))"
        }
        if let error = data["error"]?.stringValue { return error }
        if let files = data["files"] {
            let count = { (name: String) in files[name]?.intValue ?? 0 }
            return "+\(count("created")) ~\(count("updated")) -\(count("removed"))"
        }
        if let generation = data["generation"]?.intValue { return "generation \(generation)" }
        return ""
    }
}
