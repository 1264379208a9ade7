import ConnectorHTTP
import ConnectorHTTPTestSupport
import FakeGoogleDrive
import Foundation
import Logging
import Testing

/// The fake itself behaves as Drive does where the provider could get it wrong: `q` syntax, partial responses,
/// page sizes, shared-drive flags, change pages and both error shapes.
@Suite struct FakeGoogleDriveTests {
    /// Sends GET `path` with a valid token and returns status and JSON body.
    static func get(_ harness: DriveTestHarness, _ pathAndQuery: String) async throws -> (Int, [String: Any]) {
        let provider = try harness.provider(harness.spec())
        _ = try await provider.changeFeedStartToken()
        let token = try #require(harness.drive.requests.last { $0.path != "/token" }?.header("Authorization"))
        let response = try await harness.client.send(
            HTTPRequestSpec(url: harness.drive.baseURL + pathAndQuery, headers: [("Authorization", token)]),
            context: RequestContext(classifier: ClosureRetryClassifier { _ in .success }))
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return (response.status, json)
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    @Test func unknownQuerySyntaxIsRejected() async throws {
        try await DriveTestHarness.run { harness in
            for q in ["'x' in parents and", "starred = true", "name ~ 'a'", "('x' in parents", "trashed = maybe", "'x' in owners"] {
                let (status, body) = try await Self.get(harness, "/drive/v3/files?q=\(Self.encoded(q))")
                #expect(status == 400, "\(q)")
                let reason = ((body["error"] as? [String: Any])?["errors"] as? [[String: Any]])?.first?["reason"] as? String
                #expect(reason == "invalid")
            }
            let q =
                "(('\(harness.root)' in parents) or 'b' in parents) and not trashed = true and mimeType != 'application/vnd.google-apps.folder'"
            let (status, _) = try await Self.get(harness, "/drive/v3/files?q=\(Self.encoded(q))")
            #expect(status == 200)
        }
    }

    @Test func partialResponsesHoldOnlyWhatWasAskedFor() async throws {
        try await DriveTestHarness.run { harness in
            harness.drive.createFile(name: "a.pdf", parent: harness.root, size: 42)
            let q = Self.encoded("'\(harness.root)' in parents")
            let (_, bare) = try await Self.get(harness, "/drive/v3/files?q=\(q)")
            let bareFile = try #require((bare["files"] as? [[String: Any]])?.first)
            #expect(Set(bareFile.keys) == ["kind", "id", "name", "mimeType"], "without fields: the default members only")
            let (_, masked) = try await Self.get(harness, "/drive/v3/files?q=\(q)&fields=files(id,size)")
            #expect(Set(masked.keys) == ["files"])
            let file = try #require((masked["files"] as? [[String: Any]])?.first)
            #expect(Set(file.keys) == ["id", "size"])
            #expect(file["size"] as? String == "42", "int64 as a string")
            let (status, error) = try await Self.get(harness, "/drive/v3/files?q=\(q)&fields=files(id,sizee)")
            #expect(status == 400)
            #expect(((error["error"] as? [String: Any])?["message"] as? String)?.contains("sizee") == true)
        }
    }

    @Test func pageSizesAreCappedAndSharedDriveFlagsChecked() async throws {
        try await DriveTestHarness.run { harness in
            harness.drive.generateTree(under: harness.root, files: 1_200, filesPerFolder: 1_200, subfoldersPerFolder: 0)
            let q = Self.encoded("'\(harness.root)' in parents")
            let (_, page) = try await Self.get(harness, "/drive/v3/files?q=\(q)&pageSize=5000&fields=nextPageToken,files(id)")
            #expect((page["files"] as? [Any])?.count == 1000)
            #expect(page["nextPageToken"] is String)
            let (_, small) = try await Self.get(harness, "/drive/v3/files?q=\(q)")
            #expect((small["files"] as? [Any])?.count == 100, "100 by default")
            #expect(try await Self.get(harness, "/drive/v3/files?corpora=drive").0 == 400, "corpora=drive needs driveId")
            #expect(
                try await Self.get(harness, "/drive/v3/files?corpora=drive&driveId=0A&supportsAllDrives=true").0 == 400,
                "and includeItemsFromAllDrives")
            #expect(try await Self.get(harness, "/drive/v3/files?pageToken=bogus").0 == 400)
            #expect(try await Self.get(harness, "/drive/v3/files?pageSize=0").0 == 400)
        }
    }

    @Test func changePagesCarryOneOfTheTwoTokens() async throws {
        try await DriveTestHarness.run { harness in
            let (_, start) = try await Self.get(harness, "/drive/v3/changes/startPageToken")
            let token = try #require(start["startPageToken"] as? String)
            let file = harness.drive.createFile(name: "a.pdf", parent: harness.root)
            let doomed = harness.drive.createFile(name: "b.pdf", parent: harness.root)
            harness.drive.delete(doomed)
            harness.drive.trash(file)
            let (_, first) = try await Self.get(harness, "/drive/v3/changes?pageToken=\(token)&pageSize=1")
            #expect(first["nextPageToken"] is String && first["newStartPageToken"] == nil)
            let (_, all) = try await Self.get(harness, "/drive/v3/changes?pageToken=\(token)")
            #expect(all["nextPageToken"] == nil && all["newStartPageToken"] is String)
            let changes = try #require(all["changes"] as? [[String: Any]])
            let removed = try #require(changes.first { $0["fileId"] as? String == doomed })
            #expect(removed["removed"] as? Bool == true && removed["file"] == nil)
            let trashed = try #require(changes.first { $0["fileId"] as? String == file })
            #expect(trashed["removed"] as? Bool == false)
            #expect((trashed["file"] as? [String: Any])?["trashed"] == nil, "not asked for")
            #expect(try await Self.get(harness, "/drive/v3/changes?pageToken=abc").0 == 400)
            #expect(try await Self.get(harness, "/drive/v3/changes").0 == 400)
        }
    }

    @Test func faultsComeInBothErrorShapes() async throws {
        try await DriveTestHarness.run { harness in
            harness.drive.failNext(.userRateLimit, .quotaExceeded, .tooManyRequestsWithRetryAfter)
            let provider = try harness.provider(harness.spec())
            _ = try await provider.changeFeedStartToken()
            let statuses = harness.drive.requests.filter { $0.path != "/token" }.count
            #expect(statuses == 5, "three rate-limit replies retried, then the root folder's files.get and the start token")
            #expect(harness.drive.injectedFaultCount == 3)
        }
    }
}
