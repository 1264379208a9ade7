/// An app registration in one tenant of ``FakeMicrosoftGraph``, with its consented application permissions.
public struct FakeGraphApp: Sendable, Hashable {
    /// The application (client) id, a lowercase GUID.
    public var clientID: String
    /// The client secret's value (40 characters, `Abc8Q~…`), or nil for a certificate-only app.
    public var secret: String?
    /// The tenant the app is registered (and consented) in.
    public var tenantID: String
    /// The app's display name.
    public var displayName: String
    /// The application permissions; an access token carries them as `roles`.
    public var permissions: Set<FakeGraphPermission>
}
