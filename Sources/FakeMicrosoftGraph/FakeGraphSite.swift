/// A SharePoint site (one site collection's root web) in ``FakeMicrosoftGraph``.
public struct FakeGraphSite: Sendable, Hashable {
    /// The composite id `hostname,<site collection GUID>,<web GUID>`.
    public var id: String
    /// The tenant the site lives in.
    public var tenantID: String
    /// The host, e.g. `contoso.sharepoint.com`.
    public var hostname: String
    /// The server-relative path, e.g. `/sites/Engineering`.
    public var path: String
    /// The site's display name.
    public var displayName: String
    /// `https://hostname/sites/Engineering` (percent-encoded).
    public var webUrl: String
}
