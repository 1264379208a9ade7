/// Aligned text tables, kubectl style: upper-case headers, two spaces between columns, and
/// cells cleaned of control characters so a hostile name cannot move the cursor or colour the terminal.
enum TableRenderer {
    /// Renders `rows` under `header`; every cell is made printable first.
    static func render(header: [String], rows: [[String]]) -> String {
        let cleanRows = rows.map { $0.map { printable($0) } }
        var widths = header.map(\.count)
        for row in cleanRows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        var lines: [String] = []
        for row in [header] + cleanRows {
            var line = ""
            for (index, cell) in row.enumerated() {
                let isLast = index == row.count - 1
                line += isLast ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` with control characters shown as `\u{..}` escapes, shortened to `limit` characters.
    static func printable(_ text: String, limit: Int = 60) -> String {
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
    static func render(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private static func quote(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
