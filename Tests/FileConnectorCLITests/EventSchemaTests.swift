import ConnectorJSON
import ConnectorJSONSchema
import ConnectorManifest
import ConnectorTestSupport
import Foundation
import Testing

/// The events the real binary writes, of every kind a run of reconciles and syncs can make, match the bundled event
/// schema (`file-connector schema event`), and the schema is not vacuous: an event bent out of shape fails it.
@Suite struct EventSchemaTests {
    @Test func everyKindOfEventMatchesTheBundledSchema() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("manifests/tree.yaml", localEndpoint("tree", path: "../data"))
        try directory.write("manifests/other.yaml", localEndpoint("other", path: "../data"))
        try directory.write("data/a.txt", "a")
        try directory.write("data/b.txt", "b")
        let database = directory.url("catalog.db")
        func run(_ arguments: [String]) async throws -> CommandRunner.Outcome {
            try await fileConnector(["--database", database] + arguments, in: directory.path)
        }
        #expect(try await run(["reconcile", "--no-sync", "manifests"]).status == 0)
        #expect(try await run(["sync", "tree"]).status == 0)
        try directory.write("data/a.txt", "a, longer")
        try FileManager.default.removeItem(atPath: directory.url("data/b.txt"))
        #expect(try await run(["sync", "tree"]).status == 0)
        try directory.write("data/b.txt", "b")
        #expect(try await run(["sync", "tree"]).status == 0)
        try FileManager.default.moveItem(atPath: directory.url("data"), toPath: directory.url("away"))
        #expect(try await run(["sync", "tree"]).status == 3)
        try FileManager.default.moveItem(atPath: directory.url("away"), toPath: directory.url("data"))
        #expect(try await run(["sync", "tree"]).status == 0)
        try directory.write("manifests/tree.yaml", localEndpoint("tree", interval: "30m", path: "../data"))
        #expect(try await run(["reconcile", "--no-sync", "manifests"]).status == 0)
        try FileManager.default.moveItem(atPath: directory.url("manifests/other.yaml"), toPath: directory.url("other.yaml"))
        #expect(try await run(["reconcile", "--no-sync", "manifests"]).status == 0)
        try FileManager.default.moveItem(atPath: directory.url("other.yaml"), toPath: directory.url("manifests/other.yaml"))
        #expect(try await run(["reconcile", "--no-sync", "manifests"]).status == 0)

        let output = try await run(["get", "changes", "--output", "json"])
        let events = try JSONParser.parse(output.standardOutput).value["changes"]?.arrayValue ?? []
        let validator = try JSONSchemaValidator(
            schema: try JSONParser.parse(BundledSchema.event.text).value, baseURI: BundledSchema.event.uri, registry: .standard,
            options: .init(formatAssertion: true))
        for event in events {
            let errors = validator.validate(event)
            #expect(errors.isEmpty, "\(event.jsonString(sortedKeys: true)): \(errors.map(\.message))")
        }
        let kinds = Set(events.compactMap { $0["type"]?.stringValue })
        let expected: Set = [
            "endpoint.created", "endpoint.updated", "endpoint.retired", "endpoint.revived", "sync.started", "sync.succeeded",
            "sync.failed", "sync.recovered", "file.created", "file.updated", "file.removed", "file.restored",
        ]
        #expect(kinds == expected, "every kind but sync.cancelled: \(kinds.sorted())")

        // Bent out of shape: an unknown changed field, a file event without its record, an endpoint event with one.
        let updated = try #require(events.first { $0["type"] == "file.updated" })
        let created = try #require(events.first { $0["type"] == "file.created" })
        let endpoint = try #require(events.first { $0["type"] == "endpoint.created" })
        for (what, bent) in [
            ("an unknown changed field", Self.setting(updated, "data", to: ["id": "a.txt", "changed": ["bogus"]])),
            ("a file event without its record", Self.setting(created, "file", to: nil)),
            ("an endpoint event with a file", Self.setting(endpoint, "file", to: created["file"])),
            ("an unknown type", Self.setting(endpoint, "type", to: "endpoint.renamed")),
        ] {
            #expect(!validator.validate(bent).isEmpty, "\(what) is refused")
        }
    }

    /// `event` with the member `key` set to `value` (removed when nil).
    static func setting(_ event: JSONValue, _ key: String, to value: JSONValue?) -> JSONValue {
        guard case .object(var members) = event else { return event }
        members[key] = value
        return .object(members)
    }
}
