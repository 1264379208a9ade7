import ConnectorJSON
import ConnectorManifest
import ConnectorTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The text, JSON and JUnit renderings of `validate`.
@Suite struct ReportRenderingTests {
    func mixedResult() throws -> (ManifestLoadResult, TemporaryDirectory) {
        try load([
            "good.yaml": validLocalEndpoint,
            "bad.yaml": validLocalEndpoint.replacingOccurrences(of: "photos", with: "Bad_Name"),
        ])
    }

    @Test func textIsCompilerStyleWithASummary() throws {
        let (result, directory) = try mixedResult()
        let lines = result.renderText().split(separator: "\n").map(String.init)
        #expect(lines.last == "2 manifests, 1 valid, 1 invalid")
        #expect(lines.first?.hasPrefix("\(directory.path)/bad.yaml:4:9: error: /metadata/name: expected a DNS-1123 label") == true)
    }

    @Test func jsonIsStable() throws {
        let (result, _) = try mixedResult()
        let report = try JSONParser.parse(result.renderJSON()).value
        #expect(report["summary"] == ["manifests": 2, "valid": 1, "invalid": 1])
        let manifests = try #require(report["manifests"]?.arrayValue)
        #expect(manifests.count == 2)
        #expect(manifests.compactMap { $0["valid"]?.boolValue }.sorted { !$0 && $1 } == [false, true])
        let diagnostic = try #require(report["diagnostics"]?[0])
        #expect(diagnostic["line"] == 4)
        #expect(diagnostic["column"] == 9)
        #expect(diagnostic["pointer"] == "/metadata/name")
        #expect(diagnostic["severity"] == "error")
        #expect(diagnostic["code"] == "schema")
    }

    @Test func junitIsWellFormedXML() throws {
        let (result, _) = try mixedResult()
        let xml = result.renderJUnit()
        let document = try XMLDocument(xmlString: xml)
        let suites = try document.nodes(forXPath: "/testsuites/testsuite")
        #expect(suites.count == 2)
        let failures = try document.nodes(forXPath: "//testcase/failure")
        #expect(failures.count == 1)
        #expect(failures.first?.stringValue?.contains("DNS-1123") == true)
        #expect(try document.nodes(forXPath: "/testsuites/@failures").first?.stringValue == "1")
    }
}
