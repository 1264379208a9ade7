import ConnectorHTTPTestSupport
import ConnectorJSON
import Crypto
import Foundation
import NIOConcurrencyHelpers
import _CryptoExtras

/// `POST /{tenant}/oauth2/v2.0/token` (client credentials) and the access-token check of every Graph request.
extension FakeMicrosoftGraph {
    static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    /// Clock skew allowed on an assertion's `nbf`/`exp`.
    static let allowedSkew = 300.0

    func tokenReply(_ request: RecordedRequest, tenant tenantText: String) -> ServerReply {
        let now = clock()
        let form = Dictionary(
            RecordedRequest(method: "POST", uri: "/?" + request.bodyText).queryItems, uniquingKeysWith: { first, _ in first })
        let trace = state.withLockedValue { ($0.ids.guid(), $0.ids.guid()) }
        let stamp = Self.timestamp(now).replacingOccurrences(of: "T", with: " ")
        func fail(_ status: Int, _ error: String, _ code: Int, _ description: String) -> ServerReply {
            FakeGraphErrors.entra(status, error, code: code, description, traceID: trace.0, correlationID: trace.1, timestamp: stamp)
        }
        let tenant = state.withLockedValue { state in
            state.tenants[tenantText.lowercased()]
                ?? state.tenants.values.first { $0.domains.contains { $0.lowercased() == tenantText.lowercased() } }
        }
        guard let tenant else {
            return fail(
                400, "invalid_request", 90002,
                "Tenant '\(tenantText)' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant."
            )
        }
        guard form["grant_type"] == "client_credentials" else {
            return fail(
                400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '\(form["grant_type"] ?? "")'.")
        }
        guard let clientID = form["client_id"], !clientID.isEmpty else {
            return fail(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.")
        }
        let scope = form["scope"] ?? ""
        guard scope.hasSuffix("/.default") else {
            return fail(
                400, "invalid_scope", 1_002_012,
                "The provided value for scope \(scope) is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."
            )
        }
        let app = state.withLockedValue { $0.apps[clientID] }
        guard let app, app.app.tenantID == tenant.id else {
            return fail(
                400, "unauthorized_client", 700_016,
                "Application with identifier '\(clientID)' was not found in the directory '\(tenantText)'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."
            )
        }
        if let secret = form["client_secret"] {
            guard let expected = app.app.secret, secret == expected else {
                return fail(
                    401, "invalid_client", 7_000_215,
                    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '\(clientID)'."
                )
            }
        } else if form["client_assertion_type"] == Self.assertionType, let assertion = form["client_assertion"] {
            let audience = (baseURL.isEmpty ? "" : baseURL) + "/\(tenantText)/oauth2/v2.0/token"
            if let refusal = verifyAssertion(assertion, clientID: clientID, audience: audience, now: now.timeIntervalSince1970, fail: fail)
            {
                return refusal
            }
        } else {
            return fail(
                400, "invalid_client", 7_000_218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
        }
        return issueToken(app.app, tenant: tenant, now: now.timeIntervalSince1970)
    }

    private func verifyAssertion(
        _ assertion: String, clientID: String, audience: String, now: Double, fail: (Int, String, Int, String) -> ServerReply
    ) -> ServerReply? {
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerData = Self.base64URLDecoded(parts[0]), let claimsData = Self.base64URLDecoded(parts[1]),
            let signature = Self.base64URLDecoded(parts[2]),
            case .object(let header)? = try? JSONParser.parseValue(String(decoding: headerData, as: UTF8.self)),
            case .object(let claims)? = try? JSONParser.parseValue(String(decoding: claimsData, as: UTF8.self))
        else {
            return fail(400, "invalid_request", 50027, "JWT token is invalid or malformed.")
        }
        let recorded = FakeGraphAssertion(
            alg: header["alg"]?.stringValue, typ: header["typ"]?.stringValue, x5t: header["x5t"]?.stringValue,
            x5tS256: header["x5t#S256"]?.stringValue, aud: claims["aud"]?.stringValue, iss: claims["iss"]?.stringValue,
            sub: claims["sub"]?.stringValue, jti: claims["jti"]?.stringValue, nbf: claims["nbf"]?.doubleValue.map { Int($0) },
            exp: claims["exp"]?.doubleValue.map { Int($0) }, iat: claims["iat"]?.doubleValue.map { Int($0) },
            header: Dictionary(header.map { ($0.key, $0.value.stringValue ?? $0.value.description) }, uniquingKeysWith: { a, _ in a }),
            claims: Dictionary(claims.map { ($0.key, $0.value.stringValue ?? $0.value.description) }, uniquingKeysWith: { a, _ in a }))
        let record: FakeGraphCertificateRecord? = state.withLockedValue { state in
            state.assertions.append(recorded)
            let registered = state.apps[clientID]?.certificates ?? []
            switch recorded.alg {
            case "PS256":
                guard let thumbprint = recorded.x5tS256, registered.contains(thumbprint) else { return nil }
                return state.certificates[thumbprint]
            case "RS256":
                guard let thumbprint = recorded.x5t else { return nil }
                return state.certificates.values.first { $0.sha1 == thumbprint && registered.contains($0.sha256) }
            default:
                return nil
            }
        }
        let keyNotFound = fail(
            401, "invalid_client", 700_027,
            "The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '\(recorded.x5tS256 ?? recorded.x5t ?? "")']"
        )
        guard let record, !record.revoked, let key = try? _RSA.Signing.PublicKey(pemRepresentation: record.publicKeyPEM) else {
            return keyNotFound
        }
        let signed = Data((parts[0] + "." + parts[1]).utf8)
        let rsa = _RSA.Signing.RSASignature(rawRepresentation: signature)
        let valid =
            recorded.alg == "PS256"
            ? key.isValidSignature(rsa, for: SHA256.hash(data: signed), padding: .PSS)
            : key.isValidSignature(rsa, for: SHA256.hash(data: signed), padding: .insecurePKCS1v1_5)
        guard valid else {
            return fail(401, "invalid_client", 700_027, "Client assertion failed signature validation.")
        }
        guard recorded.aud == audience else {
            return fail(
                400, "invalid_client", 700_023,
                "Client assertion audience claim does not match Realm issuer. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials ."
            )
        }
        guard recorded.iss == clientID, recorded.sub == clientID else {
            return fail(
                400, "invalid_client", 700_021,
                "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials ."
            )
        }
        guard let jti = recorded.jti, !jti.isEmpty else {
            return fail(400, "invalid_client", 700_022, "Client assertion contains an invalid claim: 'jti' is missing.")
        }
        guard let nbf = claims["nbf"]?.doubleValue, let exp = claims["exp"]?.doubleValue, nbf <= now + Self.allowedSkew,
            now < exp + Self.allowedSkew
        else {
            return fail(
                400, "invalid_client", 700_024,
                "Client assertion is not within its valid time range. Current time: \(Self.timestamp(Date(timeIntervalSince1970: now))), assertion valid from \(Self.timestamp(Date(timeIntervalSince1970: claims["nbf"]?.doubleValue ?? 0))), expiry time of assertion \(Self.timestamp(Date(timeIntervalSince1970: claims["exp"]?.doubleValue ?? 0)))."
            )
        }
        return nil
    }

    /// Issues a JWT-shaped access token (random signature) and remembers whom it belongs to.
    private func issueToken(_ app: FakeGraphApp, tenant: FakeGraphTenant, now: Double) -> ServerReply {
        state.withLockedValue { state -> ServerReply in
            let roles = app.permissions.map(\.rawValue).sorted()
            let issued = Int(now)
            let lifetime = state.tokenLifetime
            var claims = FakeJSONWriter(capacity: 1024)
            claims.beginObject()
            claims.member("aud", "https://graph.microsoft.com")
            claims.member("iss", "https://sts.windows.net/\(tenant.id)/")
            claims.member("iat", number: Int64(issued))
            claims.member("nbf", number: Int64(issued))
            claims.member("exp", number: Int64(issued + lifetime))
            claims.member("aio", state.ids.base64URL(56))
            claims.member("app_displayname", app.displayName)
            claims.member("appid", app.clientID)
            claims.member("appidacr", "1")
            claims.member("idp", "https://sts.windows.net/\(tenant.id)/")
            claims.member("idtyp", "app")
            claims.member("oid", state.ids.guid())
            claims.member("rh", "0.\(state.ids.base64URL(60)).")
            if !roles.isEmpty {
                claims.key("roles")
                claims.beginArray()
                for role in roles { claims.string(role) }
                claims.endArray()
            }
            claims.member("sub", state.ids.guid())
            claims.member("tenant_region_scope", "EU")
            claims.member("tid", tenant.id)
            claims.member("uti", state.ids.base64URL(22))
            claims.member("ver", "1.0")
            claims.member("xms_tcdt", number: 1_600_000_000)
            claims.endObject()
            let header =
                #"{"typ":"JWT","nonce":"\#(state.ids.base64URL(43))","alg":"RS256","x5t":"\#(state.ids.base64URL(27))","kid":"\#(state.ids.base64URL(27))"}"#
            let token =
                Self.base64URL(Array(header.utf8)) + "." + Self.base64URL(claims.bytes) + "." + Self.base64URL(state.ids.bytes(256))
            state.accessTokens[token] = FakeGraphIssuedToken(
                clientID: app.clientID, tenantID: tenant.id, expiry: now + Double(lifetime), roles: roles)
            state.issuedTokenCount += 1
            return .json(
                #"{"token_type":"Bearer","expires_in":\#(lifetime),"ext_expires_in":\#(lifetime),"access_token":"\#(token)"}"#,
                headers: [("Cache-Control", "no-store, no-cache"), ("Pragma", "no-cache")])
        }
    }

    /// The caller of a Graph request, or the 401 Graph answers.
    func authenticate(_ request: RecordedRequest, context: FakeGraphErrors.Context) -> Result<FakeGraphCaller, FakeGraphRefusal> {
        guard let header = request.header("Authorization"), header.lowercased().hasPrefix("bearer ") else {
            return .failure(FakeGraphRefusal(reply: FakeGraphErrors.invalidToken("Access token is empty.", context: context)))
        }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        let now = clock().timeIntervalSince1970
        let issued = state.withLockedValue { $0.accessTokens[token] }
        guard let issued else {
            let message =
                token.split(separator: ".").count == 3 ? "Invalid signature." : "IDX14100: JWT is not well formed, there are no dots (.)."
            return .failure(FakeGraphRefusal(reply: FakeGraphErrors.invalidToken(message, context: context)))
        }
        guard now < issued.expiry else {
            return .failure(
                FakeGraphRefusal(reply: FakeGraphErrors.invalidToken("Lifetime validation failed, the token is expired.", context: context))
            )
        }
        guard !issued.roles.isEmpty else {
            return .failure(
                FakeGraphRefusal(
                    reply: FakeGraphErrors.invalidToken("Either scp or roles claim need to be present in the token.", context: context)))
        }
        return .success(
            FakeGraphCaller(
                clientID: issued.clientID, tenantID: issued.tenantID,
                permissions: Set(issued.roles.compactMap(FakeGraphPermission.init(rawValue:)))))
    }
}
