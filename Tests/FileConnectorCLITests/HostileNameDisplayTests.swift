import ConnectorTestSupport
import Foundation
import Testing

/// File names that try to drive the terminal (colours, clearing the screen, moving the cursor, reversing text) are
/// shown escaped by `get files` in every format meant for people, and kept exact where a program reads them.
@Suite struct HostileNameDisplayTests {
    static let names = [
        "red\u{1B}[31mX\u{1B}[0m", "clear\u{1B}[2J\u{1B}[H", "rtl\u{202E}fdp.exe", "new\nline", "crlf\r\nbreak", "bell\u{07}",
    ]

    /// Raw terminal controls in `text`: ESC, BEL, the bidirectional override.
    static func rawControls(_ text: String) -> [String] {
        ["\u{1B}", "\u{07}", "\u{202E}"].filter { text.contains($0) }
    }

    @Test func getFilesEscapesNamesForPeopleAndKeepsThemExactForPrograms() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("manifests/hostile.yaml", localEndpoint("hostile", path: "../data"))
        for name in Self.names { try directory.write("data/\(name)", "x") }
        let database = ["--database", directory.url("catalog.db")]
        let reconcile = try await fileConnector(database + ["reconcile", "manifests"], in: directory.path)
        #expect(reconcile.status == 0, "\(reconcile.standardError)")

        for format in ["table", "json", "yaml"] {
            let outcome = try await fileConnector(database + ["get", "files", "-o", format], in: directory.path)
            #expect(outcome.status == 0)
            #expect(
                Self.rawControls(outcome.standardOutput).isEmpty,
                "\(format) shows no raw control: \(outcome.standardOutput.debugDescription)")
        }
        let json = try await fileConnector(database + ["get", "files", "-o", "json"], in: directory.path).standardOutput
        #expect(json.contains(#"rtl\u202efdp.exe"#) && json.contains(#"red\u001b[31mX"#), "escaped the JSON way (same data)")
        let table = try await fileConnector(database + ["get", "files"], in: directory.path).standardOutput
        #expect(table.contains(#"red\u{1b}[31mX"#), "\(table)")

        // CSV has no escapes: piped, the names are exact; on a terminal they are shown escaped.
        let piped = try await fileConnector(database + ["get", "files", "-o", "csv"], in: directory.path).standardOutput
        #expect(Self.names.allSatisfy { piped.contains($0) }, "exact when piped")
        #expect(piped.contains("\"new\nline\""), "a cell with a line break is quoted: \(piped.debugDescription)")
        #expect(piped.contains("\"crlf\r\nbreak\""), "also one with CR LF (one Character, two bytes)")
        let binary = try CommandRunner().executable
        let command = "'\(binary)' --database '\(directory.url("catalog.db"))' get files -o csv"
        let onTerminal = try await CommandRunner(executable: "/usr/bin/script").run(["-qec", command, "/dev/null"], in: directory.path)
        #expect(onTerminal.status == 0, "\(onTerminal.standardError)")
        #expect(onTerminal.standardOutput.contains("rtl\\u{202e}fdp.exe"), "\(onTerminal.standardOutput.debugDescription)")
        #expect(Self.rawControls(onTerminal.standardOutput).isEmpty, "on a terminal: \(onTerminal.standardOutput.debugDescription)")
    }

    /// A name with characters outside the Basic Multilingual Plane (two UTF-16 units each) is shown whole, and the
    /// columns after it start where the header's do: the table pads by characters, as it measures its widths.
    @Test func aNameOutsideTheBasicPlaneKeepsTheTableColumns() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("manifests/pics.yaml", localEndpoint("pics", path: "../data"))
        for name in ["a.txt", "🙂🙂🙂.txt", "e\u{301}te.txt"] { try directory.write("data/\(name)", "x") }
        let database = ["--database", directory.url("catalog.db")]
        let reconcile = try await fileConnector(database + ["reconcile", "manifests"], in: directory.path)
        #expect(reconcile.status == 0, "\(reconcile.standardError)")
        let table = try await fileConnector(database + ["get", "files"], in: directory.path).standardOutput
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(table)")
        #expect(lines.contains { $0.contains("🙂🙂🙂.txt  ") }, "whole, then the gap: \(table)")
        func column(_ line: String, _ word: String) -> Int? {
            line.range(of: word).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
        }
        let size = try #require(lines.first.flatMap { column($0, "SIZE") })
        for line in lines.dropFirst() { #expect(column(line, "1B") == size, "\(table)") }
    }
}
