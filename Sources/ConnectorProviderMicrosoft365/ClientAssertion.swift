import ConnectorHTTP
import ConnectorJSON
import Crypto
import Foundation
import _CryptoExtras

/// The signed JWT an app sends instead of a secret (`client_assertion`, RFC 7523 client authentication).
///
/// Header `{"alg","typ":"JWT"}` with the certificate's thumbprint: `PS256` with `x5t#S256` (SHA-256), as Entra's
/// documentation now gives it, or `RS256` with `x5t` (SHA-1), as MSAL still sends it. Claims: `aud` the token URL
/// exactly, `iss` and `sub` the client id, a fresh `jti`, `nbf` now and `exp` ten minutes later (Entra advises at most
/// 5–10 minutes; MSAL uses 600 s).
struct ClientAssertion {
    /// The signature scheme and the thumbprint header that goes with it.
    enum Algorithm: String, Sendable {
        case ps256 = "PS256"
        case rs256 = "RS256"
    }

    /// How long an assertion is valid.
    static let lifetime: TimeInterval = 600

    let clientID: String
    let certificate: CertificateCredential
    let algorithm: Algorithm
    let tokenURL: String

    /// The compact serialization `header.claims.signature`, valid from `now`.
    /// - Throws: The signing error of swift-crypto (not expected for a key that was read).
    func signed(at now: Date, id: UUID = UUID()) throws -> String {
        let notBefore = Int(now.timeIntervalSince1970.rounded(.down))
        var header: JSONObject = ["alg": .string(algorithm.rawValue), "typ": "JWT"]
        switch algorithm {
        case .ps256: header["x5t#S256"] = .string(certificate.sha256Thumbprint)
        case .rs256: header["x5t"] = .string(certificate.sha1Thumbprint)
        }
        let claims: JSONObject = [
            "aud": .string(tokenURL), "iss": .string(clientID), "sub": .string(clientID), "jti": .string(id.uuidString.lowercased()),
            "nbf": .integer(notBefore), "exp": .integer(notBefore + Int(Self.lifetime)),
        ]
        let padding: _RSA.Signing.Padding = algorithm == .ps256 ? .PSS : .insecurePKCS1v1_5
        return try CompactJWS.serialize(header: header, claims: claims) { input in
            try certificate.privateKey.signature(for: SHA256.hash(data: input), padding: padding).rawRepresentation
        }
    }
}
