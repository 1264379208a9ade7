import ConnectorProvider
import Foundation
import Testing

@testable import ConnectorProviderMicrosoft365

/// The hand-written page reader reads what `JSONDecoder` reads, and refuses what it cannot read (the caller then
/// decodes with `JSONDecoder`).
@Suite struct DriveItemReaderTests {
    static let page = #"""
        {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Collection(driveItem)",
         "value":[
          {"id":"01ROOT","name":"root","root":{},"folder":{"childCount":0},"parentReference":{"driveId":"b!x","driveType":"documentLibrary"}},
          {"id":"01FOLDERA","name":"Drawings \"A\" \\ \u00e9\ud83d\ude00","folder":{"childCount":0},"eTag":"\"{6F0B},3\"",
           "lastModifiedDateTime":"2024-03-01T10:00:00Z","webUrl":"https://contoso.sharepoint.com/sites/Eng/Shared%20Documents/Drawings",
           "parentReference":{"driveId":"b!x","driveType":"documentLibrary","id":"01ROOT","siteId":null}},
          {"id":"01FILE","name":"A-101.pdf","size":482133,"eTag":"\"{1},2\"","cTag":"\"c:{1},2\"",
           "createdDateTime":"2024-02-01T08:00:00Z","lastModifiedDateTime":"2024-03-01T10:00:00Z",
           "createdBy":{"user":{"displayName":"Ada","email":"ada@contoso.com","id":"u1"}},
           "lastModifiedBy":{"application":{"displayName":"Sync","id":"a1"},"user":null},
           "file":{"mimeType":"application/pdf","hashes":{"quickXorHash":"AAAAAAAAAAAAAAAAAAAAAAAAAAA="}},
           "fileSystemInfo":{"createdDateTime":"2024-01-01T00:00:00Z"},
           "sharepointIds":{"listId":"l","listItemId":"7","listItemUniqueId":"u","siteId":"s","siteUrl":"https://contoso.sharepoint.com/sites/Eng","webId":"w","tenantId":"t"},
           "parentReference":{"driveId":"b!x","id":"01FOLDERA"},"unknown":{"nested":[1,2,{"a":null}]}},
          {"id":"01PENDING","name":"new.docx","file":{"mimeType":"application/vnd.openxmlformats-officedocument.wordprocessingml.document","hashes":null},
           "parentReference":{"id":"01ROOT"}},
          {"id":"01NOTE","name":"Site Notebook","package":{"type":"oneNote"},"parentReference":{"id":"01ROOT"}},
          {"id":"01GONE","deleted":{"state":"deleted"},"parentReference":{"driveId":"b!x","driveType":"documentLibrary","id":"01FOLDERA"}}
         ],
         "@odata.nextLink":"https://graph.microsoft.com/v1.0/drives/b!x/root/delta(token='MzslMjM0')?$select=id,name"}
        """#

    @Test func theReaderReadsWhatJSONDecoderReads() throws {
        let bytes = Array(Self.page.utf8)
        let fast = try DriveItemReader.page(bytes)
        let slow = try JSONDecoder().decode(DriveItemPage.self, from: Data(bytes))
        #expect(fast == slow)
        #expect(fast.value.map(\.kind) == [.root, .folder, .file, .file, .package, .deleted])
        #expect(fast.value[1].name == "Drawings \"A\" \\ é😀")
        #expect(fast.value[2].lastModifiedBy?.application?.displayName == "Sync" && fast.value[2].lastModifiedBy?.user == nil)
        #expect(fast.value[3].file?.hashes == nil)
        #expect(fast.nextLink?.hasSuffix("$select=id,name") == true && fast.deltaLink == nil)
    }

    @Test(arguments: [
        #"{"value":[{"name":"no id"}]}"#, #"{"value":[{"id":"x",}]}"#, #"{"value":[{"id":"x","size":"big"}]}"#, #"{"value":[]} trailing"#,
        #"{"value":[{"id":"x","name":12}]}"#, #"{"value":[{"id":"x","unknown":"bad \u12G4"}]}"#,
        #"{"value":[{"id":"x","name":"\u+123"}]}"#, #"{"value":[{"id":"x","unknown":"\u00"}]}"#,
    ])
    func whatItCannotReadItRefuses(body: String) {
        #expect(throws: JSONByteReader.Malformed.self) { try DriveItemReader.page(Array(body.utf8)) }
    }

    /// Escapes anywhere in a string, in read and in skipped members, read as `JSONDecoder` reads them.
    @Test func escapesAreReadAsJSONDecoderReadsThem() throws {
        let body = #"""
            {"value":[{"id":"01\"X","skipped":"a\"b\\c\u00e9\ud83d\ude00\n","name":"\tlead a\"b\\c\/d\u00E9\u00e9 end\"",
              "eTag":"\"{6F0B0E12-1C4F},3\"","cTag":"no escapes"}]}
            """#
        let fast = try DriveItemReader.page(Array(body.utf8))
        #expect(fast == (try JSONDecoder().decode(DriveItemPage.self, from: Data(body.utf8))))
        #expect(fast.value.first?.id == "01\"X")
        #expect(fast.value.first?.name == "\tlead a\"b\\c/d\u{E9}\u{E9} end\"")
        #expect(fast.value.first?.eTag == "\"{6F0B0E12-1C4F},3\"")
    }

    /// A delta page's next link is read without its items: before `value`, or as its last member, read back from the
    /// end (escapes and all); the guess is the decoded link on every page Graph's shapes take.
    @Test func theNextLinkIsReadWithoutTheItems() throws {
        let bytes = Array(Self.page.utf8)
        let page = try DriveItemReader.page(bytes)
        #expect(DriveItemReader.nextLinkHint(bytes) == page.nextLink)
        let link = "https://graph.microsoft.com/v1.0/drives/b!x/root/delta?token=abc"
        let items = #"[{"id":"1","name":"a \"b\" \\\\","parentReference":{"id":"r"}},{"id":"2","name":"\\\\"}]"#
        let shapes: [(body: String, next: String?)] = [
            (#"{"@odata.context":"c","@odata.nextLink":"\#(link)","value":\#(items)}"#, link),
            (#"{"value":\#(items),"@odata.nextLink":"\#(link)"}"#, link),
            (#" { "value" : \#(items) , "@odata.nextLink" : "\#(link)" } "# + "\n", link),
            (
                #"{"value":[],"@odata.nextLink":"https:\/\/graph.microsoft.com\/v1.0\/x?token=\"q\"\\\\"}"#,
                #"https://graph.microsoft.com/v1.0/x?token="q"\\"#
            ),
            (#"{"value":\#(items),"@odata.deltaLink":"\#(link)"}"#, nil),
            (#"{"@odata.deltaLink":"\#(link)","value":[]}"#, nil),
            (#"{"@odata.nextLink":"\#(link)"}"#, link),
            (#"{"value":\#(items),"@odata.nextLink":null}"#, nil),
            (#"{"value":\#(items),"x":"\\\\","@odata.nextLink":"a\\\\"}"#, #"a\\"#),
        ]
        for shape in shapes {
            let bytes = Array(shape.body.utf8)
            #expect(DriveItemReader.nextLinkHint(bytes) == shape.next, "\(shape.body)")
            #expect(try DriveItemReader.page(bytes).nextLink == shape.next, "\(shape.body)")
        }
        // A guess is only a guess: a body naming two next links is guessed by the first, decoded by the last.
        let twice = Array(#"{"@odata.nextLink":"first","value":[],"@odata.nextLink":"second"}"#.utf8)
        #expect(DriveItemReader.nextLinkHint(twice) == "first")
        #expect(try DriveItemReader.page(twice).nextLink == "second")
        for unreadable in [#"{"value":[}"#, #"{"value":[],"@odata.nextLink":"x"#, "", "}", #""x"}"#, #"{"value":[],"@odata.nextLink":x"}"#]
        {
            #expect(DriveItemReader.nextLinkHint(Array(unreadable.utf8)) == nil, "\(unreadable)")
        }
        let body = DeltaPageBody(url: "https://graph.microsoft.com/v1.0/drives/b!x/root/delta", bytes: bytes)
        #expect(body.nextLinkHint == page.nextLink)
        #expect(try body.page() == page)
        #expect(throws: ProviderError.self) {
            try DeltaPageBody(url: "https://graph.microsoft.com/v1.0/x", bytes: Array("{\"value\":".utf8)).page()
        }
    }

    @Test func theCatalogRecordKeepsTheFieldsTheIssueNames() throws {
        let page = try DriveItemReader.page(Array(Self.page.utf8))
        let file = page.value[2].fileMetadata(folderPath: "Drawings")
        #expect(file.path == "Drawings/A-101.pdf" && file.size == 482133 && file.mimeType == "application/pdf")
        #expect(file.checksums == ["quickXorHash": "AAAAAAAAAAAAAAAAAAAAAAAAAAA="])
        #expect(file.version == "\"c:{1},2\"" && file.parents == ["01FOLDERA"])
        let extras = try #require(file.extras)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(extras.utf8)) as? [String: Any])
        #expect(object["eTag"] as? String == "\"{1},2\"" && object["createdByEmail"] as? String == "ada@contoso.com")
        #expect(object["lastModifiedBy"] as? String == "Sync")
        #expect((object["sharepointIds"] as? [String: String])?["listItemId"] == "7")
        #expect(extras.hasPrefix(#"{"cTag":"#), "sorted keys")
        let pending = page.value[3].fileMetadata(folderPath: "")
        #expect(pending.checksums.isEmpty && pending.version == nil)
        #expect(page.value[4].fileMetadata(folderPath: "").mimeType == "application/msonenote")
    }
}

/// Hostile pages: every truncation of a real-looking page, and seeded byte flips, are read or refused, never crash.
@Suite struct DriveItemReaderHostileTests {
    @Test func truncatedAndFlippedPagesNeverCrash() {
        let bytes = Array(DriveItemReaderTests.page.utf8)
        var refused = 0
        var guessed = 0
        for length in 0..<bytes.count {
            if (try? DriveItemReader.page(Array(bytes[..<length]))) == nil { refused += 1 }
            if DriveItemReader.nextLinkHint(Array(bytes[..<length])) != nil { guessed += 1 }
        }
        #expect(guessed == 0, "a truncated page names no next link")
        #expect(refused == bytes.count, "no strict prefix of the page is a whole page")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3_000 {
            var mutated = bytes
            for _ in 0..<3 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                mutated[Int(state >> 33) % mutated.count] = UInt8(truncatingIfNeeded: state >> 17)
            }
            if let page = try? DriveItemReader.page(mutated) {
                #expect(page.value.allSatisfy { !$0.id.isEmpty })
                // Where the whole reader reads a page, the guess of its next link is that link or none.
                let hint = DriveItemReader.nextLinkHint(mutated)
                #expect(hint == nil || hint == page.nextLink)
            } else {
                _ = DriveItemReader.nextLinkHint(mutated)
            }
        }
        let deep = Array(("{\"value\":[{\"id\":\"x\",\"unknown\":" + String(repeating: "[", count: 100_000)).utf8)
        #expect(throws: JSONByteReader.Malformed.self) { try DriveItemReader.page(deep) }
        #expect(DriveItemReader.nextLinkHint(deep) == nil)
        let deepObjects = Array(("{\"value\":[" + String(repeating: "{\"a\":", count: 100_000)).utf8)
        #expect(throws: JSONByteReader.Malformed.self) { try DriveItemReader.page(deepObjects) }
        #expect(DriveItemReader.nextLinkHint(deepObjects) == nil)
        let quotes = Array((#"{"value":[],"@odata.nextLink":""# + String(repeating: #"\""#, count: 100_000) + #""}"#).utf8)
        #expect(DriveItemReader.nextLinkHint(quotes) == String(repeating: "\"", count: 100_000))
    }
}
