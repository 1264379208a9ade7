import ConnectorHTTPTestSupport

/// Who is calling Graph: the app and tenant an access token was issued to, with its roles.
struct FakeGraphCaller {
    var clientID: String
    var tenantID: String
    var permissions: Set<FakeGraphPermission>

    /// May read every site (site routes and, through them, every library).
    var readsAllSites: Bool { permissions.contains(.sitesReadAll) || permissions.contains(.sitesFullControlAll) }
}

/// A request refused before it reaches its route.
struct FakeGraphRefusal: Error {
    var reply: ServerReply
}
