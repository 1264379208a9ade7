/// An application permission (app role) of Microsoft Graph, as admin-consented for an app registration.
public enum FakeGraphPermission: String, Sendable, Hashable, CaseIterable {
    /// Every file in every site collection and OneDrive: enough for drives, items and delta, not for site routes.
    case filesReadAll = "Files.Read.All"
    /// Every site, list and library.
    case sitesReadAll = "Sites.Read.All"
    /// Nothing until a site is granted to the app (``FakeMicrosoftGraph/grant(_:site:roles:)`` or
    /// `POST /v1.0/sites/{id}/permissions`).
    case sitesSelected = "Sites.Selected"
    /// Everything, including granting sites to `Sites.Selected` apps.
    case sitesFullControlAll = "Sites.FullControl.All"
}
