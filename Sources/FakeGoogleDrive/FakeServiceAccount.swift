import Foundation
import _CryptoExtras

/// A service-account key the fake issued: the JSON document a test hands to the provider, and the public half the
/// fake's token endpoint verifies assertions with.
public struct FakeServiceAccount: Sendable {
    /// `client_email`.
    public let email: String
    /// `client_id`.
    public let clientID: String
    /// `private_key_id` (the JWT `kid`).
    public let keyID: String
    /// The key document, as Google's console would download it.
    public let json: String
    let publicKey: _RSA.Signing.PublicKey

    /// A new 2048-bit key for `email` whose `token_uri` is `tokenURI`.
    /// - Throws: The key generation error.
    init(email: String, tokenURI: String, keyID: String, clientID: String) throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        self.email = email
        self.clientID = clientID
        self.keyID = keyID
        publicKey = key.publicKey
        let document: [String: String] = [
            "type": "service_account", "project_id": "fake-project", "private_key_id": keyID,
            "private_key": key.pemRepresentation + "\n", "client_email": email, "client_id": clientID,
            "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": tokenURI,
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/"
                + (email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? email),
            "universe_domain": "googleapis.com",
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])
        json = String(decoding: data, as: UTF8.self)
    }
}

/// The header and claims of an assertion the fake's token endpoint accepted or refused, for tests.
public struct FakeAssertion: Sendable, Hashable {
    /// Header members (`alg`, `typ`, `kid`).
    public var header: [String: String]
    /// Claims, numbers written as decimal strings.
    public var claims: [String: String]
}
