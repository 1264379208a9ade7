/// An Entra ID tenant of ``FakeMicrosoftGraph``: the token endpoint accepts its GUID or any of its domains.
public struct FakeGraphTenant: Sendable, Hashable {
    /// The tenant id, a lowercase GUID.
    public var id: String
    /// Its verified domains, e.g. `contoso.onmicrosoft.com`.
    public var domains: [String]
}
