import ConnectorHTTPTestSupport
import ConnectorStore
import FakeAutodeskAPS
import Foundation
import NIOConcurrencyHelpers
import Testing

/// An Autodesk API that misbehaves, made from the fake's real answers altered by a proxy: `links.next` that points
/// back at the page itself, and a contents page of the wrong shape. The sync fails with the reason, promptly.
@Suite(.timeLimit(.minutes(2))) struct HostileResponseTests {
    /// Serves the fake through `rewrite`, which may alter each folder-contents reply (a JSON:API document).
    static func proxy(
        _ bed: ACCTestBed, rewrite: @escaping @Sendable ([String: Any]) -> [String: Any]
    ) async throws -> FaultInjectingHTTPServer {
        let aps = bed.aps
        let server = FaultInjectingHTTPServer { request in
            let reply = await aps.handler(request)
            guard request.path.hasSuffix("/contents"), case .response(200, let headers, let body) = reply,
                let document = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
                let rewritten = try? JSONSerialization.data(withJSONObject: rewrite(document))
            else { return reply }
            return .response(status: 200, headers: headers.filter { $0.0.lowercased() != "content-length" }, body: [UInt8](rewritten))
        }
        _ = try await server.start()
        return server
    }

    /// Syncs a new endpoint `name` whose API is `server`.
    static func sync(
        _ bed: ACCTestBed, _ name: String, through server: FaultInjectingHTTPServer, pageSize: Int = 50
    ) async throws -> SyncRunRecord {
        var spec = bed.spec(pageSize: pageSize)
        spec.autodeskAcc?.apiURL = server.baseURL
        _ = try await bed.endpoint(name, spec: spec)
        return try await bed.sync(name)
    }

    @Test func aNextLinkBackToTheSamePageStopsTheSync() async throws {
        try await ACCTestBed.run(shape: FakeACCProject.Shape(items: 120)) { bed in
            let server = try await Self.proxy(bed) { document in
                var document = document
                if var links = document["links"] as? [String: Any], let current = links["self"] {
                    links["next"] = current
                    document["links"] = links
                }
                return document
            }
            defer { Task { await server.stop() } }
            let run = try await Self.sync(bed, "looping", through: server, pageSize: 10)
            #expect(run.status == .failed && run.error?.contains("page cycle") == true, "\(run.error ?? "")")
            #expect(server.requestCount < 20, "stopped at once: \(server.requestCount) requests")
        }
    }

    @Test func aPageOfTheWrongShapeIsNamed() async throws {
        try await ACCTestBed.run(shape: FakeACCProject.Shape(items: 40)) { bed in
            let server = try await Self.proxy(bed) { document in
                var document = document
                document["data"] = ["not": "a list"]
                return document
            }
            defer { Task { await server.stop() } }
            let run = try await Self.sync(bed, "misshapen", through: server)
            #expect(run.status == .failed && run.error?.contains("at data: expected") == true, "\(run.error ?? "")")
        }
    }

    /// `links.next` rewritten to absolute URLs on another host (with user info, and as a scheme-relative link): the
    /// walk follows them on the API host only, so the bearer token never reaches the other host, and the catalog is
    /// complete. The HTTP client parses the resolved link with the same `URL(string:)` as the resolution.
    @Test func nextLinksToAnotherHostAreFollowedOnTheAPIHostOnly() async throws {
        let elsewhere = FaultInjectingHTTPServer { _ in
            .response(status: 200, headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
        }
        let port = try await elsewhere.start()
        let host = "127.0.0.1"
        try await ACCTestBed.run(shape: FakeACCProject.Shape(items: 600)) { bed in
            let forms = ["http://\(host):\(port)", "http://user:secret@\(host):\(port)", "//\(host):\(port)"]
            let rewrites = NIOLockedValueBox(0)
            let server = try await Self.proxy(bed) { document in
                var document = document
                guard var links = document["links"] as? [String: Any], var next = links["next"] as? [String: Any],
                    let href = next["href"] as? String, let parts = URLComponents(string: href)
                else { return document }
                let form = rewrites.withLockedValue { count in
                    defer { count += 1 }
                    return forms[count % forms.count]
                }
                next["href"] = form + parts.percentEncodedPath + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
                links["next"] = next
                document["links"] = links
                return document
            }
            defer { Task { await server.stop() } }
            let run = try await Self.sync(bed, "redirected", through: server, pageSize: 10)
            #expect(run.status == .succeeded, "\(run.error ?? "")")
            #expect(rewrites.withLockedValue { $0 } >= forms.count, "every form was served")
            #expect(elsewhere.requestCount == 0, "nothing, and no token, went to the other host")
            try await bed.expectCatalogMatchesGroundTruth("redirected")
        }
        await elsewhere.stop()
    }
}
