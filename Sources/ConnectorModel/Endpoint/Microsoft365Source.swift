import Foundation

/// A `microsoft-365` endpoint's source, typed: the tenant, the site, the library and the folder, each as one case of
/// what the manifest may say, and the hosts with their defaults applied.
public struct Microsoft365Source: Sendable, Hashable {
    /// How the site is named.
    public enum Site: Sendable, Hashable {
        /// By host and server-relative path (`contoso.sharepoint.com`, `/sites/Engineering`).
        case path(hostname: String, path: String)
        /// By composite id.
        case id(String)
    }

    /// How the document library is named.
    public enum Library: Sendable, Hashable {
        /// The site's default library.
        case siteDefault
        /// By display name or URL segment (display names are localized: "Documents", "Dokumente").
        case name(String)
        /// By drive id.
        case id(String)
    }

    /// Which folder of the library is the endpoint's root.
    public enum Folder: Sendable, Hashable {
        /// The library's root.
        case root
        /// By path from the library's root, as segments.
        case path([String])
        /// By item id.
        case id(String)
    }

    /// The public Graph root.
    public static let defaultAPIURL = "https://graph.microsoft.com"
    /// The public Entra authority.
    public static let defaultLoginURL = "https://login.microsoftonline.com"
    /// The budget of the smallest tenants (up to 1,000 licenses), which every tenant has at least.
    public static let defaultResourceUnitsPerMinute = 1200

    /// The tenant GUID or verified domain.
    public var tenant: String
    /// The site.
    public var site: Site
    /// The library.
    public var library: Library
    /// The endpoint's root folder.
    public var folder: Folder
    /// Whether folders below the root folder are cataloged.
    public var includeSubfolders: Bool
    /// The app's resource units per minute in this tenant.
    public var resourceUnitsPerMinute: Int
    /// The Graph root without a trailing slash.
    public var apiURL: String
    /// The token authority without a trailing slash.
    public var loginURL: String

    /// Types `block`.
    /// - Throws: ``EndpointConfigurationError`` naming the field when the site, library or folder is named twice or
    ///   not at all, or the tenant is one of Entra's multi-tenant aliases.
    public init(_ block: Microsoft365Block) throws(EndpointConfigurationError) {
        let base = ["microsoft365"]
        let tenant = block.tenant.trimmingCharacters(in: .whitespaces)
        if ["common", "organizations", "consumers"].contains(tenant.lowercased()) {
            throw EndpointConfigurationError(
                path: base + ["tenant"],
                message: "tenant \(tenant) is for user sign-in; app-only access needs the tenant's id or a verified domain")
        }
        self.tenant = tenant
        switch (block.site.hostname, block.site.path, block.site.id) {
        case (let hostname?, let path?, nil):
            site = .path(hostname: hostname.lowercased(), path: path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path)
        case (nil, nil, let id?):
            site = .id(id)
        case (_, _, .some):
            throw EndpointConfigurationError(
                path: base + ["site", "id"], message: "expected either site.id or site.hostname with site.path, not both")
        default:
            throw EndpointConfigurationError(
                path: base + ["site"], message: "expected site.hostname together with site.path (or site.id alone)")
        }
        switch (block.library, block.libraryId) {
        case (nil, nil): library = .siteDefault
        case (let name?, nil): library = .name(name)
        case (nil, let id?): library = .id(id)
        case (.some, .some):
            throw EndpointConfigurationError(path: base + ["libraryId"], message: "expected either library or libraryId, not both")
        }
        switch (block.folder, block.folderId) {
        case (nil, nil): folder = .root
        case (let path?, nil):
            let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            if segments.contains(where: { $0 == "." || $0 == ".." }) {
                throw EndpointConfigurationError(path: base + ["folder"], message: "expected a folder path without . or .. segments")
            }
            folder = segments.isEmpty ? .root : .path(segments)
        case (nil, let id?): folder = .id(id)
        case (.some, .some):
            throw EndpointConfigurationError(path: base + ["folderId"], message: "expected either folder or folderId, not both")
        }
        includeSubfolders = block.includeSubfolders ?? true
        resourceUnitsPerMinute = block.resourceUnitsPerMinute ?? Self.defaultResourceUnitsPerMinute
        apiURL = Self.trimmed(block.apiURL) ?? Self.defaultAPIURL
        loginURL = Self.trimmed(block.loginURL) ?? Self.defaultLoginURL
    }

    private static func trimmed(_ url: String?) -> String? {
        guard var url, !url.isEmpty else { return nil }
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
