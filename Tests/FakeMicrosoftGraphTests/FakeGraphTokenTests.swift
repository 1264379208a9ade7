import FakeMicrosoftGraph
import Foundation
import Testing
import _CryptoExtras

/// The token endpoint as Entra answers client credentials (fact sheet §2).
@Suite struct FakeGraphTokenTests {
    @Test func secretIsAcceptedAndTheTokenCarriesRoles() async throws {
        try await GraphTestHarness.run { harness in
            let app = harness.graph.registerApp(in: harness.tenant, permissions: [.sitesSelected])
            let secret = try #require(app.secret)
            #expect(secret.count == 40)
            #expect(secret.dropFirst(3).hasPrefix("8Q~"))
            let answer = try await harness.tokenRequest(GraphTestHarness.secretForm(app))
            #expect(answer.status == 200)
            #expect(answer.json["token_type"] as? String == "Bearer")
            #expect(answer.json["expires_in"] as? Int == 3599)
            #expect(answer.json["ext_expires_in"] as? Int == 3599)
            let token = try #require(answer.json["access_token"] as? String)
            let parts = token.split(separator: ".")
            #expect(parts.count == 3)
            var payload = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while payload.count % 4 != 0 { payload += "=" }
            let payloadData = try #require(Data(base64Encoded: payload))
            let claims = try #require(try JSONSerialization.jsonObject(with: payloadData) as? [String: Any])
            #expect(claims["aud"] as? String == "https://graph.microsoft.com")
            #expect(claims["tid"] as? String == harness.tenant.id)
            #expect(claims["appid"] as? String == app.clientID)
            #expect(claims["roles"] as? [String] == ["Sites.Selected"])
            #expect(claims["exp"] as? Int == Int(harness.clock.date.timeIntervalSince1970) + 3599)
            #expect(harness.graph.issuedTokenCount == 1)
            #expect(harness.graph.requestCount("token") == 1)

            // By a verified domain instead of the GUID.
            let byDomain = try await harness.tokenRequest(GraphTestHarness.secretForm(app), tenant: "contoso.com")
            #expect(byDomain.status == 200)
        }
    }

