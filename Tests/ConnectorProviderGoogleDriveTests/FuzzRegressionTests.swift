import Foundation
import Testing

@testable import ConnectorProviderGoogleDrive

/// Inputs that `scripts/fuzz.sh` (target `FuzzDrive`) found to crash, hang or misbehave, kept as tests.
@Suite struct DriveFuzzRegressionTests {
    /// An unknown member nested 100,000 deep (a 200 KB body) overflowed the stack of the hand-written reader,
    /// which recursed once per level while skipping it; now it gives up past 512 levels, and `JSONDecoder`
    /// (the fallback) refuses the body too, so the listing fails with a plain `invalidResponse`.
    @Test func deeplyNestedUnknownMembersAreRefusedNotOverflowed() {
        let depth = 100_000
        let body =
            Array(#"{"kind":"#.utf8) + Array(repeating: UInt8(ascii: "["), count: depth)
            + Array(repeating: UInt8(ascii: "]"), count: depth) + Array(#","files":[]}"#.utf8)
        #expect(throws: DriveJSONReader.Malformed.self) { try DriveJSONReader.fileList(body) }
        #expect(throws: DriveJSONReader.Malformed.self) { try DriveJSONReader.changeList(body) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(DriveFileList.self, from: Data(body)) }
    }

    @Test func unknownMembersNestedWithinTheLimitAreSkipped() throws {
        let depth = DriveJSONReader.maximumSkipDepth - 1
        let nested = String(repeating: #"{"a":["#, count: depth / 2) + "1" + String(repeating: "]}", count: depth / 2)
        let body = Array(#"{"files":[{"id":"f1","capabilities":\#(nested),"name":"a.pdf"}],"nextPageToken":"t"}"#.utf8)
        let list = try DriveJSONReader.fileList(body)
        #expect(list.files?.map(\.id) == ["f1"])
        #expect(list.files?.first?.name == "a.pdf")
        #expect(list.nextPageToken == "t")
    }
}
