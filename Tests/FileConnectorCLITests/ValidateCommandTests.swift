import ConnectorHTTPTestSupport
import ConnectorJSON
import ConnectorTestSupport
import Foundation
import Testing

/// `file-connector validate` as a user runs it: exit codes, located messages, formats.
@Suite struct ValidateCommandTests {
    @Test func examplesAreValid() async throws {
        let outcome = try await fileConnector(["validate", "examples/"], in: RepositoryLayout.root())
        #expect(outcome.status == 0, "\(outcome.standardOutput)\(outcome.standardError)")
        #expect(outcome.standardOutput.hasSuffix("9 manifests, 9 valid, 0 invalid\n"))
    }

    /// Each bad input of the foundation issue: exit 1 and `path:line:col: error:` (or `path: error:`
    /// for problems with no line), and no crash.
    @Test(arguments: BadInput.allCases)
    func badInputExitsOneWithItsLocation(input: BadInput) async throws {
        let directory = try TemporaryDirectory()
        try input.write(into: directory)
        let outcome =
            input == .unreadableFile
            ? try await fileConnectorAsNobody(["validate", directory.path], copyingInto: try TemporaryDirectory())
            : try await fileConnector(["validate", directory.path])
        #expect(outcome.status == 1, "\(input): \(outcome.standardOutput)\(outcome.standardError)")
        let firstLine = outcome.standardOutput.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.hasPrefix(directory.path + "/"), "\(input): \(firstLine)")
        #expect(firstLine.contains(input.expectedLocation), "\(input): \(firstLine)")
        #expect(firstLine.contains(input.expectedWords), "\(input): \(firstLine)")
        #expect(!outcome.standardError.contains("Fatal error"), "\(input) crashed")
    }

    @Test func standardInputIsNamedDash() async throws {
        let outcome = try await fileConnector(["validate", "-"], standardInput: localEndpoint("Bad_Name"))
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput.hasPrefix("-:4:9: error: /metadata/name: expected a DNS-1123 label"))
    }

    @Test func jsonAndJUnitOutputs() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.yaml", localEndpoint("good"))
        try directory.write("b.yaml", localEndpoint("bad", interval: "often"))
        let json = try await fileConnector(["validate", "--output", "json", directory.path])
        #expect(json.status == 1)
        let report = try JSONParser.parse(json.standardOutput).value
        #expect(report["summary"] == ["manifests": 2, "valid": 1, "invalid": 1])
        #expect(report["diagnostics"]?[0]?["message"] == "expected a duration such as 15m or 1h30m, got \"often\"")
        let junit = try await fileConnector(["validate", "--output", "junit", directory.path])
        #expect(junit.status == 1)
        #expect(junit.standardOutput.contains("<testsuites name=\"file-connector validate\" tests=\"2\" failures=\"1\">"))
    }

    @Test func schemaFileModeValidatesAnyDocuments() async throws {
        let directory = try TemporaryDirectory()
        let schema = try directory.write(
            "schema.yaml",
            """
            $schema: https://json-schema.org/draft/2020-12/schema
            type: object
            required: [port]
            properties:
              port: {type: integer, maximum: 65535}
            """)
        try directory.write("docs/ok.yaml", "port: 8080\n")
        try directory.write("docs/bad.json", "{\n  \"port\": 70000\n}\n")
        let outcome = try await fileConnector(["validate", "--schema", schema, directory.url("docs")])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput.contains("docs/bad.json:2:11: error: /port:"))
        #expect(outcome.standardOutput.hasSuffix("2 manifests, 1 valid, 1 invalid\n"))
        let missing = try await fileConnector(["validate", "--schema", directory.url("nope.json"), directory.url("docs")])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("nope.json"))
    }

    @Test func schemaCommandPrintsTheBundledBytes() async throws {
        for (kind, file) in [
            ("endpoint", "endpoint.v1.schema.json"), ("definitions", "definitions.v1.schema.json"), ("event", "event.v1.schema.json"),
        ] {
            let outcome = try await fileConnector(["schema", kind])
            #expect(outcome.status == 0)
            let onDisk = try String(contentsOfFile: RepositoryLayout.path("schemas/\(file)"), encoding: .utf8)
            #expect(outcome.standardOutput == onDisk)
        }
        let unknown = try await fileConnector(["schema", "pipeline"])
        #expect(unknown.status != 0)
    }

    @Test func inlineSecretsNeverReachTheOutput() async throws {
        let canary = "CANARY-7f3e9a-\(UUID().uuidString)"
        let directory = try TemporaryDirectory()
        try directory.write(
            "leak.yaml",
            localEndpoint("leaky").replacingOccurrences(
                of: "  provider: local", with: "  provider: local\n  credentials:\n    client_secret: \(canary)"))
        for format in ["text", "json", "junit"] {
            let outcome = try await fileConnector(["validate", "--output", format, directory.path])
            #expect(outcome.status == 1)
            #expect(!(outcome.standardOutput + outcome.standardError).contains(canary), "\(format) leaked the secret")
        }
    }
}

/// The bad inputs the foundation issue lists, each written into a directory.
enum BadInput: String, CaseIterable, Sendable {
    case emptyFile, notUTF8, tabIndentation, duplicateKeys, nonStringKey, aliasBomb, tooDeep, tooLarge
    case symlinkLoop, unreadableFile, unknownKind, unknownAPIVersion, listDocument, scalarDocument, badName