    @Test func refusalsCarryEntraCodes() async throws {
        try await GraphTestHarness.run { harness in
            let app = harness.graph.registerApp(in: harness.tenant, permissions: [.sitesSelected])
            let wrong = try await harness.tokenRequest(GraphTestHarness.secretForm(app, secret: "Xyz8Q~notTheSecretValueAtAll0123456789ab"))
            #expect(wrong.status == 401)
            #expect(wrong.json["error"] as? String == "invalid_client")
            #expect(GraphTestHarness.errorCodes(wrong) == [7_000_215])
            let description = try #require(wrong.json["error_description"] as? String)
            #expect(description.hasPrefix("AADSTS7000215: "))
            #expect(description.contains("\r\nTrace ID: "))
            for key in ["timestamp", "trace_id", "correlation_id", "error_uri"] { #expect(wrong.json[key] is String, "\(key)") }

            let unknownTenant = try await harness.tokenRequest(GraphTestHarness.secretForm(app), tenant: "fabrikam.onmicrosoft.com")
            #expect(unknownTenant.status == 400)
            #expect(unknownTenant.json["error"] as? String == "invalid_request")
            #expect(GraphTestHarness.errorCodes(unknownTenant) == [90002])

            let scope = try await harness.tokenRequest(
                GraphTestHarness.secretForm(app, scope: "https://graph.microsoft.com/Sites.Selected"))
            #expect(scope.status == 400)
            #expect(scope.json["error"] as? String == "invalid_scope")
            #expect(GraphTestHarness.errorCodes(scope) == [1_002_012])

            let other = harness.graph.createTenant(domains: ["fabrikam.onmicrosoft.com"])
            let foreign = try await harness.tokenRequest(GraphTestHarness.secretForm(app), tenant: other.id)
            #expect(foreign.status == 400)
            #expect(foreign.json["error"] as? String == "unauthorized_client")
            #expect(GraphTestHarness.errorCodes(foreign) == [700_016])

            let none = try await harness.tokenRequest([
                ("grant_type", "client_credentials"), ("client_id", app.clientID), ("scope", "https://graph.microsoft.com/.default"),
            ])
            #expect(none.status == 400)
            #expect(GraphTestHarness.errorCodes(none) == [7_000_218])
            #expect(harness.graph.issuedTokenCount == 0)
        }
    }

    @Test func certificateAssertionsAreVerified() async throws {
        try await GraphTestHarness.run { harness in
            let app = harness.graph.registerApp(in: harness.tenant, permissions: [.filesReadAll], secret: false)
            #expect(app.secret == nil)
            let certificate = try harness.graph.addCertificate(to: app)
            #expect(certificate.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----"))
            #expect(certificate.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
            #expect(GraphTestHarness.base64URL(Insecure.SHA1.hash(data: certificate.certificateDER)) == certificate.sha1Thumbprint)
            #expect(GraphTestHarness.base64URL(SHA256.hash(data: certificate.certificateDER)) == certificate.sha256Thumbprint)
            let key = try _RSA.Signing.PrivateKey(pemRepresentation: certificate.privateKeyPEM)
            let stranger = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            let audience = harness.base + "/\(harness.tenant.id)/oauth2/v2.0/token"
            let now = Int(harness.clock.date.timeIntervalSince1970)
            func attempt(
                alg: String = "PS256", key signer: _RSA.Signing.PrivateKey? = nil, audience aud: String? = nil, nbf: Int? = nil,
                exp: Int? = nil, jti: String? = "5c6f2a1e-1111-4222-8333-944455556666"
            ) async throws -> GraphAnswer {
                let assertion = try GraphTestHarness.assertion(
                    alg: alg, thumbprint: alg == "PS256" ? certificate.sha256Thumbprint : certificate.sha1Thumbprint, key: signer ?? key,
                    clientID: app.clientID, audience: aud ?? audience, nbf: nbf ?? now, exp: exp ?? now + 600, jti: jti)
                return try await harness.tokenRequest(GraphTestHarness.assertionForm(app, assertion))
            }
            #expect(try await attempt(alg: "PS256").status == 200)
            #expect(try await attempt(alg: "RS256").status == 200)
            let recorded = try #require(harness.graph.assertions.first)
            #expect(recorded.alg == "PS256")
            #expect(recorded.x5tS256 == certificate.sha256Thumbprint)
            #expect(recorded.aud == audience)
            #expect(recorded.iss == app.clientID && recorded.sub == app.clientID)
            #expect(harness.graph.assertions.last?.x5t == certificate.sha1Thumbprint)

            for alg in ["PS256", "RS256"] {
                let forged = try await attempt(alg: alg, key: stranger)
                #expect(forged.status == 401, "\(alg) signed with another key")
                #expect(GraphTestHarness.errorCodes(forged) == [700_027])
            }
            let misdirected = try await attempt(audience: "https://login.microsoftonline.com/\(harness.tenant.id)/oauth2/v2.0/token")
            #expect(misdirected.status == 400)
            #expect(misdirected.json["error"] as? String == "invalid_client")
            let expired = try await attempt(nbf: now - 3_600, exp: now - 900)
            #expect(expired.status == 400)
            #expect(GraphTestHarness.errorCodes(expired) == [700_024])
            let early = try await attempt(nbf: now + 900, exp: now + 1_500)
            #expect(GraphTestHarness.errorCodes(early) == [700_024])
            let skewed = try await attempt(nbf: now + 120, exp: now + 700)
            #expect(skewed.status == 200, "five minutes of skew are allowed")
            let noJTI = try await attempt(jti: nil)
            #expect(noJTI.status == 400)

            harness.graph.revokeCertificate(certificate)
            let revoked = try await attempt()
            #expect(GraphTestHarness.errorCodes(revoked) == [700_027])
        }
    }

    @Test func graphRefusesExpiredAndRolelessTokens() async throws {
        try await GraphTestHarness.run { harness in
            let (_, roleless) = try await harness.app([])
            let refused = try await harness.get("/v1.0/drives/\(harness.drive)", roleless)
            #expect(refused.status == 401)
            #expect(refused.errorCode == "InvalidAuthenticationToken")
            #expect(
                (refused.json["error"] as? [String: Any])?["message"] as? String
                    == "Either scp or roles claim need to be present in the token.")

            let (_, token) = try await harness.app([.filesReadAll])
            #expect(try await harness.get("/v1.0/drives/\(harness.drive)", token).status == 200)
            harness.graph.expireAccessTokens()
            let expired = try await harness.get("/v1.0/drives/\(harness.drive)", token)
            #expect(expired.status == 401)
            #expect(expired.errorCode == "InvalidAuthenticationToken")
            #expect(expired.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)

            let (_, fresh) = try await harness.app([.filesReadAll])
            harness.clock.advance(3_600)
            #expect(try await harness.get("/v1.0/drives/\(harness.drive)", fresh).status == 401, "past expires_in")
            #expect(try await harness.get("/v1.0/drives/\(harness.drive)", "not-a-token").status == 401)
        }
    }
}
