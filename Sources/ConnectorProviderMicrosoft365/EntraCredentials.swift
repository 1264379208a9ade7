import ConnectorProvider
import Foundation

/// The credential document of a `microsoft-365` endpoint: the Entra app's `clientId` with either its `clientSecret`
/// (the secret's value, not its id) or a `certificate` and `privateKey` in PEM (one PEM holding both also works), and
/// optionally `assertionAlgorithm` (`PS256`, the default, or `RS256`). `description` never shows a secret.
struct EntraCredentials: Sendable, CustomStringConvertible {
    /// How the app proves who it is.
    enum Proof: Sendable {
        case secret(String)
        case certificate(CertificateCredential, ClientAssertion.Algorithm)
    }

    /// The application (client) id; not a secret.
    let clientID: String
    let proof: Proof
    /// Where the document came from, safe to show.
    let origin: String

    private struct Document: Decodable {
        var clientId: String?
        var clientSecret: String?
        var certificate: String?
        var privateKey: String?
        var assertionAlgorithm: String?
    }

    /// Reads the document.
    /// - Throws: ``ProviderError`` with code `credentials` naming what is missing or unusable.
    init(_ document: CredentialDocument) throws {
        let shape =
            #"{"clientId": "...", "clientSecret": "..."} or {"clientId": "...", "certificate": "-----BEGIN CERTIFICATE-----...", "privateKey": "-----BEGIN PRIVATE KEY-----..."}"#
        guard let decoded = try? JSONDecoder().decode(Document.self, from: document.data) else {
            throw ProviderError(.credentials, "the credential document in \(document.origin) is not a JSON object like \(shape)")
        }
        let id = decoded.clientId?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !id.isEmpty else {
            throw ProviderError(
                .credentials,
                "the credential document in \(document.origin) has no clientId (the app registration's Application (client) ID)")
        }
        let secret = decoded.clientSecret?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let certificate = decoded.certificate ?? ""
        switch (secret.isEmpty, certificate.isEmpty) {
        case (false, true):
            proof = .secret(secret)
        case (true, false):
            let algorithm: ClientAssertion.Algorithm
            switch decoded.assertionAlgorithm?.uppercased() {
            case nil, "PS256": algorithm = .ps256
            case "RS256": algorithm = .rs256
            case let other?:
                throw ProviderError(
                    .credentials, "the credential document in \(document.origin) has assertionAlgorithm \(other); expected PS256 or RS256")
            }
            let key = decoded.privateKey ?? certificate
            proof = .certificate(
                try CertificateCredential(certificatePEM: certificate, privateKeyPEM: key, origin: document.origin), algorithm)
        case (false, false):
            throw ProviderError(
                .credentials, "the credential document in \(document.origin) has both clientSecret and certificate; keep one")
        case (true, true):
            throw ProviderError(
                .credentials,
                "the credential document in \(document.origin) has neither clientSecret nor certificate; expected \(shape)")
        }
        clientID = id
        origin = document.origin
    }

    /// A key for caches shared by the endpoints of one app: it changes when the secret or certificate is rotated,
    /// and shows neither.
    var cacheKey: String {
        switch proof {
        case .secret(let secret): clientID + "/secret/" + CertificateCredential.digest(Array(secret.utf8))
        case .certificate(let certificate, let algorithm): clientID + "/\(algorithm.rawValue)/" + certificate.sha256Thumbprint
        }
    }

    /// `Entra app <client id> (from <origin>)`.
    var description: String { "Entra app \(clientID) (from \(origin))" }
}
