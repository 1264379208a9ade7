/// A client assertion the token endpoint received, decoded (whether or not it was accepted).
public struct FakeGraphAssertion: Sendable, Hashable {
    /// Header `alg` (`PS256`, `RS256`, …).
    public var alg: String?
    /// Header `typ`.
    public var typ: String?
    /// Header `x5t`: base64url SHA-1 thumbprint.
    public var x5t: String?
    /// Header `x5t#S256`: base64url SHA-256 thumbprint.
    public var x5tS256: String?
    /// Claim `aud`.
    public var aud: String?
    /// Claim `iss`.
    public var iss: String?
    /// Claim `sub`.
    public var sub: String?
    /// Claim `jti`.
    public var jti: String?
    /// Claim `nbf` (Unix seconds).
    public var nbf: Int?
    /// Claim `exp` (Unix seconds).
    public var exp: Int?
    /// Claim `iat`, if sent.
    public var iat: Int?
    /// Every header member, rendered as text.
    public var header: [String: String]
    /// Every claim, rendered as text.
    public var claims: [String: String]
}
