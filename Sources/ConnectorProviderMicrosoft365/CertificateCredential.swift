import ConnectorHTTP
import ConnectorProvider
import Crypto
import Foundation
import X509
import _CryptoExtras

/// An app's certificate credential: the X.509 certificate registered with the app and its RSA private key, checked
/// to belong together, with the thumbprints Entra finds the registered key by.
struct CertificateCredential: Sendable {
    let privateKey: _RSA.Signing.PrivateKey
    /// base64url of the SHA-1 digest of the certificate's DER (`x5t`).
    let sha1Thumbprint: String
    /// base64url of the SHA-256 digest of the certificate's DER (`x5t#S256`).
    let sha256Thumbprint: String
    /// When the certificate stops being valid; Entra refuses assertions signed with an expired one.
    let notValidAfter: Date

    /// Reads and checks the pair.
    /// - Throws: ``ProviderError`` with code `credentials` when either PEM cannot be read, the key is not an RSA key,
    ///   or the key does not belong to the certificate. Messages never contain key material.
    init(certificatePEM: String, privateKeyPEM: String, origin: String) throws {
        guard let certificateBlock = Self.block("CERTIFICATE", in: certificatePEM) else {
            throw ProviderError(
                .credentials, "the certificate in \(origin) holds no PEM block -----BEGIN CERTIFICATE-----")
        }
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: certificateBlock)
        } catch {
            throw ProviderError(.credentials, "the certificate in \(origin) cannot be read as an X.509 certificate")
        }
        guard let keyBlock = Self.block("PRIVATE KEY", in: privateKeyPEM) ?? Self.block("RSA PRIVATE KEY", in: privateKeyPEM) else {
            if privateKeyPEM.contains("ENCRYPTED PRIVATE KEY") {
                throw ProviderError(
                    .credentials,
                    "the private key in \(origin) is encrypted; store it unencrypted (openssl pkcs8 -nocrypt) in a Secret instead")
            }
            throw ProviderError(
                .credentials, "the credential document in \(origin) has no PEM private key (-----BEGIN PRIVATE KEY-----)")
        }
        do {
            privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: keyBlock)
        } catch {
            throw ProviderError(.credentials, "the private key in \(origin) is not an RSA private key that can be read")
        }
        guard Certificate.PublicKey(privateKey.publicKey) == certificate.publicKey else {
            throw ProviderError(
                .credentials,
                "the private key in \(origin) does not belong to its certificate (their public keys differ); pair the key with the certificate uploaded to the app registration"
            )
        }
        let der = try Self.der(of: certificate)
        sha1Thumbprint = CompactJWS.base64URL(Data(Insecure.SHA1.hash(data: der)))
        sha256Thumbprint = CompactJWS.base64URL(Data(SHA256.hash(data: der)))
        notValidAfter = certificate.notValidAfter
    }

    private static func der(of certificate: Certificate) throws -> [UInt8] {
        do {
            return try certificate.serializeAsPEM().derBytes
        } catch {
            throw ProviderError(.credentials, "the certificate cannot be serialized to compute its thumbprint")
        }
    }

    /// The first PEM block labelled `label` in `text`, with its armour.
    static func block(_ label: String, in text: String) -> String? {
        let begin = "-----BEGIN \(label)-----"
        let end = "-----END \(label)-----"
        guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex) else {
            return nil
        }
        return String(text[start.lowerBound..<stop.upperBound])
    }

    /// A short hex digest, for cache keys that must not show what they were made from.
    static func digest(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}
