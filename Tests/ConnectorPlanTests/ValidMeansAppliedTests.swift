import ConnectorManifest
import ConnectorModel
import ConnectorPlan
import ConnectorSchedule
import ConnectorTestSupport
import Foundation
import PropertyBased
import Testing

/// What `validate` accepts, `plan` creates, and the sync can read back; what it rejects is a located error. Generated
/// manifests sit on the schema's edges: numbers written as `1e3`, `100.0` or beyond 64 bits, durations past any clock,
/// impossible dates, leap seconds, unknown time zones, broken cron expressions and globs.
@Suite struct ValidMeansAppliedTests {
    static let numbers = [
        "0", "1", "1e3", "100.0", "1.5", "-1", "9007199254740991", "9007199254740992", "9223372036854775807",
        "9223372036854775808", "1e20", "0x10", "0o17", "\"100\"", "1_000", "18446744073709551616", ".inf", "null",
    ]
    static let durations = [
        "30s", "15m", "1h30m", "720h", "721h", "29s", "9999999h", "2562047h", "2562048h", "0", "1.5h", ".5h", "1d", "15", "90m0.5s",
        "100000000000000000000ns", "\"\"",
    ]
    static let times = [
        "2024-01-01T00:00:00Z", "2024-02-30T00:00:00Z", "2016-12-31T23:59:60Z", "2024-01-01t00:00:00z",
        "2024-01-01T00:00:00+25:00", "2024-01-01T00:00:00.123456789+05:30", "2024-01-01", "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z", "2024-01-01T24:00:00Z", "yesterday",
    ]
    static let crons = ["\"*/15 * * * *\"", "\"@hourly\"", "\"0 0 31 2 *\"", "\"61 * * * *\"", "\"* * *\"", "\"0 2 * * 1-5\""]
    static let zones = ["UTC", "Europe/Berlin", "Mars/Olympus", "\"\""]
    static let globs = ["\"**/*.pdf\"", "\"/abs/*.pdf\"", "\"[abc\"", "\"a\\\\\"", "\"{a,b}/*\"", "\"\""]

