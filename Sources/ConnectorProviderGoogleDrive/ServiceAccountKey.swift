import ConnectorProvider
import Foundation
import _CryptoExtras

/// A Google service-account key (the JSON file downloaded from IAM → Service accounts → Keys), read from the
/// endpoint's credential document.
///
/// Only the members the JWT grant needs are kept. Errors name the document's origin and the member at fault,
/// never a value: the whole document is a secret.
struct ServiceAccountKey: Sendable {
    /// `client_email`: the JWT issuer and the account folders must be shared with.
    let clientEmail: String
    /// `client_id`: what a Workspace admin authorizes for domain-wide delegation.
    let clientID: String?
    /// `private_key_id`: the JWT header's `kid`.
    let privateKeyID: String?
    /// `token_uri`: where the assertion is exchanged for an access token, and the JWT `aud`.
    let tokenURI: String
    /// The RSA key that signs assertions.
    let privateKey: _RSA.Signing.PrivateKey

    private struct Document: Decodable {
        var type: String?
        var client_email: String?
        var client_id: String?
        var private_key_id: String?
        var private_key: String?
        var token_uri: String?
    }

    /// The token endpoint google-auth uses when a key names none.
    static let defaultTokenURI = "https://oauth2.googleapis.com/token"

    /// Reads a key from `document`.
    /// - Throws: ``ProviderError`` with code ``ProviderError/Code/credentials`` when the document is not JSON, is not
    ///   a service-account key, lacks a member, or holds a private key that cannot be read.
    init(_ document: CredentialDocument) throws {
        let origin = document.origin
        let decoded: Document
        do {
            decoded = try JSONDecoder().decode(Document.self, from: document.data)
        } catch {
            throw ProviderError(
                .credentials,
                "the Google service-account key in \(origin) is not valid JSON; use the key file exactly as downloaded from the Cloud console"
            )
        }
        guard decoded.type == "service_account" else {
            let found = decoded.type.map { Self.isPlainWord($0) ? "type \"\($0)\"" : "another type" } ?? "no type"
            throw ProviderError(
                .credentials,
                "the credential document in \(origin) has \(found); google-drive needs a service-account key (type \"service_account\") created under IAM → Service accounts → Keys"
            )
        }
        guard let email = decoded.client_email, !email.isEmpty else {
            throw ProviderError(.credentials, "the service-account key in \(origin) has no client_email")
        }
        guard let pem = decoded.private_key, !pem.isEmpty else {
            throw ProviderError(.credentials, "the service-account key in \(origin) has no private_key")
        }
        do {
            privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } catch {
            throw ProviderError(
                .credentials,
                "the private_key in the service-account key in \(origin) cannot be read as a PEM RSA key; download a new JSON key")
        }
        clientEmail = email
        clientID = decoded.client_id
        privateKeyID = decoded.private_key_id
        tokenURI = decoded.token_uri.flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultTokenURI
    }

    private static func isPlainWord(_ text: String) -> Bool {
        text.count <= 40 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }
}