    func write(into directory: TemporaryDirectory) throws {
        switch self {
        case .emptyFile: try directory.write("m.yaml", "")
        case .notUTF8: try directory.write("m.yaml", bytes: Array("kind: Endpoint\nname: ".utf8) + [0xC3, 0x28] + [10])
        case .tabIndentation: try directory.write("m.yaml", "metadata:\n\tname: x\n")
        case .duplicateKeys:
            try directory.write(
                "m.yaml", localEndpoint("dup").replacingOccurrences(of: "kind: Endpoint\n", with: "kind: Endpoint\nkind: Endpoint\n"))
        case .nonStringKey: try directory.write("m.yaml", "apiVersion: fileconnector/v1\n? [a, b]\n: c\n")
        case .aliasBomb:
            var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
            for level in 1...9 {
                text += "a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", "))]\n"
            }
            try directory.write("m.yaml", text)
        case .tooDeep:
            try directory.write(
                "m.yaml",
                (0..<70).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined() + String(repeating: "  ", count: 70) + "v: 1\n")
        case .tooLarge: try directory.write("m.yaml", String(repeating: "# padding\n", count: 1_100_000))
        case .symlinkLoop: try directory.symlink("m.yaml", to: "m.yaml")
        case .unreadableFile:
            let path = try directory.write("m.yaml", localEndpoint("secret"))
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        case .unknownKind:
            try directory.write("m.yaml", localEndpoint("x").replacingOccurrences(of: "kind: Endpoint", with: "kind: Deployment"))
        case .unknownAPIVersion:
            try directory.write("m.yaml", localEndpoint("x").replacingOccurrences(of: "fileconnector/v1", with: "apps/v1"))
        case .listDocument: try directory.write("m.yaml", "- a\n- b\n")
        case .scalarDocument: try directory.write("m.yaml", "hello\n")
        case .badName: try directory.write("m.yaml", localEndpoint("Not_A_Label"))
        }
    }

    /// What the first line must contain after the directory: the file and its line and column.
    var expectedLocation: String {
        switch self {
        case .emptyFile, .tooLarge, .unreadableFile: "m.yaml: error:"
        case .symlinkLoop: "m.yaml: error:"
        case .notUTF8: "m.yaml:2:7: error:"
        case .tabIndentation: "m.yaml:2:"
        case .duplicateKeys: "m.yaml:2:1: error:"
        case .nonStringKey: "m.yaml:2:"
        case .aliasBomb: "m.yaml:"
        case .tooDeep: "m.yaml:65:"
        case .unknownKind: "m.yaml:2:7: error:"
        case .unknownAPIVersion: "m.yaml:1:13: error:"
        case .listDocument, .scalarDocument: "m.yaml:1:1: error:"
        case .badName: "m.yaml:4:9: error:"
        }
    }

    /// Words the message must contain.
    var expectedWords: String {
        switch self {
        case .emptyFile: "empty"
        case .notUTF8: "UTF-8"
        case .tabIndentation: "tab"
        case .duplicateKeys: "duplicate key \"kind\""
        case .nonStringKey: "key must be a string"
        case .aliasBomb: "alias bomb"
        case .tooDeep: "deeper than 64"
        case .tooLarge: "10 MiB"
        case .symlinkLoop: "symlink loop"
        case .unreadableFile: "permission denied"
        case .unknownKind: "unknown kind \"Deployment\""
        case .unknownAPIVersion: "unknown apiVersion \"apps/v1\""
        case .listDocument: "got a list"
        case .scalarDocument: "got \"hello\""
        case .badName: "DNS-1123"
        }
    }
}

/// `file-connector schedule` prints next run times with the zone's offset, and rejects bad input.
@Suite struct ScheduleCommandTests {
    @Test func cronAcrossTheSpringForwardGap() async throws {
        let outcome = try await fileConnector([
            "schedule", "30 2 * * *", "--timezone", "Europe/Berlin", "--from", "2026-03-28T00:00:00Z", "--count", "3",
        ])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "2026-03-28T02:30:00+01:00\n2026-03-29T03:00:00+02:00\n2026-03-30T02:30:00+02:00\n")
    }

    @Test func intervals() async throws {
        let outcome = try await fileConnector(["schedule", "1h30m", "--from", "2026-01-01T00:00:00Z", "--count", "2"])
        #expect(outcome.standardOutput == "2026-01-01T01:30:00Z\n2026-01-01T03:00:00Z\n")
    }

    @Test(arguments: [["61 * * * *"], ["@daily", "--timezone", "Mars/Olympus"], ["@daily", "--from", "yesterday"]])
    func invalidInputExitsOne(arguments: [String]) async throws {
        let outcome = try await fileConnector(["schedule"] + arguments)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.hasPrefix("error: "))
    }

    /// Usage errors exit 1 like any invalid input (docs/cli.md), with the reason; a CA bundle that is not PEM is one.
    @Test func usageErrorsExitOneWithTheReason() async throws {
        let unknown = try await fileConnector(["validate", "--no-such-option", "x"])
        #expect(unknown.status == 1 && unknown.standardError.contains("Unknown option '--no-such-option'"), "\(unknown.standardError)")
        let bundle = try await fileConnector([
            "--ca-bundle", "/nonexistent/ca.pem", "validate", RepositoryLayout.path("examples/quickstart"),
        ])
        #expect(
            bundle.status == 1 && bundle.standardError.contains("/nonexistent/ca.pem is not a readable file of PEM certificates"),
            "\(bundle.standardError)")
        let directory = try TemporaryDirectory()
        let certificate = try TestCertificate.make(in: directory.path)
        let fromEnvironment = try await fileConnector(
            ["validate", RepositoryLayout.path("examples/quickstart")],
            environment: ["FILE_CONNECTOR_CA_BUNDLE": certificate.certificatePath])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.standardError)")
        let help = try await fileConnector(["validate", "--help"])
        #expect(help.status == 0)
    }
}
