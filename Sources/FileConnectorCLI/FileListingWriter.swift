import ConnectorJSON
import ConnectorModel
import ConnectorStore
import Foundation

/// `get files` written as the store reads them, in any output format, so a catalog of millions of files prints in
/// flat memory instead of being gathered (and its whole text built) first.
///
/// JSON, YAML and CSV come out exactly as a whole-list rendering would. A table is aligned a chunk of
/// ``chunk`` rows at a time, its column widths only growing (as kubectl's chunked lists are): a wider cell
/// further down widens the columns from its chunk on.
final class FileListingWriter: @unchecked Sendable {
    /// Rows aligned together in a table, and files serialized together as YAML.
    static let chunk = 500

    private let format: GetCommand.OutputFormat
    private let escapesCSV: Bool
    private let write: (String) -> Void
    private let lock = NSLock()
    private var buffer = ""
    private var count = 0
    private var table: [[String]] = []
    private var yamlItems: [JSONValue] = []
    private var widths = CatalogView.fileTableHeader.map(\.count)

    /// A writer in `format`; `escapesCSV` shows control characters in CSV cells escaped (for a terminal).
    init(format: GetCommand.OutputFormat, escapesCSV: Bool, write: @escaping (String) -> Void = Terminal.write) {
        self.format = format
        self.escapesCSV = escapesCSV
        self.write = write
    }

    /// Adds the next file (called by the store, one file at a time).
    func add(_ file: CatalogFile) {
        lock.withLock {
            switch format {
            case .json:
                buffer += (count == 0 ? "{\n  \"files\": [\n" : ",\n") + "    " + CatalogJSON.file(file).prettyJSONString(nestedAt: "    ")
            case .yaml:
                // A chunk at a time, as one sequence: the same text as item by item, one emitter run per chunk.
                yamlItems.append(CatalogJSON.file(file))
                if yamlItems.count == Self.chunk { flushYAML() }
            case .csv:
                if count == 0 { buffer += CSVRenderer.line(CatalogView.fileCSVHeader) }
                buffer += CSVRenderer.line(CatalogView.fileCSVRow(file), escapingControls: escapesCSV)
            case .table:
                table.append(CatalogView.fileTableRow(file))
                if table.count == Self.chunk { flushTable() }
            }
            count += 1
            if buffer.utf8.count >= 1 << 16 { flush() }
        }
    }

    /// Ends the document and writes what is left.
    func finish() {
        lock.withLock {
            switch format {
            case .json: buffer += count == 0 ? "{\n  \"files\": []\n}\n" : "\n  ]\n}\n"
            case .yaml: if count == 0 { buffer += "files: []\n" } else { flushYAML() }
            case .csv: if count == 0 { buffer += CSVRenderer.line(CatalogView.fileCSVHeader) }
            case .table: flushTable(final: true)
            }
            flush()
        }
    }

    private func flushTable(final: Bool = false) {
        guard !table.isEmpty || (final && count == 0) else { return }
        buffer += TableRenderer.render(header: CatalogView.fileTableHeader, rows: table, widths: &widths, withHeader: count < Self.chunk)
        table.removeAll(keepingCapacity: true)
    }

    private func flushYAML() {
        guard !yamlItems.isEmpty else { return }
        buffer += (count < Self.chunk ? "files:\n" : "") + JSONValue.array(yamlItems).yamlString()
        yamlItems.removeAll(keepingCapacity: true)
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        write(buffer)
        buffer = ""
    }
}
