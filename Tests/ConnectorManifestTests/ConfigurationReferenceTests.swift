import ConnectorManifest
import ConnectorTestSupport
import Foundation
import Testing

/// docs/configuration.md is generated from the schema's descriptions; it must be regenerated when they change.
struct ConfigurationReferenceTests {
    @Test func theCommittedReferenceIsCurrent() throws {
        let rendered = try ConfigurationReference().markdown()
        let committed = try String(contentsOfFile: RepositoryLayout.path("docs/configuration.md"), encoding: .utf8)
        #expect(committed == rendered, "docs/configuration.md is stale: run `file-connector schema --reference > docs/configuration.md`")
    }

    @Test func everyFieldOfTheSchemaHasARowWithItsDescription() throws {
        let rendered = try ConfigurationReference().markdown()
        for (field, words) in [
            ("`apiVersion`", "Always fileconnector/v1"), ("`folderId`", "Share it with the service account"),
            ("`requestsPerSecond`", "More than 0, at most 10000"), ("`pageSize`", "At least 1, at most 1000"),
            ("`fromEnv`", "Pattern `^[A-Za-z_][A-Za-z0-9_]*$`"), ("`interval`", "[`duration`](#duration)"),
        ] {
            let row = rendered.split(separator: "\n").first { $0.hasPrefix("| \(field) |") }
            #expect(row?.contains(words) == true, "\(field): \(row ?? "no row")")
        }
        for section in ["## `spec.schedule`", "## `spec.sync.rateLimit`", "### `duration`", "Give exactly one of its fields."] {
            #expect(rendered.contains(section), "\(section)")
        }
        // A pipe inside a table cell would split the row.
        for row in rendered.split(separator: "\n") where row.hasPrefix("| `") {
            #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 5, "\(row)")
        }
    }
}
