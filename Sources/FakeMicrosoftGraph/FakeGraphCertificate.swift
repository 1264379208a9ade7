/// A certificate credential registered on an app: an RSA-2048 key and a self-signed X.509 certificate made with
/// swift-certificates.
public struct FakeGraphCertificate: Sendable, Hashable {
    /// The app the certificate belongs to.
    public var clientID: String
    /// The certificate, PEM (`-----BEGIN CERTIFICATE-----`).
    public var certificatePEM: String
    /// The certificate's DER bytes (what the thumbprints are digests of).
    public var certificateDER: [UInt8]
    /// The private key, PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    public var privateKeyPEM: String
    /// base64url of the SHA-1 digest of the DER certificate: the `x5t` header of an RS256 assertion.
    public var sha1Thumbprint: String
    /// base64url of the SHA-256 digest of the DER certificate: the `x5t#S256` header of a PS256 assertion.
    public var sha256Thumbprint: String
}
