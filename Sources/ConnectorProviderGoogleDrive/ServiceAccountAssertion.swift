import ConnectorHTTP
import ConnectorJSON
import Crypto
import Foundation
import _CryptoExtras

/// The signed JWT a service account exchanges for an access token (RFC 7523 JWT bearer grant).
///
/// Header `{"alg":"RS256","typ":"JWT","kid":<private_key_id>}`; claims `iss` (the client email), `scope`, `aud`
/// (the key's `token_uri`), `iat` ten seconds in the past (a clock slightly ahead of Google's would otherwise issue
/// a token "from the future", which Google refuses; golang/oauth2 does the same), `exp` one hour after `iat`, and
/// `sub` when a user is impersonated through domain-wide delegation. Signed with RSASSA-PKCS1-v1_5 over SHA-256.
struct ServiceAccountAssertion {
    /// The read-only metadata scope: enough for `files.list`, `files.get` and `changes.*`.
    static let scope = "https://www.googleapis.com/auth/drive.metadata.readonly"
    /// The longest lifetime Google accepts.
    static let lifetime: TimeInterval = 3600
    /// How far before `now` the assertion says it was issued.
    static let clockSkewAllowance: TimeInterval = 10

    let key: ServiceAccountKey
    let subject: String?

    /// The compact serialization `header.claims.signature`, issued at `now`.
    /// - Throws: The signing error of swift-crypto (not expected for a key that was read).
    func signed(at now: Date) throws -> String {
        let issuedAt = Int((now.timeIntervalSince1970 - Self.clockSkewAllowance).rounded(.down))
        var header: JSONObject = ["alg": "RS256", "typ": "JWT"]
        if let kid = key.privateKeyID { header["kid"] = .string(kid) }
        var claims: JSONObject = [
            "iss": .string(key.clientEmail), "scope": .string(Self.scope), "aud": .string(key.tokenURI),
            "iat": .integer(issuedAt), "exp": .integer(issuedAt + Int(Self.lifetime)),
        ]
        if let subject { claims["sub"] = .string(subject) }
        return try CompactJWS.serialize(header: header, claims: claims) { input in
            try key.privateKey.signature(for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5).rawRepresentation
        }
    }
}
