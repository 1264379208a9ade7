import ConnectorModel
import ConnectorProvider
import Testing

@testable import ConnectorSync

@Suite struct GlobTests {
    @Test(arguments: [
        ("**/*.pdf", "a.pdf", true), ("**/*.pdf", "x/y/a.pdf", true), ("**/*.pdf", "a.pdfx", false),
        ("*.pdf", "x/a.pdf", false), ("drawings/**", "drawings/a/b.dwg", true), ("drawings/**", "drawingsx/a", false),
        ("**/~$*", "plans/~$a.dwg", true), ("**/~$*", "~$a.dwg", true), ("a?c", "abc", true), ("a?c", "a/c", false),
        ("[abc]*.txt", "b1.txt", true), ("[!abc]*.txt", "b1.txt", false), ("[a-c]x", "cx", true),
        ("**", "anything/at/all", true), ("a/**/b", "a/b", true), ("a/**/b", "a/x/y/b", true), ("a/**/b", "a/x/y/c", false),
        ("\\*.txt", "*.txt", true), ("\\*.txt", "a.txt", false),
    ])
    func matching(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected, "\(pattern) vs \(path)")
    }

    @Test(.timeLimit(.minutes(1)))
    func pathologicalPatternsStayFast() {
        let pattern = Glob(String(repeating: "*a", count: 30) + "b")
        #expect(!pattern.matches(String(repeating: "a", count: 200)))
        let globstars = Glob(String(repeating: "**/a", count: 20))
        #expect(!globstars.matches(String(repeating: "a/", count: 100) + "b"))
    }
}

@Suite struct FileFilterTests {
    func file(_ path: String, size: Int64? = 100, mime: String? = "application/pdf", modified: Double = 1_800_000_000) -> FileMetadata {
        FileMetadata(
            id: path, name: String(path.split(separator: "/").last ?? ""), path: path, mimeType: mime, size: size,
            modifiedAt: .init(timeIntervalSince1970: modified))
    }

    @Test func everyFilterMustPass() throws {
        let filter = FileFilter(
            try FileSelection(
                FileFilters(
                    include: ["**/*.pdf", "drawings/**"], exclude: ["**/~$*"], mimeTypes: ["application/*", "image/png"],
                    extensions: ["pdf", "DWG"], modifiedAfter: "2026-01-01T00:00:00Z", minSizeBytes: 10, maxSizeBytes: 1000)))
        #expect(filter.accepts(file("a/b.pdf")))
        #expect(filter.accepts(file("drawings/x.dwg", mime: "image/vnd.dwg")) == false, "mime type not allowed")
        #expect(filter.accepts(file("drawings/x.DWG", mime: "application/acad")))
        #expect(!filter.accepts(file("a/~$b.pdf")))
        #expect(!filter.accepts(file("a/b.txt")))
        #expect(!filter.accepts(file("a/b.pdf", size: 5)))
        #expect(!filter.accepts(file("a/b.pdf", size: 5000)))
        #expect(filter.accepts(file("a/b.pdf", size: nil)), "no size: size bounds do not apply")
        #expect(!filter.accepts(file("a/b.pdf", modified: 1_700_000_000)))
        #expect(FileFilter(.everything).accepts(file("anything")))
    }
}