    static func field(_ rng: inout some RandomNumberGenerator) -> [String] {
        func pick(_ values: [String]) -> String { values.randomElement(using: &rng)! }
        switch Int.random(in: 0..<9, using: &rng) {
        case 0: return ["filters:", "  maxSizeBytes: \(pick(numbers))"]
        case 1: return ["filters:", "  minSizeBytes: \(pick(numbers))", "  maxSizeBytes: \(pick(numbers))"]
        case 2: return ["filters:", "  modifiedAfter: \(pick(times))"]
        case 3: return ["filters:", "  include: [\(pick(globs))]", "  exclude: [\(pick(globs))]"]
        case 4: return ["sync:", "  pageSize: \(pick(numbers))", "  timeout: \(pick(durations))"]
        case 5:
            return [
                "sync:", "  fullResyncEvery: \(pick(durations))", "  rateLimit:", "    requestsPerSecond: \(pick(numbers))",
                "    burst: \(pick(numbers))",
            ]
        case 6: return ["suspend: \(pick(["true", "false", "yes", "1", "null"]))"]
        case 7: return ["filters:", "  extensions: [\(pick(["pdf", "\".dwg\"", "1e3", "\"\""]))]"]
        default: return []
        }
    }

    static func scheduleLines(_ rng: inout some RandomNumberGenerator) -> [String] {
        func pick(_ values: [String]) -> String { values.randomElement(using: &rng)! }
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return ["schedule:", "  interval: \(pick(durations))"]
        case 1: return ["schedule:", "  interval: \(pick(durations))", "  jitter: \(pick(durations))"]
        case 2: return ["schedule:", "  cron: \(pick(crons))", "  timezone: \(pick(zones))"]
        case 3: return ["schedule:", "  manual: \(pick(["true", "false"]))"]
        default: return ["schedule:", "  cron: \(pick(crons))", "  interval: \(pick(durations))"]
        }
    }

    /// A whole manifest: a local endpoint with a schedule and up to three more blocks, drawn from the property
    /// checker's own seeded generator (so a failure names a seed that reproduces it).
    static let manifests = Generator<String, Shrink.None<String>>(run: { rng in manifest(&rng) })

    static func manifest(_ rng: inout some RandomNumberGenerator) -> String {
        var spec = ["provider: local", "local:", "  path: ./data"] + scheduleLines(&rng)
        var used: Set<String> = ["provider", "local", "schedule"]
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            let lines = field(&rng)
            guard let key = lines.first?.split(separator: ":").first.map(String.init), used.insert(key).inserted else { continue }
            spec += lines
        }
        return (["apiVersion: fileconnector/v1", "kind: Endpoint", "metadata:", "  name: edge", "spec:"] + spec.map { "  " + $0 })
            .joined(separator: "\n") + "\n"
    }

    @Test func validateAcceptsExactlyWhatPlanApplies() async throws {
        let directory = try TemporaryDirectory()
        let loader = try ManifestLoader(environment: [:])
        await propertyCheck(count: 1500, input: Self.manifests) { text in
            _ = try directory.write("edge.yaml", text)
            let loaded = loader.load(paths: [directory.url("edge.yaml")])
            if loaded.isValid {
                // Valid: the planner creates it, and the store's canonical spec types as the same configuration,
                // which is all the sync reads.
                let endpoint = try #require(loaded.endpoints.first, "valid but no endpoint:\n\(text)")
                let desired = DesiredEndpoint(endpoint)
                let plan = Planner().plan(desired: [desired], sinks: [], snapshot: .empty, now: Date(timeIntervalSince1970: 1_800_000_000))
                #expect(plan.refusal == nil)
                let write = try #require(plan.writes.first, "valid but not created:\n\(text)")
                #expect(plan.changes.map(\.action) == [.create])
                let stored = try JSONDecoder().decode(EndpointSpec.self, from: Data(write.record.spec.utf8))
                #expect(
                    try EndpointConfiguration(stored, endpoint: endpoint.name) == endpoint.configuration,
                    "the stored spec reads back as the sync reads it:\n\(text)")
                #expect(write.record.configuration == .success(endpoint.configuration))
            } else {
                // Invalid: nothing to plan, and every error says where.
                #expect(loaded.endpoints.isEmpty)
                for error in loaded.diagnostics where error.severity == .error {
                    #expect(
                        error.location.line >= 1 && error.location.line <= text.split(separator: "\n").count + 1,
                        "\(error.rendered)\n\(text)")
                }
            }
        }
    }

    @Test func knownEdgesGetTheirVerdicts() throws {
        let directory = try TemporaryDirectory()
        let loader = try ManifestLoader(environment: [:])
        func verdict(_ lines: [String]) throws -> ManifestLoadResult {
            let text =
                ([
                    "apiVersion: fileconnector/v1", "kind: Endpoint", "metadata:", "  name: edge", "spec:",
                    "  provider: local", "  local:", "    path: ./data",
                ] + lines.map { "  " + $0 }).joined(separator: "\n") + "\n"
            _ = try directory.write("edge.yaml", text)
            return loader.load(paths: [directory.url("edge.yaml")])
        }
        // Beyond 64 bits (or beyond what JSON tools hold exactly): a located error, where the endpoint used to vanish.
        for number in ["9223372036854775808", "1e20", "9007199254740992"] {
            let result = try verdict(["schedule:", "  interval: 15m", "filters:", "  maxSizeBytes: \(number)"])
            let error = try #require(result.diagnostics.first { $0.severity == .error }, "\(number) accepted")
            #expect(error.pointer?.description == "/spec/filters/maxSizeBytes" && error.location.line == 12, "\(error.rendered)")
        }
        // Integral numbers written as floats are integers, as the schema says.
        for number in ["1e3", "100.0"] {
            #expect(try verdict(["schedule:", "  interval: 15m", "filters:", "  maxSizeBytes: \(number)"]).isValid, "\(number)")
        }
        // A duration past any clock is out of range, not a plan-time failure.
        let long = try verdict(["schedule:", "  interval: 9999999h"])
        #expect(long.diagnostics.contains { $0.code == "duration-range" && $0.location.line == 10 }, "\(long.diagnostics.map(\.rendered))")
        let timeout = try verdict(["schedule:", "  interval: 15m", "sync:", "  timeout: 9999999h"])
        #expect(timeout.diagnostics.contains { $0.code == "duration-range" }, "\(timeout.diagnostics.map(\.rendered))")
    }
}
