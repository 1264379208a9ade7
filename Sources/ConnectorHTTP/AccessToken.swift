/// An OAuth access token and its lifetime as the token endpoint issued it.
///
/// The lifetime is relative (`expires_in`, as both Google and Autodesk return it) rather than a wall-clock instant:
/// ``OAuthTokenCache`` turns it into an expiry on its own injected clock when the token arrives, so expiry can be
/// tested on a manual clock. `description` never shows the value.
public struct AccessToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The token itself, sent as `Authorization: Bearer <value>`. Never log it.
    public var value: String
    /// How long the token is valid from when it was issued.
    public var expiresIn: Duration

    /// Creates a token.
    /// - Parameters:
    ///   - value: The token value.
    ///   - expiresIn: Its lifetime from now, e.g. `.seconds(3599)` from `"expires_in": 3599`.
    public init(value: String, expiresIn: Duration) {
        self.value = value
        self.expiresIn = expiresIn
    }

    /// `AccessToken(expires in 3599s, value: <redacted>)`.
    public var description: String {
        "AccessToken(expires in \(Int(expiresIn.seconds.rounded(.down)))s, value: \(Redaction.placeholder))"
    }

    /// The same as ``description``: the value stays hidden in debug output too.
    public var debugDescription: String { description }

    /// The `Authorization` header value, `Bearer <value>`.
    var authorizationHeaderValue: String { "Bearer \(value)" }
}
