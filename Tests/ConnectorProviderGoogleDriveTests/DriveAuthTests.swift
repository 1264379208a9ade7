import ConnectorHTTP
import ConnectorModel
import ConnectorProvider
import FakeGoogleDrive
import Foundation
import Testing

@testable import ConnectorProviderGoogleDrive

/// The service-account grant: the assertion's claims, token caching and refresh, and refusals in plain words that
/// never carry the key.
@Suite struct DriveAuthTests {
    @Test func theAssertionCarriesTheClaimsGoogleChecks() async throws {
        try await DriveTestHarness.run { harness in
            harness.drive.allowDelegation(subject: "ops@example.com")
            let provider = try harness.provider(harness.spec(subject: "ops@example.com"))
            _ = try await DriveTestHarness.pages(provider, .full(resumeToken: nil, pageSize: 1000))
            let assertion = try #require(harness.drive.assertions.first)
            #expect(assertion.header == ["alg": "RS256", "typ": "JWT", "kid": harness.account.keyID])
            #expect(assertion.claims["iss"] == harness.account.email)
            #expect(assertion.claims["aud"] == harness.drive.baseURL + "/token")
            #expect(assertion.claims["scope"] == "https://www.googleapis.com/auth/drive.metadata.readonly")
            #expect(assertion.claims["sub"] == "ops@example.com")
            let iat = try #require(assertion.claims["iat"].flatMap { Int($0) })
            let exp = try #require(assertion.claims["exp"].flatMap { Int($0) })
            #expect(exp - iat == 3600)
            #expect(abs(Double(iat) - Date().timeIntervalSince1970) < 60)
            #expect(harness.drive.issuedTokenCount == 1, "one token serves the whole listing")
            let token = try #require(harness.drive.requests.first { $0.path == "/token" })
            #expect(token.header("Content-Type") == "application/x-www-form-urlencoded")
            #expect(token.bodyText.hasPrefix("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion="))
        }
    }

    @Test func theAssertionIsIssuedTenSecondsInThePast() throws {
        let account = try FakeGoogleDrive().issueServiceAccount()
        let key = try ServiceAccountKey(CredentialDocument(data: Data(account.json.utf8), origin: "test"))
        let now = Date(timeIntervalSince1970: 1_800_000_000.7)
        let jwt = try ServiceAccountAssertion(key: key, subject: nil).signed(at: now)
        let parts = jwt.split(separator: ".")
        var payload = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        let data = try #require(Data(base64Encoded: payload))
        let claims = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(claims["iat"] as? Int == 1_800_000_000 - 10)
        #expect(claims["exp"] as? Int == 1_800_000_000 - 10 + 3600)
    }

    @Test func withoutASubjectTheAccountActsAsItself() async throws {
        try await DriveTestHarness.run { harness in
            _ = try await DriveTestHarness.pages(try harness.provider(harness.spec()), .full(resumeToken: nil, pageSize: 1000))
            #expect(harness.drive.assertions.first?.claims["sub"] == nil)
        }
    }

    @Test func anExpiredTokenIsRefreshedOnceMidSync() async throws {
        try await DriveTestHarness.run { harness in
            harness.drive.generateTree(under: harness.root, files: 5000, filesPerFolder: 100, subfoldersPerFolder: 10)
            let provider = try harness.provider(harness.spec())
            var files = 0
            var pages = 0
            for try await page in provider.list(.full(resumeToken: nil, pageSize: 1000)) {
                files += page.files.count
                pages += 1
                if pages == 2 { harness.drive.expireAccessTokens() }
            }
            #expect(files == 5000)
            #expect(harness.drive.issuedTokenCount == 2)
            #expect(harness.drive.requests.contains { $0.path == "/drive/v3/files" })
        }
    }

