import ConnectorProvider
import Foundation

/// The credential document of an `autodesk-acc` endpoint: `{"client_id": "...", "client_secret": "..."}` of an
/// APS app. `description` never shows the secret.
struct APSCredentials: Sendable, CustomStringConvertible {
    /// The app's client id (not a secret: it is what an account admin adds under Custom Integrations).
    let clientID: String
    /// The app's client secret.
    let clientSecret: String
    /// Where the document came from, safe to show.
    let origin: String

    private struct Document: Decodable {
        var client_id: String?
        var client_secret: String?
    }

    /// Reads the document.
    /// - Throws: ``ProviderError`` with code `credentials` when it is not JSON or a field is missing or empty.
    init(_ document: CredentialDocument) throws {
        guard let decoded = try? JSONDecoder().decode(Document.self, from: document.data) else {
            throw ProviderError(
                .credentials,
                "the credential document in \(document.origin) is not a JSON object like {\"client_id\": \"...\", \"client_secret\": \"...\"}"
            )
        }
        let id = decoded.client_id?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let secret = decoded.client_secret?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !id.isEmpty else {
            throw ProviderError(.credentials, "the credential document in \(document.origin) has no client_id (the APS app's Client ID)")
        }
        guard !secret.isEmpty else {
            throw ProviderError(
                .credentials, "the credential document in \(document.origin) has no client_secret (the APS app's Client Secret)")
        }
        clientID = id
        clientSecret = secret
        origin = document.origin
    }

    /// `Basic base64(client_id:client_secret)`, the token endpoint's `Authorization` header.
    var basicAuthorization: String {
        "Basic " + Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
    }

    /// `APS app <client id> (from <origin>)`.
    var description: String { "APS app \(clientID) (from \(origin))" }
}
