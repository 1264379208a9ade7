import ConnectorJSON
import ConnectorManifest
import ConnectorModel
import ConnectorTestSupport
import Foundation
import Testing

/// `kind: Sink`: what validate accepts is typed into a ``SinkConfiguration`` with its defaults, and what it refuses
/// is named by file, line and field, without quoting a secret.
@Suite struct SinkManifestTests {
    static func manifest(name: String = "indexer", _ spec: [String]) -> String {
        """
        apiVersion: fileconnector/v1
        kind: Sink
        metadata:
          name: \(name)
        spec:
        \(spec.map { "  " + $0 }.joined(separator: "\n"))

        """
    }

    static let webhook = ["webhook:", "  url: https://indexer.example.com/hooks", "  signingSecret: {fromEnv: INDEXER_SECRET}"]

    @Test func aSinkIsTypedWithTheDefaults() throws {
        let (result, _) = try loadOne(Self.manifest(Self.webhook))
        let sink = try #require(result.sinks.first, "\(result.renderText())")
        let configuration = sink.configuration
        #expect(result.endpoints.isEmpty && sink.name == "indexer")
        #expect(configuration.receiverOrigin == "https://indexer.example.com")
        #expect(configuration.signingSecret == CredentialReference(fromEnv: "INDEXER_SECRET"))
        #expect(configuration.types == nil && configuration.endpointSelector == nil && !configuration.isSuspended)
        #expect(configuration.batchSize == 100 && configuration.maxAttempts == 10 && configuration.timeout == .seconds(10))
        #expect(configuration.initialBackoff == .seconds(1) && configuration.maxBackoff == .seconds(300))
    }

    @Test func everyFieldIsTyped() throws {
        let (result, _) = try loadOne(
            Self.manifest([
                "webhook:", "  url: http://[::1]:8080/hooks", "  signingSecret: {fromFile: secrets/indexer}", "  timeout: 2.5s",
                "events:", "  types: [file.created, sync.failed]", "  endpointSelector: 'team in (docs,drawings),!legacy'",
                "batch: {maxEvents: 1000}", "retry: {maxAttempts: 3, initialBackoff: 250ms, maxBackoff: 1m}", "suspend: true",
            ]))
        let configuration = try #require(result.sinks.first?.configuration, "\(result.renderText())")
        #expect(configuration.receiverOrigin == "http://[::1]:8080")
        #expect(configuration.types == [.fileCreated, .syncFailed])
        #expect(configuration.endpointSelector?.matches(["team": "docs"]) == true)
        #expect(configuration.endpointSelector?.matches(["team": "docs", "legacy": "yes"]) == false)
        #expect(configuration.timeout == .milliseconds(2500) && configuration.batchSize == 1000 && configuration.maxAttempts == 3)
        #expect(configuration.initialBackoff == .milliseconds(250) && configuration.maxBackoff == .seconds(60) && configuration.isSuspended)
    }

    @Test(arguments: [
        (["webhook:", "  url: http://indexer.example.com/hooks", "  signingSecret: {fromEnv: S}"], 7, "/spec/webhook/url", "https"),
        (
            ["webhook:", "  url: https://user:pw@indexer.example.com/", "  signingSecret: {fromEnv: S}"], 7, "/spec/webhook/url",
            "without user"
        ),
        (["webhook:", "  url: ftp://indexer.example.com/", "  signingSecret: {fromEnv: S}"], 7, "/spec/webhook/url", "https"),
        (Self.webhook + ["events: {endpointSelector: 'team in (a'}"], 9, "/spec/events/endpointSelector", "selector"),
        (Self.webhook + ["events: {types: [file.made]}"], 9, "/spec/events/types/0", "file.created"),
        (Self.webhook + ["retry: {initialBackoff: 10m, maxBackoff: 1m}"], 9, "/spec/retry/maxBackoff", "at least retry.initialBackoff"),
        (Self.webhook + ["batch: {maxEvents: 5000}"], 9, "/spec/batch/maxEvents", "1000"),
        (
            ["webhook:", "  url: https://a.example.com/", "  signingSecret: {fromEnv: S, fromFile: f}"], 8, "/spec/webhook/signingSecret",
            "at most 1 property"
        ),
        (["webhook: {url: https://a.example.com/}"], 6, "/spec/webhook", "signingSecret"),
    ])
    func badSinksAreLocated(spec: [String], line: Int, pointer: String, words: String) throws {
        let (result, _) = try loadOne(Self.manifest(spec))
        #expect(!result.isValid && result.sinks.isEmpty)
        let diagnostic = try #require(result.diagnostics.first { $0.pointer?.description == pointer }, "\(result.renderText())")
        #expect(diagnostic.location.line == line, "\(diagnostic.rendered)")
        #expect(diagnostic.message.contains(words), "\(diagnostic.rendered)")
    }

    @Test func anInlineSigningSecretIsRefusedWithoutBeingQuoted() throws {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        let (result, _) = try loadOne(
            Self.manifest(["webhook:", "  url: https://indexer.example.com/hooks", "  signingSecret: \(secret)"]))
        #expect(!result.isValid)
        let text = result.renderText()
        #expect(text.contains("inline secret (a Standard Webhooks signing secret)") && text.contains(":8:"), "\(text)")
        #expect(!text.contains("MfKQ9r8"), "\(text)")
    }

    @Test func namesAreUniquePerKind() throws {
        let endpoint = """
            apiVersion: fileconnector/v1
            kind: Endpoint
            metadata: {name: indexer}
            spec: {provider: local, local: {path: /data}, schedule: {interval: 1h}}

            """
        let (shared, _) = try load(["a.yaml": endpoint, "b.yaml": Self.manifest(Self.webhook)])
        #expect(shared.isValid && shared.endpoints.count == 1 && shared.sinks.count == 1, "\(shared.renderText())")
        let (twice, _) = try load(["a.yaml": Self.manifest(Self.webhook), "b.yaml": Self.manifest(Self.webhook)])
        #expect(twice.diagnostics.filter { $0.code == "duplicate-name" }.count == 2)
        #expect(twice.renderText().contains("sink name \"indexer\" is used more than once"), "\(twice.renderText())")
    }

    @Test func anUnknownKindNamesBothKinds() throws {
        let (result, _) = try loadOne(Self.manifest(Self.webhook).replacingOccurrences(of: "kind: Sink", with: "kind: Hook"))
        #expect(result.renderText().contains("expected one of Endpoint, Sink"), "\(result.renderText())")
    }

    /// The schema's list of event types is the binary's.
    @Test func theSchemaKnowsEveryEventType() throws {
        let schema = try JSONParser.parse(BundledSchema.sink.text).value
        let types = schema["properties"]?["spec"]?["properties"]?["events"]?["properties"]?["types"]?["items"]?["enum"]?.arrayValue
        #expect(types?.compactMap(\.stringValue) == ChangeEventType.allCases.map(\.rawValue))
    }
}

extension SinkManifestTests {
    /// Every problem of one sink is reported at once, each where it is.
    @Test func everyProblemIsReportedAtOnce() throws {
        let (result, _) = try loadOne(
            Self.manifest([
                "webhook:", "  url: http://example.com/hooks", "  signingSecret: {fromEnv: S}", "events: {endpointSelector: 'a in (b'}",
                "retry: {initialBackoff: 1m, maxBackoff: 1s}",
            ]))
        #expect(
            result.diagnostics.compactMap(\.pointer?.description)
                == ["/spec/webhook/url", "/spec/events/endpointSelector", "/spec/retry/maxBackoff"], "\(result.renderText())")
    }
}
