import ConnectorJSON
import ConnectorTestSupport
import Foundation
import Testing
import Yams

/// `get files` writes files as the store reads them (flat memory for any catalog) and still prints the documents a
/// whole-list rendering would: JSON that re-prints byte for byte, YAML that re-serializes unchanged, one CSV record
/// per file, and a table aligned per chunk of 500 rows.
@Suite struct GetFilesStreamingTests {
    static let count = 1_234

    /// A synced catalog of `count` files, some with long names (a wider chunk further down).
    static func catalog() async throws -> ReconcileCommandTests.Workspace {
        let workspace = try ReconcileCommandTests.Workspace()
        try workspace.write("big", localEndpoint("big"))
        for index in 0..<count {
            let name = index == 900 ? "late-" + String(repeating: "w", count: 40) : "f\(index)"
            try workspace.directory.write("manifests/data/d\(index / 100)/\(name).txt", "\(index)")
        }
        let reconcile = try await workspace.run(["reconcile", "manifests"])
        #expect(reconcile.status == 0, "\(reconcile.standardError)")
        return workspace
    }

    @Test func everyFormatStreamsTheWholeCatalog() async throws {
        let workspace = try await Self.catalog()

        let json = try await workspace.run(["get", "files", "-o", "json"]).standardOutput
        let parsed = try JSONParser.parse(json).value
        #expect(parsed["files"]?.arrayValue?.count == Self.count)
        #expect(parsed.prettyJSONString() + "\n" == json, "the streamed JSON is what printing the whole document gives")

        let yaml = try await workspace.run(["get", "files", "-o", "yaml"]).standardOutput
        let node = try #require(try Yams.compose(yaml: yaml))
        #expect(try Yams.serialize(node: node) == yaml, "the streamed YAML is one document, re-serialized unchanged")
        #expect(node["files"]?.sequence?.count == Self.count)

        let csv = try await workspace.run(["get", "files", "-o", "csv"]).standardOutput
        let records = csv.components(separatedBy: "\r\n").dropLast()
        #expect(records.count == Self.count + 1 && records.first == "endpoint,id,path,mime_type,size,modified_at,sha256,state")

        let table = try await workspace.run(["get", "files"]).standardOutput.split(separator: "\n").map(String.init)
        #expect(table.count == Self.count + 1 && table[0].hasPrefix("ENDPOINT  PATH"))
        #expect(table.filter { $0.hasPrefix("ENDPOINT") }.count == 1, "one header")
        // Within a chunk the SIZE column starts at one offset; the chunk with the long name starts it further right.
        func sizeColumn(_ line: String) -> Int {
            line.distance(from: line.startIndex, to: line.range(of: "B  ")?.lowerBound ?? line.endIndex)
        }
        let firstChunk = Set(table[1...500].map(sizeColumn))
        #expect(firstChunk.count == 1, "\(firstChunk)")
        #expect(Set(table[1001...].map(sizeColumn)).count == 1 && sizeColumn(table[1001]) > sizeColumn(table[1]))

        let limited = try JSONParser.parse(try await workspace.run(["get", "files", "--limit", "3", "-o", "json"]).standardOutput).value
        #expect(limited["files"]?.arrayValue?.count == 3)
    }

    @Test func anEmptyListingIsStillADocument() async throws {
        let workspace = try ReconcileCommandTests.Workspace()
        try workspace.write("empty", localEndpoint("empty"))
        #expect(try await workspace.run(["reconcile", "manifests"]).status == 0)
        #expect(try await workspace.run(["get", "files", "-o", "json"]).standardOutput == "{\n  \"files\": []\n}\n")
        #expect(try await workspace.run(["get", "files", "-o", "yaml"]).standardOutput == "files: []\n")
        #expect(
            try await workspace.run(["get", "files", "-o", "csv"]).standardOutput
                == "endpoint,id,path,mime_type,size,modified_at,sha256,state\r\n")
        #expect(try await workspace.run(["get", "files"]).standardOutput == "ENDPOINT  PATH  SIZE  MODIFIED  STATE\n")
    }
}
