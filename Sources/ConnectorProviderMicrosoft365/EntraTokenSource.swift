import ConnectorHTTP
import ConnectorProvider
import Foundation

/// Obtains app-only tokens from Microsoft Entra: `POST {loginURL}/{tenant}/oauth2/v2.0/token` with
/// `grant_type=client_credentials`, `scope={apiURL}/.default`, and the client secret or a signed client assertion.
/// There is no refresh token: a new grant is made whenever the ``OAuthTokenCache`` needs a token. Refusals are
/// explained by their `AADSTS` code, never with the secret.
struct EntraTokenSource: Sendable {
    let credentials: EntraCredentials
    let tenant: String
    let tokenURL: String
    let scope: String
    let client: ProviderHTTPClient
    let statistics: RequestStatistics
    let wallClock: @Sendable () -> Date

    init(
        credentials: EntraCredentials, tenant: String, loginURL: String, apiURL: String, client: ProviderHTTPClient,
        statistics: RequestStatistics, wallClock: @escaping @Sendable () -> Date
    ) {
        self.credentials = credentials
        self.tenant = tenant
        tokenURL = loginURL + "/" + GraphURL.escapedSegment(tenant) + "/oauth2/v2.0/token"
        scope = apiURL + "/.default"
        self.client = client
        self.statistics = statistics
        self.wallClock = wallClock
    }

    /// The form fields of one grant (the assertion, if any, signed now).
    func form() throws -> [(String, String)] {
        var fields = [("grant_type", "client_credentials"), ("client_id", credentials.clientID), ("scope", scope)]
        switch credentials.proof {
        case .secret(let secret):
            fields.append(("client_secret", secret))
        case .certificate(let certificate, let algorithm):
            let assertion = ClientAssertion(
                clientID: credentials.clientID, certificate: certificate, algorithm: algorithm, tokenURL: tokenURL)
            fields.append(("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"))
            fields.append(("client_assertion", try assertion.signed(at: wallClock())))
        }
        return fields
    }

    /// A fresh access token.
    /// - Throws: ``ProviderError`` (`unauthorized` or `configuration`) naming what to fix when Entra refuses the grant;
    ///   ``HTTPError`` when the endpoint cannot be reached.
    func fetch() async throws -> AccessToken {
        let body = try form().map { GraphURL.formEscaped($0.0) + "=" + GraphURL.formEscaped($0.1) }.joined(separator: "&")
        let request = HTTPRequestSpec(
            method: .POST, url: tokenURL, headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: Array(body.utf8), family: "entra-token")
        let response = try await client.send(
            request, context: RequestContext(classifier: TokenEndpointRetryClassifier(), statistics: statistics))
        guard response.isSuccess else { throw refusal(response) }
        guard let reply = try? JSONDecoder().decode(TokenReply.self, from: Data(response.body)), let value = reply.access_token,
            !value.isEmpty
        else {
            throw ProviderError(.invalidResponse, "the token endpoint \(Redaction.url(tokenURL)) answered without an access token")
        }
        return AccessToken(value: value, expiresIn: .seconds(max(60, reply.expires_in ?? 3599)))
    }

    /// The refusal in plain words, chosen by the `AADSTS` code (never by the description's wording).
    func refusal(_ response: HTTPResponseData) -> ProviderError {
        let reply = try? JSONDecoder().decode(TokenError.self, from: Data(response.body))
        let code = reply?.error_codes?.first
        let label = code.map { "AADSTS\($0)" } ?? reply?.error ?? "status \(response.status)"
        let app = "app \(credentials.clientID)"
        let fix: String
        switch code {
        case 90002:
            return ProviderError(
                .configuration,
                "Microsoft Entra does not know the tenant \(tenant) (\(label)): set microsoft365.tenant to the tenant's id or a verified domain"
            )
        case 700016:
            fix =
                "the \(app) is not registered in tenant \(tenant), or no administrator of the tenant has consented to it: register it there (or consent to a multi-tenant app) and grant admin consent for its application permissions"
        case 7_000_215:
            fix = "the client secret of the \(app) is wrong: use the secret's Value (shown once when it was created), not its Secret ID"
        case 7_000_222:
            fix =
                "the client secret of the \(app) has expired: create a new one under Certificates & secrets and update the credential document"
        case 700027:
            fix =
                "Entra could not verify the certificate assertion of the \(app): upload this certificate (its public part) to the app registration under Certificates & secrets, and check that it has not expired"
        case 700024:
            fix = "Entra judged the certificate assertion of the \(app) outside its validity window: check this machine's clock"
        case 7_000_218:
            fix = "no client secret or certificate reached Entra for the \(app)"
        case 1_002_012, 70011:
            fix = "Entra refused the scope \(scope) for the \(app): check microsoft365.apiURL matches microsoft365.loginURL's cloud"
        default:
            fix = "Microsoft Entra refused the access-token request of the \(app) in tenant \(tenant)"
        }
        let said =
            reply?.error_description.map { ": " + Redaction.text(String(($0.split(separator: "\r\n").first ?? "").prefix(200))) } ?? ""
        return ProviderError(.unauthorized, "\(fix) (\(label)\(said); credentials from \(credentials.origin))")
    }
}

private struct TokenReply: Decodable {
    var access_token: String?
    var expires_in: Int64?
}

private struct TokenError: Decodable {
    var error: String?
    var error_description: String?
    var error_codes: [Int]?
}
