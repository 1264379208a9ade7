import ConnectorHTTPTestSupport
import Crypto
import Foundation
import NIOConcurrencyHelpers
import _CryptoExtras

extension FakeGoogleDrive {
    /// Drive scopes that allow `files.list`, `files.get` and `changes.*`.
    static let acceptedScopes: Set<String> = [
        "https://www.googleapis.com/auth/drive", "https://www.googleapis.com/auth/drive.readonly",
        "https://www.googleapis.com/auth/drive.metadata", "https://www.googleapis.com/auth/drive.metadata.readonly",
        "https://www.googleapis.com/auth/drive.file",
    ]

    /// `POST /token`: the JWT bearer grant (RFC 7523), verified as Google does.
    func tokenReply(_ request: RecordedRequest) -> ServerReply {
        guard request.method == "POST" else { return .text(405, "method not allowed") }
        let form = Dictionary(
            RecordedRequest(method: "POST", uri: "/?" + request.bodyText).queryItems, uniquingKeysWith: { first, _ in first })
        guard form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer" else {
            return FakeDriveErrors.oauth(400, "unsupported_grant_type", "Invalid grant_type: \(form["grant_type"] ?? "")")
        }
        guard let assertion = form["assertion"] else {
            return FakeDriveErrors.oauth(400, "invalid_request", "Missing required parameter: assertion")
        }
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerData = Self.base64URLDecoded(parts[0]), let claimsData = Self.base64URLDecoded(parts[1]),
            let signature = Self.base64URLDecoded(parts[2]),
            let header = (try? JSONSerialization.jsonObject(with: headerData)) as? [String: Any],
            let claims = (try? JSONSerialization.jsonObject(with: claimsData)) as? [String: Any]
        else {
            return FakeDriveErrors.oauth(
                400, "invalid_grant", "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe")
        }
        let recorded = FakeAssertion(header: header.mapValues { "\($0)" }, claims: claims.mapValues { "\($0)" })
        let now = clock()
        return state.withLockedValue { state -> ServerReply in
            state.assertions.append(recorded)
            guard header["alg"] as? String == "RS256", let kid = header["kid"] as? String,
                let account = state.accounts[kid], !state.revokedKeys.contains(kid)
            else { return FakeDriveErrors.oauth(400, "invalid_grant", "Invalid JWT Signature.") }
            let signed = Data((parts[0] + "." + parts[1]).utf8)
            let rsa = _RSA.Signing.RSASignature(rawRepresentation: signature)
            guard account.publicKey.isValidSignature(rsa, for: SHA256.hash(data: signed), padding: .insecurePKCS1v1_5)
            else { return FakeDriveErrors.oauth(400, "invalid_grant", "Invalid JWT Signature.") }
            guard claims["iss"] as? String == account.email else {
                return FakeDriveErrors.oauth(400, "invalid_grant", "Invalid JWT: iss does not match the key")
            }
            let audience = claims["aud"] as? String
            guard audience == "https://oauth2.googleapis.com/token" || audience == host.baseURL + "/token" else {
                return FakeDriveErrors.oauth(400, "invalid_grant", "Invalid JWT: audience")
            }
            guard let iat = Self.number(claims["iat"]), let exp = Self.number(claims["exp"]),
                exp - iat <= 3600, exp > iat, iat <= now.timeIntervalSince1970 + 60, exp > now.timeIntervalSince1970
            else {
                return FakeDriveErrors.oauth(
                    400, "invalid_grant",
                    "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."
                )
            }
            let scopes = Set((claims["scope"] as? String ?? "").split(separator: " ").map(String.init))
            guard !scopes.isEmpty, scopes.isSubset(of: Self.acceptedScopes.union(["https://www.googleapis.com/auth/drive.appdata"])),
                !scopes.isDisjoint(with: Self.acceptedScopes)
            else { return FakeDriveErrors.oauth(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.") }
            if let subject = claims["sub"] as? String, !state.delegatedSubjects.contains(subject) {
                return FakeDriveErrors.oauth(
                    401, "unauthorized_client",
                    "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested."
                )
            }
            state.tokenCounter += 1
            let token = "ya29.fake-\(state.tokenCounter)-\(kid.prefix(6))"
            state.accessTokens[token] = now.addingTimeInterval(Double(state.tokenLifetime))
            return .json(#"{"access_token":"\#(token)","expires_in":\#(state.tokenLifetime),"token_type":"Bearer"}"#)
        }
    }

    /// Whether the request carries an access token the fake issued that is still valid.
    func isAuthorized(_ request: RecordedRequest) -> Bool {
        guard let header = request.header("Authorization"), header.hasPrefix("Bearer ") else { return false }
        let token = String(header.dropFirst(7))
        let now = clock()
        return state.withLockedValue { state in state.accessTokens[token].map { now < $0 } ?? false }
    }

    static func number(_ value: Any?) -> Double? {
        switch value {
        case let value as Int: Double(value)
        case let value as Int64: Double(value)
        case let value as Double: value
        case let value as NSNumber: value.doubleValue
        default: nil
        }
    }

    static func base64URLDecoded(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
