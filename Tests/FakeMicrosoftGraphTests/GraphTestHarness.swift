import AsyncHTTPClient
import ConnectorHTTPTestSupport
import Crypto
import FakeMicrosoftGraph
import Foundation
import NIOCore
import Synchronization
import Testing
import _CryptoExtras

/// A wall clock a test can move forward.
final class SteppedClock: Sendable {
    private let now = Mutex(Date(timeIntervalSince1970: 1_780_000_000))

    /// The current time.
    var date: Date { now.withLock { $0 } }

    /// Moves the clock forward.
    func advance(_ seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// The closure the fake reads.
    var closure: @Sendable () -> Date { { [self] in date } }
}

/// One HTTP answer, read whole.
struct GraphAnswer {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    /// The first value of header `name`, case-insensitively.
    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }

    /// `value` of a collection.
    var values: [[String: Any]] { json["value"] as? [[String: Any]] ?? [] }

    /// `error.code`.
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
}

/// A started fake with one tenant, one site, one library and an HTTP client, torn down after the test.
struct GraphTestHarness {
    let graph: FakeMicrosoftGraph
    let clock: SteppedClock
    let client: HTTPClient
    let base: String
    let tenant: FakeGraphTenant
    let site: FakeGraphSite
    let drive: String

    /// Runs `body` with a fresh harness.
    static func run(_ body: (GraphTestHarness) async throws -> Void) async throws {
        let clock = SteppedClock()
        let graph = FakeMicrosoftGraph(clock: clock.closure)
        let base = try await graph.start()
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let tenant = graph.createTenant(domains: ["contoso.onmicrosoft.com", "contoso.com"])
        let site = graph.createSite(in: tenant)
        let drive = graph.createDrive(in: site, name: "Dokumente", urlSegment: "Shared Documents")
        let harness = GraphTestHarness(graph: graph, clock: clock, client: client, base: base, tenant: tenant, site: site, drive: drive)
        do {
            try await body(harness)
        } catch {
            try? await client.shutdown()
            await graph.stop()
            throw error
        }
        try await client.shutdown()
        await graph.stop()
    }

    /// Sends a request and reads the whole answer.
    func send(_ method: String, _ url: String, headers: [(String, String)] = [], body: String? = nil) async throws -> GraphAnswer {
        var request = HTTPClientRequest(url: url.hasPrefix("http") ? url : base + url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return GraphAnswer(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: Array(buffer: bytes))
    }

    /// `POST /{tenant}/oauth2/v2.0/token` with a form.
    func tokenRequest(_ form: [(String, String)], tenant: String? = nil) async throws -> GraphAnswer {
        let body = form.map { "\($0.0)=\(Self.formEncoded($0.1))" }.joined(separator: "&")
        return try await send(
            "POST", "/\(tenant ?? self.tenant.id)/oauth2/v2.0/token", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: body)
    }

    /// The client-credentials form with a secret.
    static func secretForm(
        _ app: FakeGraphApp, secret: String? = nil, scope: String = "https://graph.microsoft.com/.default"
    ) -> [(String, String)] {
        [
            ("grant_type", "client_credentials"), ("client_id", app.clientID), ("client_secret", secret ?? app.secret ?? ""),
            ("scope", scope),
        ]
    }

    /// An access token for `app` (by its secret).
    func token(_ app: FakeGraphApp) async throws -> String {
        let answer = try await tokenRequest(Self.secretForm(app))
        #expect(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))")
        return try #require(answer.json["access_token"] as? String)
    }

    /// A new app with `permissions` and its token.
    func app(_ permissions: Set<FakeGraphPermission>) async throws -> (FakeGraphApp, String) {
        let app = graph.registerApp(in: tenant, permissions: permissions)
        return (app, try await token(app))
    }

    /// GET with a bearer token.
    func get(_ url: String, _ token: String, headers: [(String, String)] = []) async throws -> GraphAnswer {
        try await send("GET", url, headers: [("Authorization", "Bearer \(token)")] + headers)
    }

    /// Follows a delta listing from `url` to its deltaLink; returns every row, the links seen and the deltaLink.
    func deltaRun(_ url: String, _ token: String) async throws -> (rows: [[String: Any]], links: [String], deltaLink: String) {
        var rows: [[String: Any]] = []
        var links: [String] = []
        var next = url
        for _ in 0..<10_000 {
            let answer = try await get(next, token)
            try #require(answer.status == 200, "\(answer.status) \(String(decoding: answer.body.prefix(500), as: UTF8.self))")
            let json = answer.json
            #expect(json["@odata.context"] != nil)
            rows += answer.values
            let nextLink = json["@odata.nextLink"] as? String
            let deltaLink = json["@odata.deltaLink"] as? String
            #expect((nextLink == nil) != (deltaLink == nil), "exactly one of nextLink and deltaLink")
            if let nextLink {
                links.append(nextLink)
                next = nextLink
            } else {
                let deltaLink = try #require(deltaLink)
                links.append(deltaLink)
                return (rows, links, deltaLink)
            }
        }
        Issue.record("delta did not end")
        return (rows, links, "")
    }

    static func formEncoded(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A client assertion signed with `key`: PS256 with `x5t#S256`, or RS256 with `x5t`.
    static func assertion(
        alg: String, thumbprint: String, key: _RSA.Signing.PrivateKey, clientID: String, audience: String, nbf: Int, exp: Int,
        jti: String? = UUID().uuidString.lowercased()
    ) throws -> String {
        let thumbprintKey = alg == "PS256" ? "x5t#S256" : "x5t"
        let header = #"{"alg":"\#(alg)","typ":"JWT","\#(thumbprintKey)":"\#(thumbprint)"}"#
        var claims = #"{"aud":"\#(audience)","iss":"\#(clientID)","sub":"\#(clientID)","nbf":\#(nbf),"exp":\#(exp)"#
        if let jti { claims += #","jti":"\#(jti)""# }
        claims += "}"
        let signingInput = base64URL(Array(header.utf8)) + "." + base64URL(Array(claims.utf8))
        let digest = SHA256.hash(data: Data(signingInput.utf8))
        let signature = try key.signature(for: digest, padding: alg == "PS256" ? .PSS : .insecurePKCS1v1_5)
        return signingInput + "." + base64URL(signature.rawRepresentation)
    }

    /// The client-credentials form with an assertion.
    static func assertionForm(_ app: FakeGraphApp, _ assertion: String) -> [(String, String)] {
        [
            ("grant_type", "client_credentials"), ("client_id", app.clientID), ("scope", "https://graph.microsoft.com/.default"),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"), ("client_assertion", assertion),
        ]
    }

    /// The `error_codes` of an Entra error.
    static func errorCodes(_ answer: GraphAnswer) -> [Int] { answer.json["error_codes"] as? [Int] ?? [] }
}
