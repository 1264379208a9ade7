import ConnectorManifest
import ConnectorModel
import ConnectorTestSupport
import Foundation
import Testing

/// Every bad input of the foundation issue: a located, plain-words error, no crash, bounded time.
@Suite struct BadInputTests {
    @Test func emptyFileIsAnError() throws {
        let (result, _) = try loadOne("")
        #expect(!result.isValid)
        #expect(result.errors.map(\.code) == ["empty"])
        #expect(result.errors[0].message.contains("empty"))
        #expect(result.errors[0].location.file.hasSuffix("manifest.yaml"))
    }

    @Test func commentOnlyFileHasNoDocuments() throws {
        let (result, _) = try loadOne("# nothing here\n---\n")
        #expect(result.errors.map(\.code) == ["empty"])
    }

    @Test func invalidUTF8IsLocated() throws {
        let directory = try TemporaryDirectory()
        try directory.write("bad.yaml", bytes: Array("apiVersion: v1\nkind: E".utf8) + [0xFF, 0xFE] + Array("x\n".utf8))
        let result = try ManifestLoader(environment: [:]).load(paths: [directory.path])
        let error = try #require(result.errors.first)
        #expect(error.code == "encoding")
        #expect(error.location.line == 2)
        #expect(error.location.column == 8)
        #expect(error.message.contains("UTF-8"))
    }

    @Test func tabIndentationIsExplained() throws {
        let (result, _) = try loadOne("apiVersion: fileconnector/v1\nmetadata:\n\tname: x\n")
        let error = try #require(result.errors.first)
        #expect(error.message.contains("tab"))
        #expect(error.location.line == 3)
    }

    @Test func duplicateKeysNameBothLines() throws {
        let text = validLocalEndpoint.replacingOccurrences(of: "kind: Endpoint\n", with: "kind: Endpoint\nkind: Endpoint\n")
        let (result, _) = try loadOne(text)
        let error = try #require(result.errors.first)
        #expect(error.code == "duplicate-key")
        #expect(error.message.contains("\"kind\""))
        #expect(error.message.contains("line 2") && error.message.contains("line 3"))
    }

    @Test(arguments: ["1: one\n", "? [a, b]\n: c\n", "true: yes\n", "~: x\n"])
    func nonStringKeysAreErrors(text: String) throws {
        let (result, _) = try loadOne(text)
        let error = try #require(result.errors.first { $0.code == "non-string-key" })
        #expect(error.location.line >= 1)
        #expect(error.message.contains("string"))
    }

    /// The loader walks a million nodes before it refuses (seconds in a debug build), so the test runs on a thread of
    /// its own: on Swift's cooperative pool it held one of a two-core machine's two threads meanwhile, and other tests'
    /// timers and connections waited past their deadlines.
    @Test(.timeLimit(.minutes(1)))
    func aliasBombIsRefused() async throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let started = Date()
        let bombLines = try await onOwnThread { [text] in
            try loadOne(text).0.errors.filter { $0.code == "alias-bomb" }.map(\.location.line)
        }
        // A debug build on a loaded two-core machine took 20.4 s; a release build takes a fraction of that.
        #expect(Date().timeIntervalSince(started) < 40)
        let line = try #require(bombLines.first)
        #expect(line > 0)
    }

    @Test func nestingDeeperThan64IsRefused() throws {
        var text = ""
        for depth in 0..<70 { text += String(repeating: "  ", count: depth) + "k\(depth):\n" }
        text += String(repeating: "  ", count: 70) + "leaf: 1\n"
        let (result, _) = try loadOne(text)
        let error = try #require(result.errors.first { $0.code == "too-deep" })
        #expect(error.message.contains("64"))
        #expect(error.location.line == 65)
    }

    @Test func deepFlowNestingDoesNotCrash() throws {
        let text = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        let (result, _) = try loadOne(text)
        #expect(!result.isValid)
    }

    @Test func fileOver10MiBIsRefusedUnread() throws {
        let directory = try TemporaryDirectory()
        let line = "# " + String(repeating: "x", count: 1022) + "\n"
        try directory.write("big.yaml", String(repeating: line, count: 10 * 1024 + 1))
        let result = try ManifestLoader(environment: [:]).load(paths: [directory.path])
        #expect(result.errors.map(\.code) == ["too-large"])
        #expect(result.errors[0].message.contains("10 MiB"))
    }

    @Test func symlinkLoopInADirectoryIsReported() throws {
        let directory = try TemporaryDirectory()
        try directory.write("manifests/endpoint.yaml", validLocalEndpoint)
        try directory.symlink("manifests/again", to: ".")
        try directory.symlink("manifests/self.yaml", to: "self.yaml")
        let result = try ManifestLoader(environment: [:]).load(paths: [directory.url("manifests")])
        let codes = Set(result.errors.map(\.code))
        #expect(codes.contains("symlink-loop"))
        #expect(result.errors.contains { $0.location.file.hasSuffix("manifests/again") })
        #expect(result.errors.contains { $0.location.file.hasSuffix("self.yaml") && $0.message.contains("loop") })
        #expect(result.validCount == 1)
    }

    @Test func missingPathIsAnError() throws {
        let result = try ManifestLoader(environment: [:]).load(paths: ["/nonexistent/file-connector/x.yaml"])
        #expect(result.errors.first?.message == "no such file or directory")
        #expect(result.invalidCount == 1)
    }

    @Test func unknownKindAndAPIVersion() throws {
        let text =
            validLocalEndpoint
            .replacingOccurrences(of: "kind: Endpoint", with: "kind: Pipeline")
            .replacingOccurrences(of: "fileconnector/v1", with: "fileconnector/v9")
        let (result, _) = try loadOne(text)
        #expect(result.errors.map(\.code) == ["api-version", "kind"])
        #expect(result.errors[0].location.line == 1)
        #expect(result.errors[0].message.contains("expected fileconnector/v1"))
        #expect(result.errors[1].message.contains("\"Pipeline\""))
    }

    @Test(arguments: [("- a\n- b\n", "a list"), ("just a string\n", "\"just a string\""), ("42\n", "the number 42")])
    func documentsThatAreNotMappings(text: String, described: String) throws {
        let (result, _) = try loadOne(text)
        let error = try #require(result.errors.first)
        #expect(error.code == "document-shape")
        #expect(error.message.hasSuffix("got \(described)"))
    }

    @Test(arguments: ["Photos", "photos_2024", "-photos", String(repeating: "a", count: 64)])
    func namesMustBeDNS1123Labels(name: String) throws {
        let (result, _) = try loadOne(validLocalEndpoint.replacingOccurrences(of: "name: photos", with: "name: \(name)"))
        let error = try #require(result.errors.first)
        #expect(error.pointer?.description == "/metadata/name")
        #expect(error.location.line == 4)
        #expect(error.message.contains("DNS-1123") || error.message.contains("63"))
    }

    @Test func yamlSyntaxErrorsAreLocated() throws {
        let (result, _) = try loadOne("apiVersion: fileconnector/v1\nkind: [Endpoint\nmetadata: {}\n")
        let error = try #require(result.errors.first)
        #expect(error.code == "yaml-syntax")
        #expect(error.location.line >= 2)
    }

    @Test func jsonSyntaxErrorsAreLocated() throws {
        let (result, _) = try load(["endpoint.json": "{\n  \"apiVersion\": \"fileconnector/v1\",\n  \"kind\" \"Endpoint\"\n}\n"])
        let error = try #require(result.errors.first)
        #expect(error.code == "json-syntax")
        #expect(error.location.line == 3)
    }
}
