import ConnectorJSON
import ConnectorJSONSchema
import Foundation
import Testing

/// Runs the official JSON-Schema-Test-Suite (see `ConformanceSuite.Selection` for what is run).
@Suite("JSON-Schema-Test-Suite")
struct ConformanceTests {
    @Test("suite file", arguments: ConformanceSuite.files)
    func suiteFile(_ file: ConformanceFile) throws {
        guard let directory = ConformanceSuite.directory, !file.relativePath.isEmpty else {
            Issue.record(
                """
                JSON-Schema-Test-Suite not found: run the tests through scripts/test.sh (which fetches it), or set \
                JSON_SCHEMA_TEST_SUITE
                """)
            return
        }
        let url = directory.appendingPathComponent("tests").appendingPathComponent(file.relativePath)
        let groups = try JSONParser.parseValue(String(contentsOf: url, encoding: .utf8))
        let options = JSONSchemaValidator.Options(formatAssertion: file.formatAssertion, defaultDialect: file.dialect)
        var caseCount = 0
        for group in groups.arrayValue ?? [] {
            let groupName = group["description"]?.stringValue ?? "?"
            let validator: JSONSchemaValidator
            do {
                validator = try JSONSchemaValidator(
                    schema: group["schema"] ?? .null, registry: ConformanceSuite.registry, options: options
                )
            } catch {
                Issue.record("\(file) › \(groupName): schema did not compile: \(error)")
                continue
            }
            for test in group["tests"]?.arrayValue ?? [] {
                caseCount += 1
                let testName = test["description"]?.stringValue ?? "?"
                let expected = test["valid"]?.boolValue ?? false
                let errors = validator.validate(test["data"] ?? .null)
                if errors.isEmpty != expected {
                    let detail = errors.isEmpty ? "no errors" : errors.map(\.description).joined(separator: "; ")
                    Issue.record("\(file) › \(groupName) › \(testName): expected \(expected ? "valid" : "invalid"), got \(detail)")
                }
                if validator.isValid(test["data"] ?? .null) != errors.isEmpty {
                    Issue.record("\(file) › \(groupName) › \(testName): isValid disagrees with validate")
                }
            }
        }
        #expect(caseCount > 0, "\(file) has no test cases")
    }
}
