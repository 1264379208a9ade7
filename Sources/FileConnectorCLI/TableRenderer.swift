import ConnectorPlan

/// Aligned text tables, kubectl style: upper-case headers, two spaces between columns, and
/// cells cleaned of control characters so a hostile name cannot move the cursor or colour the terminal.
enum TableRenderer {
    /// Renders `rows` under `header`; every cell is made printable first.
    static func render(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        return render(header: header, rows: rows, widths: &widths, withHeader: true)
    }

    /// Renders `rows` (and `header` when `withHeader`) with columns at least `widths` wide, widened to fit these
    /// rows: a long table printed in chunks keeps its columns, widening them only when a chunk needs it.
    static func render(header: [String], rows: [[String]], widths: inout [Int], withHeader: Bool) -> String {
        let cleanRows = rows.map { $0.map { printable($0) } }
        for row in cleanRows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        var lines = ""
        for row in (withHeader ? [header] : []) + cleanRows {
            for (index, cell) in row.enumerated() {
                let isLast = index == row.count - 1
                lines += isLast ? cell : cell.padded(toWidth: widths[index] + 2)
            }
            lines += "\n"
        }
        return lines
    }

    /// `text` with control characters shown as `\u{..}` escapes, shortened to `limit` characters.
    static func printable(_ text: String, limit: Int = 60) -> String {
        // Printable ASCII (most cells) needs no escaping, and its length is its byte count.
        if text.utf8.count <= limit, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                output += "\\u{\(String(scalar.value, radix: 16))}"
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output.count > limit ? String(output.prefix(limit - 1)) + "…" : output
    }
}

/// RFC 4180 CSV.
enum CSVRenderer {
    static func render(header: [String], rows: [[String]], escapingControls: Bool) -> String {
        ([header] + rows).map { line($0, escapingControls: escapingControls) }.joined()
    }

    /// One record and its line break. RFC 4180 has no escapes: for a terminal (`escapingControls`), control and
    /// format characters are shown as `\u{..}` so that no name can move the cursor, colour the screen or reorder
    /// text; piped, the cells are exact.
    static func line(_ cells: [String], escapingControls: Bool = false) -> String {
        let shown = escapingControls ? cells.map { TableRenderer.printable($0, limit: .max) } : cells
        return shown.map(quote).joined(separator: ",") + "\r\n"
    }

    private static func quote(_ cell: String) -> String {
        // By bytes, not characters: a record per file of a large catalog goes through here.
        guard cell.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
