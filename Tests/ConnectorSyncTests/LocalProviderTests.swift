import ConnectorModel
import ConnectorProvider
import ConnectorProviderLocal
import ConnectorTestSupport
import Foundation
import Testing

/// The local provider on real directory trees.
@Suite struct LocalProviderTests {
    func tree() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("b.txt", "bee")
        try directory.write("a/z.pdf", "%PDF")
        try directory.write("a.txt", "a")
        try directory.write("a/b/c.dwg", "dwg")
        try directory.write(".hidden", "hidden files are files too")
        return directory
    }

    func list(_ provider: LocalProvider, resume: String? = nil, pageSize: Int = 1000) async throws -> [ProviderPage] {
        var pages: [ProviderPage] = []
        for try await page in provider.list(.full(resumeToken: resume, pageSize: pageSize)) { pages.append(page) }
        return pages
    }

    @Test func walksInAStableOrderWithMetadata() async throws {
        let directory = try tree()
        let pages = try await list(LocalProvider(root: directory.path, checksums: true))
        let files = pages.flatMap(\.files)
        #expect(files.map(\.id) == [".hidden", "a/b/c.dwg", "a/z.pdf", "a.txt", "b.txt"])
        let pdf = try #require(files.first { $0.id == "a/z.pdf" })
        #expect(pdf.name == "z.pdf")
        #expect(pdf.size == 4)
        #expect(pdf.mimeType == "application/pdf")
        #expect(pdf.checksums["sha256"] == "315d429b7714cedb6ad04ac31240145257692630457f3c88253c5beceac76027", "sha256 of %PDF")
        #expect(pdf.modifiedAt != nil)
        #expect(pages.last?.isLast == true)
    }

    @Test func namesThatDifferOnlyInUnicodeNormalizationAreTwoFiles() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("cafe\u{301}.txt", "decomposed")
        try directory.write("caf\u{E9}.txt", "composed")
        let files = try await list(LocalProvider(root: directory.path)).flatMap(\.files)
        #expect(files.map { Array($0.id.utf8) } == [Array("cafe\u{301}.txt".utf8), Array("caf\u{E9}.txt".utf8)], "byte order")
        #expect(files.map(\.size) == [10, 8])
        #expect(files.map { Array($0.name.utf8) } == files.map { Array($0.id.utf8) })
    }

    @Test func pagesResumeAfterTheirToken() async throws {
        let directory = try tree()
        let provider = LocalProvider(root: directory.path)
        let pages = try await list(provider, pageSize: 2)
        #expect(pages.map { $0.files.map(\.id) } == [[".hidden", "a/b/c.dwg"], ["a/z.pdf", "a.txt"], ["b.txt"]])
        #expect(pages.map(\.resumeToken) == ["a/b/c.dwg", "a.txt", "b.txt"])
        let resumed = try await list(provider, resume: "a/b/c.dwg", pageSize: 2)
        #expect(resumed.flatMap(\.files).map(\.id) == ["a/z.pdf", "a.txt", "b.txt"])
    }

    @Test func symlinksAreSkippedUnlessFollowedAndLoopsAreReported() async throws {
        let directory = try tree()
        let outside = try TemporaryDirectory()
        try outside.write("linked.txt", "via a link")
        try directory.symlink("link", to: outside.path)
        try directory.symlink("loop", to: ".")
        try directory.symlink("dangling.txt", to: "/nonexistent/file")
        let plain = try await list(LocalProvider(root: directory.path)).flatMap(\.files).map(\.id)
        #expect(!plain.contains { $0.hasPrefix("link") || $0.hasPrefix("loop") || $0 == "dangling.txt" })
        let pages = try await list(LocalProvider(root: directory.path, followSymlinks: true))
        let followed = pages.flatMap(\.files).map(\.id)
        #expect(followed.contains("link/linked.txt"))
        let problems = pages.flatMap(\.problems)
        #expect(problems.contains { $0.hasPrefix("loop") && $0.contains("symlink loop") })
        #expect(problems.contains { $0.hasPrefix("dangling.txt") && $0.contains("broken symlink") })
    }

    @Test func aMissingRootIsAConfigurationError() async throws {
        let provider = LocalProvider(root: "/nonexistent/file-connector-root")
        await #expect(throws: ProviderError.self) { _ = try await list(provider) }
    }

    @Test func relativePathsAreTakenFromTheManifestDirectory() throws {
        let spec = EndpointSpec(provider: .local, local: LocalSource(path: "./data"), schedule: ScheduleSpec(interval: "1h"))
        let provider = try LocalProvider(
            context: ProviderContext(
                endpoint: "e", configuration: try EndpointConfiguration(spec, endpoint: "e"), manifestDirectory: "/srv/manifests",
                environment: [:]))
        #expect(provider.root == "/srv/manifests/data")
    }
}
