import ConnectorHTTP
import ConnectorProvider
import Foundation

/// Obtains access tokens for a service account: signs an assertion and posts it to the key's `token_uri`
/// (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`). No refresh token exists; a new assertion is
/// signed whenever the ``OAuthTokenCache`` needs a new token.
struct ServiceAccountTokenSource: Sendable {
    let key: ServiceAccountKey
    let subject: String?
    let client: ProviderHTTPClient
    let statistics: RequestStatistics
    let wallClock: @Sendable () -> Date

    /// A fresh access token.
    /// - Throws: ``ProviderError`` (``ProviderError/Code/unauthorized``) when Google refuses the grant, with a hint
    ///   about what to check; ``HTTPError`` when the token endpoint cannot be reached.
    func fetch() async throws -> AccessToken {
        let assertion = try ServiceAccountAssertion(key: key, subject: subject).signed(at: wallClock())
        let body =
            "grant_type=" + DriveQuery.percentEncoded("urn:ietf:params:oauth:grant-type:jwt-bearer")
            + "&assertion=" + DriveQuery.percentEncoded(assertion)
        let request = HTTPRequestSpec(
            method: .POST, url: key.tokenURI, headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(body.utf8), family: "google-oauth")
        let response = try await client.send(
            request, context: RequestContext(classifier: TokenEndpointRetryClassifier(), statistics: statistics))
        guard response.isSuccess else { throw refusal(response) }
        guard let reply = try? JSONDecoder().decode(TokenReply.self, from: Data(response.body)),
            let value = reply.access_token, !value.isEmpty
        else {
            throw ProviderError(.invalidResponse, "the token endpoint \(Redaction.url(key.tokenURI)) answered without an access token")
        }
        return AccessToken(value: value, expiresIn: .seconds(reply.expires_in?.value ?? 3600))
    }

    /// The refusal in plain words; the server's `error_description` is redacted and shortened.
    private func refusal(_ response: HTTPResponseData) -> ProviderError {
        let reply = try? JSONDecoder().decode(TokenError.self, from: Data(response.body))
        let code = reply?.error ?? "status \(response.status)"
        let said = reply?.error_description.map { ": " + Redaction.text(String($0.prefix(160))) } ?? ""
        let account = "service account \(key.clientEmail)"
        switch code {
        case "invalid_grant":
            return ProviderError(
                .unauthorized,
                "Google refused the key of \(account) (invalid_grant\(said)). Check that this machine's clock is correct (the signed assertion is valid for one hour from now) and that the key was not disabled or deleted (Cloud console → IAM → Service accounts → Keys)\(subject.map { "; also that the user \($0) exists" } ?? "")"
            )
        case "unauthorized_client":
            return ProviderError(
                .unauthorized,
                "Google refused to let \(account) act as \(subject ?? "the subject") (unauthorized_client\(said)). A Workspace admin must authorize client ID \(key.clientID ?? "(see the key's client_id)") for the scope \(ServiceAccountAssertion.scope) under Security → API controls → Domain-wide delegation"
            )
        case "invalid_scope":
            return ProviderError(
                .unauthorized, "Google refused the scope \(ServiceAccountAssertion.scope) for \(account) (invalid_scope\(said))")
        default:
            return ProviderError(.unauthorized, "Google refused the access-token request of \(account) (\(code)\(said))")
        }
    }
}

private struct TokenReply: Decodable {
    var access_token: String?
    var expires_in: FlexibleInt64?
}

private struct TokenError: Decodable {
    var error: String?
    var error_description: String?
}
