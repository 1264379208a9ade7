import CMallocTuning
import Foundation
import Testing

/// Dropping the code pages after start-up (what every command that syncs does) takes them out of the resident set,
/// and the code still runs: it comes back from the page cache on its first touch.
@Suite struct CodePageTests {
    @Test func droppedCodeLeavesTheResidentSetAndStillRuns() throws {
        let before = try Self.residentCodeKiB()
        let advised = fc_drop_code_pages()
        let after = try Self.residentCodeKiB()
        #expect(advised > 0)
        #expect(after < before / 2, "resident code \(before) KiB -> \(after) KiB")
        // Code from the binary, Foundation and the Swift runtime, faulted back in.
        let text = String(
            decoding: try JSONSerialization.data(withJSONObject: ["b": [1, 2], "a": "x"], options: .sortedKeys), as: UTF8.self)
        #expect(text == #"{"a":"x","b":[1,2]}"#)
        let squares: Int = (1...1000).map { $0 * $0 }.reduce(0, +)
        #expect(squares == 333_833_500)
    }

    /// The resident KiB of this process's executable file mappings, from `/proc/self/smaps`.
    private static func residentCodeKiB() throws -> Int {
        var total = 0
        var executable = false
        for line in try String(contentsOfFile: "/proc/self/smaps", encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let range = fields.first, range.contains("-"), fields.count >= 5, !range.hasSuffix(":") {
                executable = fields[1].contains("x") && (fields.count > 5)
            } else if executable, fields.first == "Rss:", fields.count >= 2, let kib = Int(fields[1]) {
                total += kib
            }
        }
        return total
    }
}
