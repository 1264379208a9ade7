import ConnectorManifest
import ConnectorModel
import ConnectorPlan
import ConnectorTestSupport
import Foundation
import PropertyBased
import Testing

/// For sinks as for endpoints: what `validate` accepts, `plan` creates, and the store's canonical spec types back as
/// the same configuration the daemon delivers with; what it rejects is a located error. Generated sinks sit on the
/// edges: URLs of every scheme and host, numbers and durations out of range, broken selectors, unknown types.
@Suite struct SinkValidMeansAppliedTests {
    static let urls = [
        "https://indexer.example.com/hooks", "http://127.0.0.1:9/h", "http://localhost/h", "http://[::1]:8080/", "http://example.com/",
        "HTTPS://EXAMPLE.COM/", "https://user:pw@example.com/", "ftp://example.com/", "https://", "not a url", "\"\"",
        "https://ex ample.com/",
        "https://example.com/a?token=x#frag", "1e3",
    ]
    static let durations = ["100ms", "1s", "5m", "0", "1.5s", "-1s", "9999999h", "2562048h", "1d", "\"\"", "15"]
    static let numbers = ["1", "0", "100", "1000", "1001", "1e3", "-1", "100.0", "9223372036854775808", "null", "\"10\""]
    static let selectors = ["team=drawings", "'team in (a,b),!legacy'", "'team in (a'", "\"\"", "'=x'", "'a b'", "env!=dev", "1"]
    static let types = ["file.created", "sync.failed", "file.made", "\"\"", "1", "endpoint.revived"]

    static let sinks = Generator<String, Shrink.None<String>>(run: { rng in sink(&rng) })

    static func sink(_ rng: inout some RandomNumberGenerator) -> String {
        func pick(_ values: [String]) -> String { values.randomElement(using: &rng)! }
        var spec = ["webhook:", "  url: \(pick(urls))", "  signingSecret: {\(pick(["fromEnv: S", "fromFile: s.txt", "fromEnv: 1x"]))}"]
        if Bool.random(using: &rng) { spec.append("  timeout: \(pick(durations))") }
        if Bool.random(using: &rng) {
            spec += ["events:", "  types: [\(pick(types)), \(pick(types))]", "  endpointSelector: \(pick(selectors))"]
        }
        if Bool.random(using: &rng) { spec += ["batch: {maxEvents: \(pick(numbers))}"] }
        if Bool.random(using: &rng) {
            spec += [
                "retry:", "  maxAttempts: \(pick(numbers))", "  initialBackoff: \(pick(durations))", "  maxBackoff: \(pick(durations))",
            ]
        }
        if Bool.random(using: &rng) { spec.append("suspend: \(pick(["true", "false", "yes", "null"]))") }
        return (["apiVersion: fileconnector/v1", "kind: Sink", "metadata:", "  name: edge", "spec:"] + spec.map { "  " + $0 })
            .joined(separator: "\n") + "\n"
    }

    @Test func validateAcceptsExactlyWhatPlanApplies() async throws {
        let directory = try TemporaryDirectory()
        let loader = try ManifestLoader(environment: [:])
        await propertyCheck(count: 1500, input: Self.sinks) { text in
            _ = try directory.write("edge.yaml", text)
            let loaded = loader.load(paths: [directory.url("edge.yaml")])
            if loaded.isValid {
                let sink = try #require(loaded.sinks.first, "valid but no sink:\n\(text)")
                let plan = Planner().plan(
                    desired: [], sinks: [DesiredSink(sink)], snapshot: .empty, now: Date(timeIntervalSince1970: 1_800_000_000))
                let write = try #require(plan.reconcileWrites.sinks.first, "valid but not created:\n\(text)")
                #expect(plan.sinkChanges.map(\.action) == [.create])
                #expect(
                    write.record.configuration == .success(sink.configuration), "the stored spec reads back as delivery reads it:\n\(text)")
                #expect(["https", "http"].contains(sink.configuration.url.scheme?.lowercased() ?? ""))
            } else {
                #expect(loaded.sinks.isEmpty)
                for error in loaded.diagnostics where error.severity == .error {
                    #expect(
                        error.location.line >= 1 && error.location.line <= text.split(separator: "\n").count + 1,
                        "\(error.rendered)\n\(text)")
                }
            }
        }
    }
}
