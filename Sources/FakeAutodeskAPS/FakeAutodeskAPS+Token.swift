import ConnectorHTTPTestSupport
import Foundation
import NIOConcurrencyHelpers

extension FakeAutodeskAPS {
    static let authErrorLink = "https://aps.autodesk.com/en/docs/oauth/v2/developers_guide/error_handling/"
    static let knownScopes: Set<String> = [
        "data:read", "data:write", "data:create", "data:search", "account:read", "account:write", "bucket:create",
        "bucket:read", "bucket:update", "bucket:delete", "viewables:read", "user-profile:read", "code:all", "openid",
    ]

    /// `POST /authentication/v2/token`: client credentials with HTTP Basic, as APS documents it.
    func token(_ request: RecordedRequest) -> ServerReply {
        guard request.method == "POST" else {
            return FakeRoute.error(405, code: "METHOD_NOT_ALLOWED", title: "Method not allowed", detail: "Use POST.")
        }
        let contentType = request.header("Content-Type")?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            return Self.authError(400, "AUTH-007", "The Content-Type header is missing or is not application/x-www-form-urlencoded")
        }
        let form = RecordedRequest(method: "POST", uri: "/?" + request.bodyText).queryItems
        let value = { (key: String) in form.first { $0.0 == key }?.1 }
        guard value("grant_type") == "client_credentials" else {
            return .json(400, #"{"error":"unsupported_grant_type","error_description":"The grant_type must be client_credentials"}"#)
        }
        guard let credentials = Self.basicCredentials(request.header("Authorization")),
            credentials.id == configuration.clientID, credentials.secret == configuration.clientSecret
        else {
            return Self.authError(401, "AUTH-003", "The client_id specified does not match the client_secret, or the client_id is unknown")
        }
        let scopes = (value("scope") ?? "").split(separator: " ").map(String.init)
        guard !scopes.isEmpty, scopes.allSatisfy(Self.knownScopes.contains) else {
            return Self.authError(400, "AUTH-004", "One or more of the requested scopes are invalid")
        }
        let token: String = state.withLockedValue { state in
            state.issued += 1
            let token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImZha2UifQ.eyJ0b2tlbiI6\(state.issued)fQ.fakesig\(state.issued)"
            state.tokens.insert(token)
            return token
        }
        return .json(#"{"access_token":"\#(token)","token_type":"Bearer","expires_in":\#(configuration.tokenLifetime)}"#)
    }

    static func authError(_ status: Int, _ code: String, _ message: String) -> ServerReply {
        .json(status, #"{"developerMessage":"\#(message)","userMessage":"","errorCode":"\#(code)","more info":"\#(authErrorLink)"}"#)
    }

    /// The id and secret of an `Authorization: Basic base64(id:secret)` header.
    static func basicCredentials(_ header: String?) -> (id: String, secret: String)? {
        guard let header, header.hasPrefix("Basic "), let data = Data(base64Encoded: String(header.dropFirst(6))) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}
