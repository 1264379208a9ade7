import ConnectorJSON
import ConnectorModel
import ConnectorStore
import Foundation

/// Writes change events as `get changes` shows them, batch by batch: a table (header once), JSON, YAML or CSV. Without
/// `--follow` JSON and YAML are one document, `{"changes": [...], "next": N}` (`next`: the cursor to ask after),
/// written as it goes;
/// with it JSON is one event per line and YAML one document per event, so a reader can act on each as it comes.
/// Used by one task at a time (the command's), hence unchecked.
final class ChangeFeedWriter: @unchecked Sendable {
    private let format: GetCommand.OutputFormat
    private let following: Bool
    private let escapesCSV: Bool
    private var headerWritten = false
    /// Events written so far into the single JSON or YAML document.
    private var written = 0
    /// The table's column widths so far: a later batch widens them, never narrows them (as `get files` chunks).
    private var widths = ChangeFeedWriter.tableHeader.map(\.count)

    static let tableHeader = ["SEQ", "TIME", "TYPE", "ENDPOINT", "DETAIL"]
    static let csvHeader = ["sequence", "time", "type", "endpoint", "correlation_id", "data", "path"]

    init(format: GetCommand.OutputFormat, following: Bool, escapesCSV: Bool) {
        self.format = format
        self.following = following
        self.escapesCSV = escapesCSV
    }

    /// Writes a batch.
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
        case .json:
            // The document is written as it goes (a million events in flat memory), as `get files` writes its own.
            var text = ""
            for event in events {
                text +=
                    (written == 0 ? "{\n  \"changes\": [\n" : ",\n") + "    " + CatalogJSON.change(event).prettyJSONString(nestedAt: "    ")
                written += 1
            }
            if !text.isEmpty { Terminal.write(text) }
        case .yaml:
            guard !events.isEmpty else { return }
            Terminal.write((written == 0 ? "changes:\n" : "") + JSONValue.array(events.map(CatalogJSON.change)).yamlString())
            written += events.count
        }
    }

    /// Ends the output: closes the single JSON or YAML document with the cursor to continue after.
    func finish(next: Int64) {
        guard !following else { return }
        switch format {
        case .json: Terminal.write((written == 0 ? "{\n  \"changes\": [],\n" : "\n  ],\n") + "  \"next\": \(next)\n}\n")
        case .yaml: Terminal.write((written == 0 ? "changes: []\n" : "") + "next: \(next)\n")
        case .table, .csv: break
        }
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