    @Test func aRevokedKeyFailsWithAClearMessage() async throws {
        try await DriveTestHarness.run { harness in
            harness.drive.revokeKey(harness.account.keyID)
            let provider = try harness.provider(harness.spec())
            let error = await #expect(throws: ProviderError.self) {
                _ = try await DriveTestHarness.pages(provider, .full(resumeToken: nil, pageSize: 1000))
            }
            #expect(error?.code == .unauthorized)
            let message = error?.message ?? ""
            #expect(message.contains("invalid_grant"))
            #expect(message.contains(harness.account.email))
            #expect(message.contains("clock"))
            #expect(message.contains("disabled or deleted"))
        }
    }

    @Test func aSubjectWithoutDelegationIsExplained() async throws {
        try await DriveTestHarness.run { harness in
            let provider = try harness.provider(harness.spec(subject: "someone@example.com"))
            let error = await #expect(throws: ProviderError.self) { _ = try await provider.changeFeedStartToken() }
            #expect(error?.message.contains("Domain-wide delegation") == true)
            #expect(error?.message.contains("someone@example.com") == true)
        }
    }

    @Test func aClockFarOffIsRefused() async throws {
        try await DriveTestHarness.run { harness in
            let skewed = GoogleDriveProvider.factory(client: harness.client, wallClock: { Date().addingTimeInterval(-7200) })
            let context = ProviderContext(
                endpoint: "drive", configuration: try EndpointConfiguration(harness.spec(), endpoint: "drive"), manifestDirectory: nil,
                environment: harness.environment())
            let provider = try skewed(context)
            let error = await #expect(throws: ProviderError.self) { _ = try await provider.changeFeedStartToken() }
            #expect(error?.message.contains("clock") == true)
        }
    }

    /// Key problems, each with a canary in the secret parts: the message explains, and never repeats the key.
    @Test func keyErrorsNeverEchoTheKey() async throws {
        try await DriveTestHarness.run { harness in
            let canary = "CANARY-7f3a9c-SECRET"
            var bad = try #require(try JSONSerialization.jsonObject(with: Data(harness.account.json.utf8)) as? [String: String])
            bad["private_key"] = "-----BEGIN PRIVATE KEY-----\n\(canary)\n-----END PRIVATE KEY-----\n"
            let unreadablePEM = String(decoding: try JSONSerialization.data(withJSONObject: bad), as: UTF8.self)
            var user = bad
            user["type"] = "authorized_user"
            user["client_secret"] = canary
            let wrongType = String(decoding: try JSONSerialization.data(withJSONObject: user), as: UTF8.self)
            let cases: [(String, String)] = [
                (#"{"type": "service_account", "private_key": "\#(canary)"#, "not valid JSON"),
                (unreadablePEM, "cannot be read as a PEM RSA key"),
                (wrongType, "type \"authorized_user\""),
            ]
            for (key, expected) in cases {
                let error = #expect(throws: ProviderError.self) { _ = try harness.provider(harness.spec(), key: key) }
                #expect(error?.code == .credentials)
                #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
                #expect(error?.message.contains(canary) == false)
                #expect(error?.message.contains("environment variable \(DriveTestHarness.keyVariable)") == true)
            }
            // The real key's private part and the access tokens never show in errors either.
            let privateKey = try #require(try JSONSerialization.jsonObject(with: Data(harness.account.json.utf8)) as? [String: String])[
                "private_key"]
            let keyBody = try #require(privateKey?.split(separator: "\n").dropFirst().first.map(String.init))
            harness.drive.revokeKey(harness.account.keyID)
            let provider = try harness.provider(harness.spec())
            let refusal = await #expect(throws: ProviderError.self) { _ = try await provider.changeFeedStartToken() }
            #expect(refusal?.message.contains(keyBody) == false)
            #expect(refusal?.message.contains("eyJ") == false, "no JWT in the message")
        }
    }

    @Test func theTokenIsKeptUntilShortlyBeforeItExpires() async throws {
        try await DriveTestHarness.run { harness in
            let provider = try harness.provider(harness.spec())
            for _ in 0..<5 { _ = try await provider.changeFeedStartToken() }
            #expect(harness.drive.issuedTokenCount == 1)
            let api = try #require(provider as? GoogleDriveProvider).api
            let requests = harness.drive.requests.filter { $0.path != "/token" }
            #expect(requests.allSatisfy { $0.header("Authorization")?.hasPrefix("Bearer ya29.") == true })
            #expect(api.context.tokenCache != nil)
        }
    }
}
