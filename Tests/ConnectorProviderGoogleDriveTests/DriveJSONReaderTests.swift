import Foundation
import Testing

@testable import ConnectorProviderGoogleDrive

/// The hand-written reader agrees with `JSONDecoder` on Drive's responses, escapes and unknown members included.
@Suite struct DriveJSONReaderTests {
    @Test func theReaderMatchesJSONDecoder() throws {
        let json = #"""
            {"kind":"drive#fileList","nextPageToken":"~!!~AI9\u0041","incompleteSearch":false,"files":[
              {"kind":"drive#file","id":"1a","name":"Caf\u00e9 \"quoted\" \\ \ud83d\ude00.pdf","mimeType":"application/pdf",
               "parents":["p1","p2"],"size":"482133","version":12,"md5Checksum":"9e10","trashed":false,
               "owners":[{"emailAddress":"x@example.com","me":true,"n":null}],"capabilities":{"canEdit":false},
               "exportLinks":{"application/pdf":"https://x/y?a=1&b=2"},"shortcutDetails":{"targetId":"t","targetMimeType":"m","targetResourceKey":"k"},
               "createdTime":"2024-01-01T00:00:00.000Z","modifiedTime":"2024-02-01T00:00:00.000Z","webViewLink":"https://v","driveId":"0A"},
              {"id":"2b"}]}
            """#
        let fast = try DriveJSONReader.fileList(Array(json.utf8))
        let slow = try JSONDecoder().decode(DriveFileList.self, from: Data(json.utf8))
        #expect(fast.nextPageToken == slow.nextPageToken && fast.nextPageToken == "~!!~AI9A")
        #expect(fast.files?.count == 2)
        for (a, b) in zip(fast.files ?? [], slow.files ?? []) {
            #expect(a.metadata(path: "p") == b.metadata(path: "p"))
            #expect(a.trashed == b.trashed && a.driveId == b.driveId)
        }
        #expect(fast.files?.first?.name == "Café \"quoted\" \\ 😀.pdf")
        #expect(throws: (any Error).self) { try DriveJSONReader.fileList(Array(#"{"files":[{"id":"x",}]}"#.utf8)) }
        let changes =
            #"{"newStartPageToken":"9","changes":[{"changeType":"file","removed":true,"fileId":"g","time":"t"},{"fileId":"h","removed":false,"file":{"id":"h","trashed":true}}]}"#
        let list = try DriveJSONReader.changeList(Array(changes.utf8))
        #expect(list.newStartPageToken == "9" && list.changes?.count == 2 && list.changes?[1].file?.trashed == true)
        #expect(list.changes?[0].removed == true && list.changes?[0].file == nil)
    }
}
