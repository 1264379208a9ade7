import ConnectorHTTP
import ConnectorHTTPTestSupport
import Testing

@Suite("Redaction of headers, URLs, text, errors and logs")
struct RedactionTests {
    static let canary = "ya29.CANARY-c3VwZXJzZWNyZXQ-token"
    static let queryCanary = "QUERYCANARY0123456789"

    @Test("a canary token used as bearer and as access_token never appears in errors or log lines")
    func canaryNeverLeaks() async throws {
        let configuration = testConfiguration(retry: RetryPolicy(maxAttempts: 3))
        try await withHarness(configuration: configuration) { harness in
            // The provider echoes the token back in its error message, as some gateways do.
            harness.server.enqueue(
                .status(500), .reset,
                .json(403, #"{"error":{"code":403,"message":"token \#(Self.canary) (Bearer \#(Self.canary)) lacks scope"}}"#)
            )
            let cache = OAuthTokenCache(clock: harness.clock) { AccessToken(value: Self.canary, expiresIn: .seconds(3600)) }
            let url = harness.url("/drive/v3/files?access_token=\(Self.queryCanary)&pageToken=next&q=x")
            let error = await httpError {
                try await harness.client.send(HTTPRequestSpec(url: url), context: RequestContext(tokenCache: cache))
            }
            let unwrapped = try #require(error)
            #expect(unwrapped.code == .forbidden)
            #expect(harness.server.requests.allSatisfy { $0.header("authorization") == "Bearer \(Self.canary)" })

            let texts =
                harness.logs.all + [
                    unwrapped.description, String(reflecting: unwrapped), unwrapped.path,
                    unwrapped.message ?? "", "\(try await cache.token())",
                ]
            #expect(!harness.logs.all.isEmpty)
            for text in texts {
                #expect(!text.contains("CANARY"), "leaked in: \(text)")
            }
            #expect(unwrapped.path == "/drive/v3/files?access_token=<redacted>&pageToken=next&q=x")
            #expect(unwrapped.message == "token <redacted> (Bearer <redacted>) lacks scope")
            #expect(harness.logs.all.contains { $0.contains("access_token=<redacted>") })
        }
    }

    @Test("sensitive headers are redacted whatever their case")
    func headers() {
        let redacted = Redaction.headers([
            ("authorization", "Bearer abc"), ("Proxy-Authorization", "Basic x"), ("Cookie", "a=b"),
            ("Set-Cookie", "s=1"), ("X-API-Key", "k"), ("Accept", "application/json"),
        ])
        #expect(redacted.map(\.1) == ["<redacted>", "<redacted>", "<redacted>", "<redacted>", "<redacted>", "application/json"])
    }

    @Test(
        "URL query values that look like secrets are redacted, others are kept",
        arguments: [
            ("https://h/p?access_token=abc&q=1", "https://h/p?access_token=<redacted>&q=1"),
            ("https://h/p?key=AIza&fields=id", "https://h/p?key=<redacted>&fields=id"),
            ("https://h/cb?code=4%2F0Ab&state=s", "https://h/cb?code=<redacted>&state=s"),
            (
                "https://h/o?X-Amz-Signature=ff&X-Amz-Credential=c&x=1",
                "https://h/o?X-Amz-Signature=<redacted>&X-Amz-Credential=<redacted>&x=1"
            ),
            ("https://h/p?upload_token=t&pageToken=p", "https://h/p?upload_token=<redacted>&pageToken=p"),
            ("https://user:pw@h/p?sig=1#frag", "https://<redacted>@h/p?sig=<redacted>#<redacted>"),
            ("https://h/p", "https://h/p"),
            ("/path?token=x", "/path?token=<redacted>"),
            ("/path?access%5Ftoken=x", "/path?access%5Ftoken=<redacted>"),
        ])
    func urls(input: String, expected: String) {
        #expect(Redaction.url(input) == expected)
    }

    @Test(
        "free text loses bearer tokens, JWTs, Google tokens, secrets in JSON and key=value pairs",
        arguments: [
            ("Authorization: Bearer abc.def-ghi", "Authorization: Bearer <redacted>"),
            ("basic dXNlcjpwYXNz", "basic <redacted>"),
            ("jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln end", "jwt <redacted> end"),
            ("got ya29.a0AfH6SMBx-y_z token", "got <redacted> token"),
            ("refresh 1//0gLx_abcdefghijk", "refresh <redacted>"),
            (#"{"access_token": "s3cr3t", "expires_in": 3599}"#, #"{"access_token": "<redacted>", "expires_in": 3599}"#),
            (#"{"client_secret":"shh","client_id":"id"}"#, #"{"client_secret":"<redacted>","client_id":"id"}"#),
            ("client_secret=shh&grant_type=x", "client_secret=<redacted>&grant_type=x"),
            ("-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----", "<redacted>"),
            ("nothing secret here", "nothing secret here"),
        ])
    func text(input: String, expected: String) {
        #expect(Redaction.text(input) == expected)
    }

    @Test("HTTPError redacts whatever it is given and keeps its description on one short line")
    func errorRedactsInputs() {
        let error = HTTPError(
            code: .client, status: 400, method: "POST", host: "oauth2.googleapis.com",
            path: "/token?assertion=eyJhbGciOiJSUzI1NiJ9.e30.sig", message: "bad\nBearer abc " + String(repeating: "x", count: 500),
            attempts: 1, underlying: "ya29.zzz"
        )
        #expect(error.path == "/token?assertion=<redacted>")
        #expect(!error.description.contains("abc"))
        #expect(!error.description.contains("ya29"))
        #expect(!error.description.contains("\n"))
        #expect((error.message?.count ?? 0) <= 301)
        #expect(
            error.description.hasPrefix(
                "HTTP POST oauth2.googleapis.com/token?assertion=<redacted>: client (status 400): bad Bearer <redacted>"))
    }

    @Test("AccessToken never shows its value")
    func accessTokenDescription() {
        let token = AccessToken(value: "ya29.secret", expiresIn: .seconds(3540))
        #expect(token.description == "AccessToken(expires in 3540s, value: <redacted>)")
        #expect(String(reflecting: token) == token.description)
        #expect(!"\([token])".contains("secret"))
    }

    @Test(
        "provider error bodies are reduced to a short message",
        arguments: [
            (
                #"{"error":{"code":404,"message":"File not found: 1AbC.","errors":[{"reason":"notFound"}]}}"#,
                "File not found: 1AbC. (notFound)"
            ),
            (#"{"error":"invalid_grant","error_description":"Invalid JWT Signature."}"#, "invalid_grant: Invalid JWT Signature."),
            (
                #"{"jsonapi":{"version":"1.0"},"errors":[{"status":"400","code":"BAD_INPUT","detail":"The limit value is invalid."}]}"#,
                "BAD_INPUT: The limit value is invalid."
            ),
            (#"{"developerMessage":"Quota limit exceeded."}"#, "Quota limit exceeded."),
            (
                #"{"developerMessage":"The client_id specified does not have access","errorCode":"AUTH-001"}"#,
                "AUTH-001: The client_id specified does not have access"
            ),
            (
                #"{"data":[],"meta":{"warnings":[{"HttpStatusCode":"403","Detail":"You don't have permission to access this API"}]}}"#,
                "You don't have permission to access this API"
            ),
            ("upstream connect error", "upstream connect error"),
        ])
    func providerMessages(body: String, expected: String) {
        #expect(HTTPError.providerMessage(from: Array(body.utf8)) == expected)
    }

    @Test("HTML bodies and empty bodies give no message")
    func noMessage() {
        #expect(HTTPError.providerMessage(from: []) == nil)
        #expect(HTTPError.providerMessage(from: Array("<html><body>502 Bad Gateway</body></html>".utf8)) == nil)
    }
}
