import ConnectorHTTPTestSupport
import ConnectorModel
import ConnectorProvider
import FakeGoogleDrive
import Foundation
import NIOConcurrencyHelpers
import Testing

@testable import ConnectorProviderGoogleDrive

/// A Drive that misbehaves: the fake's real answers, altered on the way by a proxy (page tokens that repeat or
/// cycle, fields of the wrong type, cut-off JSON, a 100 MiB body). Every listing ends with a clear reason and a
/// bounded number of requests; none hangs or reads the huge body into memory.
@Suite(.timeLimit(.minutes(2))) struct DriveHostileResponseTests {
    /// Serves the fake through `rewrite`, which sees each `files.list` reply (and its 0-based index) and may alter it.
    static func proxied(
        _ harness: DriveTestHarness, rewrite: @escaping @Sendable (Int, [String: Any]) -> ServerReply?
    ) async throws -> (server: FaultInjectingHTTPServer, lists: NIOLockedValueBox<Int>) {
        let lists = NIOLockedValueBox(0)
        let drive = harness.drive
        let server = FaultInjectingHTTPServer { request in
            // The tokens the proxy made up mean nothing to the fake: it is asked for the first page again.
            var forwarded = request
            if let token = request.queryValue("pageToken"), !token.hasPrefix("~") {
                forwarded = RecordedRequest(
                    method: request.method, uri: request.uri.replacingOccurrences(of: "&pageToken=\(token)", with: ""),
                    headers: request.headers, body: request.body, index: request.index)
            }
            let reply = await drive.handler(forwarded)
            guard request.path == "/drive/v3/files", case .response(200, _, let body) = reply,
                let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            else { return reply }
            let index = lists.withLockedValue { count in
                defer { count += 1 }
                return count
            }
            return rewrite(index, object) ?? reply
        }
        _ = try await server.start()
        return (server, lists)
    }

    static func json(_ object: [String: Any]) -> ServerReply {
        .json((try? JSONSerialization.data(withJSONObject: object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}")
    }

    /// Lists everything through the proxy and returns the error the listing ended with.
    static func failure(_ harness: DriveTestHarness, through server: FaultInjectingHTTPServer) async throws -> ProviderError {
        var spec = harness.spec(pageSize: 10)
        spec.googleDrive?.apiURL = server.baseURL
        let provider = try harness.provider(spec)
        do {
            _ = try await DriveTestHarness.pages(provider, .full(resumeToken: nil, pageSize: 10))
        } catch let error as ProviderError {
            return error
        }
        Issue.record("the listing ended without an error")
        return ProviderError(.invalidResponse, "none")
    }

    @Test func aPageTokenRepeatedForeverStopsTheListing() async throws {
        try await DriveTestHarness.run { harness in
            harness.drive.generateTree(under: harness.root, files: 50, filesPerFolder: 50, subfoldersPerFolder: 0)
            let (server, lists) = try await Self.proxied(harness) { _, object in
                var page = object
                page["nextPageToken"] = "the-same-token"
                return Self.json(page)
            }
            defer { Task { await server.stop() } }
            let error = try await Self.failure(harness, through: server)
            #expect(error.code == .invalidResponse && error.message.contains("page cycle"), "\(error)")
            #expect(lists.withLockedValue { $0 } == 2, "stopped at the first repeat")
        }
    }

    @Test func aCycleOfPageTokensStopsTheListing() async throws {
        try await DriveTestHarness.run { harness in
            harness.drive.generateTree(under: harness.root, files: 50, filesPerFolder: 50, subfoldersPerFolder: 0)
            let (server, lists) = try await Self.proxied(harness) { index, object in
                var page = object
                page["nextPageToken"] = ["token-a", "token-b", "token-c"][index % 3]
                return Self.json(page)
            }
            defer { Task { await server.stop() } }
            let error = try await Self.failure(harness, through: server)
            #expect(error.message.contains("page cycle"), "\(error)")
            #expect(lists.withLockedValue { $0 } == 4)
        }
    }

    @Test func endlessEmptyPagesStopTheListing() async throws {
        try await DriveTestHarness.run { harness in
            let (server, lists) = try await Self.proxied(harness) { index, _ in
                Self.json(["files": [Any](), "nextPageToken": "fresh-\(index)"])
            }
            defer { Task { await server.stop() } }
            let error = try await Self.failure(harness, through: server)
            #expect(error.message.contains("empty pages in a row"), "\(error)")
            #expect(lists.withLockedValue { $0 } == 101)
        }
    }

    @Test func wrongTypesMissingFieldsAndBrokenJSONAreNamed() async throws {
        let cases: [(String, ServerReply, String)] = [
            (
                "size as an object",
                Self.json(["files": [["id": "f1", "name": "a.pdf", "mimeType": "application/pdf", "parents": ["x"], "size": ["n": 1]]]]),
                "at files[0].size"
            ),
            ("files not a list", Self.json(["files": "everything"]), "at files: expected"),
            ("cut off", .json(#"{"files": [{"id": "f1", "name": "#), "not valid JSON"),
            ("not JSON at all", .text("<html>gateway</html>"), "not valid JSON"),
        ]
        for (label, reply, words) in cases {
            try await DriveTestHarness.run { harness in
                let (server, _) = try await Self.proxied(harness) { _, _ in reply }
                defer { Task { await server.stop() } }
                let error = try await Self.failure(harness, through: server)
                #expect(error.code == .invalidResponse && error.message.contains(words), "\(label): \(error)")
                #expect(
                    error.message.contains("files.list") || error.message.contains("/drive/v3/files"), "\(label): names the call: \(error)")
            }
        }
    }

    @Test func aHundredMebibyteBodyIsNotRead() async throws {
        try await DriveTestHarness.run { harness in
            let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 1 << 20)
            let (server, _) = try await Self.proxied(harness) { _, _ in
                .stream(status: 200, headers: [("Content-Type", "application/json")], chunk: chunk, count: 100)
            }
            defer { Task { await server.stop() } }
            let error = try await Self.failure(harness, through: server)
            #expect(error.message.contains("MiB") || error.message.contains("bytes"), "names the limit: \(error)")
            #expect(server.streamedBodyBytes < 100 << 20, "the client hung up before the end: \(server.streamedBodyBytes) bytes sent")
        }
    }
}
