import ConnectorHTTP
import ConnectorHTTPTestSupport
import Testing

@Suite("ProviderHTTPClient response bodies")
struct ProviderHTTPClientBodyTests {
    static let limit = 64 * 1024

    @Test("a streamed body over the limit fails with bodyTooLarge without being read to the end")
    func streamedBodyTooLarge() async throws {
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 16 * 1024)
        let count = 8192
        let total = chunk.count * count  // 128 MiB
        try await withHarness(configuration: testConfiguration(maxBodyBytes: Self.limit)) { harness in
            harness.server.enqueue(.stream(chunk: chunk, count: count))
            let context = RequestContext()
            let error = await httpError { try await harness.client.send(harness.get("/huge"), context: context) }
            #expect(error?.code == .bodyTooLarge)
            #expect(error?.status == 200)
            #expect(error?.attempts == 1)
            #expect(harness.server.requestCount == 1)
            // The server stops when the client hangs up. Loopback socket buffers can absorb tens of MiB (Linux
            // autotunes the receive buffer up to tcp_rmem's maximum, 32 MiB here), so the body is made far larger.
            try await Task.sleep(for: .milliseconds(100))
            #expect(harness.server.streamedBodyBytes < total / 2)
            // The client recovers: the next request works on a fresh connection.
            let response = try await harness.client.send(harness.get(), context: context)
            #expect(response.status == 200)
        }
    }

    @Test("a declared Content-Length over the limit fails before the body is read")
    func declaredLengthTooLarge() async throws {
        try await withHarness(configuration: testConfiguration(maxBodyBytes: Self.limit)) { harness in
            harness.server.enqueue(.response(status: 200, body: [UInt8](repeating: 0, count: Self.limit + 1)))
            let error = await httpError { try await harness.client.send(harness.get(), context: RequestContext()) }
            #expect(error?.code == .bodyTooLarge)
            #expect(error?.message?.contains("\(Self.limit + 1) bytes") == true)
        }
    }

    @Test("a body exactly at the limit is returned whole; a per-request limit overrides the client's")
    func limitBoundaries() async throws {
        try await withHarness(configuration: testConfiguration(maxBodyBytes: Self.limit)) { harness in
            let body = [UInt8](repeating: 7, count: Self.limit)
            harness.server.enqueue(.stream(chunk: Array(body[0..<1024]), count: Self.limit / 1024), .response(status: 200, body: body))
            let streamed = try await harness.client.send(harness.get(), context: RequestContext())
            #expect(streamed.body.count == Self.limit)
            var small = harness.get()
            small.maxResponseBytes = 100
            let error = await httpError { try await harness.client.send(small, context: RequestContext()) }
            #expect(error?.code == .bodyTooLarge)
        }
    }

    @Test("a slow body within the timeouts is read completely")
    func slowBody() async throws {
        try await withHarness { harness in
            harness.server.enqueue(.stream(chunk: Array("abc".utf8), count: 5, interval: .milliseconds(20), declareLength: true))
            let response = try await harness.client.send(harness.get(), context: RequestContext())
            #expect(response.bodyText == "abcabcabcabcabc")
        }
    }

    @Test("request method, headers and body reach the server")
    func requestRoundTrip() async throws {
        try await withHarness { harness in
            let request = HTTPRequestSpec(
                method: "POST", url: harness.url("/token"),
                headers: [("Content-Type", "application/x-www-form-urlencoded"), ("User-Agent", "custom/1")],
                body: Array("grant_type=client_credentials".utf8)
            )
            _ = try await harness.client.send(request, context: RequestContext())
            let recorded = try #require(harness.server.requests.first)
            #expect(recorded.method == "POST")
            #expect(recorded.header("content-type") == "application/x-www-form-urlencoded")
            #expect(recorded.header("user-agent") == "custom/1")
            #expect(recorded.bodyText == "grant_type=client_credentials")
        }
    }

    @Test("a URL that is not absolute http(s) is rejected before anything is sent")
    func invalidURL() async throws {
        try await withHarness { harness in
            for url in ["/relative", "ftp://example.com/x", "https:///nohost"] {
                let error = await httpError { try await harness.client.send(HTTPRequestSpec(url: url), context: RequestContext()) }
                #expect(error?.code == .invalidRequest, "\(url)")
            }
            #expect(harness.server.requestCount == 0)
        }
    }
}
