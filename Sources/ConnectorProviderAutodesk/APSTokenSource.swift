import ConnectorHTTP
import ConnectorProvider
import Foundation

/// Fetches 2-legged tokens: `POST {apiURL}/authentication/v2/token` with HTTP Basic client credentials and
/// `grant_type=client_credentials&scope=data:read`, and explains refusals in plain words (never with the secret).
struct APSTokenSource: Sendable {
    let credentials: APSCredentials
    let tokenURL: String
    let client: ProviderHTTPClient
    let context: RequestContext

    private struct TokenResponse: Decodable {
        var access_token: String
        var expires_in: Double
    }

    /// One new token.
    /// - Throws: ``ProviderError``: `unauthorized` for refused credentials or scope, `unavailable` when the
    ///   endpoint cannot be reached, `invalidResponse` for an unreadable answer.
    func fetch() async throws -> AccessToken {
        let request = HTTPRequestSpec(
            method: .POST, url: tokenURL,
            headers: [
                ("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"),
                ("Authorization", credentials.basicAuthorization),
            ],
            body: Array("grant_type=client_credentials&scope=data%3Aread".utf8), family: APSFamily.token.rawValue)
        let response: HTTPResponseData
        do {
            response = try await client.send(request, context: context)
        } catch let error as HTTPError {
            throw explain(error)
        }
        guard let token = try? JSONDecoder().decode(TokenResponse.self, from: Data(response.body)), !token.access_token.isEmpty else {
            throw ProviderError(.invalidResponse, "the Autodesk token endpoint \(tokenURL) answered without an access_token")
        }
        return AccessToken(value: token.access_token, expiresIn: .milliseconds(Int64(max(1, token.expires_in) * 1000)))
    }

    /// A refusal in plain words.
    func explain(_ error: HTTPError) -> ProviderError {
        let said = error.message ?? ""
        let app = "the APS app \(credentials.clientID) (credentials from \(credentials.origin))"
        if error.code == .cancelled { return ProviderError(.unavailable, "cancelled while getting an Autodesk token") }
        if said.contains("AUTH-003") || said.contains("invalid_client") || error.status == 401 {
            return ProviderError(
                .unauthorized,
                "Autodesk rejected the client credentials of \(app) (invalid_client): the client_id is unknown or the client_secret does not match it. Copy both from the app's page at https://aps.autodesk.com/myapps [\(error)]"
            )
        }
        if said.contains("AUTH-004") || said.contains("invalid_scope") {
            return ProviderError(
                .unauthorized,
                "Autodesk refused the scope data:read for \(app): enable the Data Management API for the app at https://aps.autodesk.com/myapps [\(error)]"
            )
        }
        if said.contains("AUTH-001") || said.contains("AUTH-002") || error.status == 403 {
            return ProviderError(
                .unauthorized,
                "\(app) may not use this Autodesk API: enable the Data Management API for the app at https://aps.autodesk.com/myapps [\(error)]"
            )
        }
        if let status = error.status, (400..<500).contains(status), status != 429 {
            return ProviderError(.unauthorized, "the Autodesk token endpoint refused the request for \(app) [\(error)]")
        }
        return ProviderError(.unavailable, "could not get an Autodesk token from \(tokenURL) [\(error)]")
    }
}
