import ConnectorModel
import ConnectorProvider
import Foundation
import NIOConcurrencyHelpers

/// Where an endpoint's files are, as ids: the site, its document library (a drive), the drive's root item and the
/// endpoint's root folder. Resolved once per sync (the first caller resolves, the others wait) and explained in
/// plain words when it cannot be: a site not found or not granted, a library name that matches none, a folder path
/// that is a file.
final class LibraryLocation: Sendable {
    /// The resolved ids.
    struct Resolved: Sendable, Equatable {
        var driveID: String
        /// The library's name, for messages.
        var driveName: String
        var driveRootID: String
        /// The endpoint's root folder: the drive's root or a folder in it.
        var scopeRootID: String

        var isWholeLibrary: Bool { scopeRootID == driveRootID }
    }

    let api: GraphAPI
    let source: Microsoft365Source
    private let resolution = NIOLockedValueBox<Task<Resolved, any Error>?>(nil)

    init(api: GraphAPI, source: Microsoft365Source) {
        self.api = api
        self.source = source
    }

    /// The ids, resolving them on first use.
    func resolve() async throws -> Resolved {
        let task = resolution.withLockedValue { task in
            if let task { return task }
            let created = Task { try await self.lookUp() }
            task = created
            return created
        }
        return try await task.value
    }

    private struct Site: Decodable {
        var id: String
        var webUrl: String?
    }

    /// A document library as `drives` lists it.
    struct Drive: Decodable, Equatable {
        var id: String
        var name: String?
        var webUrl: String?
    }

    private struct DriveList: Decodable {
        var value: [Drive]
        var nextLink: String?

        enum CodingKeys: String, CodingKey {
            case value
            case nextLink = "@odata.nextLink"
        }
    }

    private func lookUp() async throws -> Resolved {
        let site = try await resolveSite()
        let drive = try await resolveDrive(siteID: site.id)
        let driveRoot = api.root + "/drives/" + GraphURL.escapedSegment(drive.id)
        let root: DriveItem
        do {
            root = try await api.get(driveRoot + "/root?$select=id,name,root,folder", cost: .single, as: DriveItem.self)
        } catch let refusal as GraphRefusal {
            throw await explain(refusal, what: "the root of library \(drive.name ?? drive.id)")
        }
        var resolved = Resolved(
            driveID: drive.id, driveName: drive.name ?? drive.id, driveRootID: root.id, scopeRootID: root.id)
        let select = "?$select=id,name,folder,file,package,root,parentReference"
        let folderURL: String
        let described: String
        switch source.folder {
        case .root:
            return resolved
        case .path(let segments):
            folderURL = driveRoot + "/root:/" + GraphURL.escapedPath(segments) + ":" + select
            described = "folder \(segments.joined(separator: "/")) in library \(resolved.driveName)"
        case .id(let id):
            folderURL = driveRoot + "/items/" + GraphURL.escapedSegment(id) + select
            described = "folder \(id) in library \(resolved.driveName)"
        }
        let folder: DriveItem
        do {
            folder = try await api.get(folderURL, cost: .single, as: DriveItem.self)
        } catch let refusal as GraphRefusal {
            throw await explain(refusal, what: described)
        }
        guard folder.kind == .folder || folder.kind == .root else {
            throw ProviderError(.configuration, "the \(described) is not a folder (microsoft365.folder or folderId must name a folder)")
        }
        resolved.scopeRootID = folder.id
        return resolved
    }

    private func resolveSite() async throws -> Site {
        let url: String
        let described: String
        switch source.site {
        case .path(let hostname, let path):
            let segments = path.split(separator: "/").map(String.init)
            url =
                api.root + "/sites/" + GraphURL.escapedSegment(hostname)
                + (segments.isEmpty ? "" : ":/" + GraphURL.escapedPath(segments)) + "?$select=id,webUrl,displayName"
            described = "site \(hostname)\(path)"
        case .id(let id):
            url = api.root + "/sites/" + GraphURL.escapedSegment(id) + "?$select=id,webUrl,displayName"
            described = "site \(id)"
        }
        do {
            return try await api.get(url, cost: .single, as: Site.self)
        } catch let refusal as GraphRefusal {
            throw await explain(refusal, what: described, isSite: true)
        }
    }

    private func resolveDrive(siteID: String) async throws -> Drive {
        let site = api.root + "/sites/" + GraphURL.escapedSegment(siteID)
        let select = "$select=id,name,webUrl,driveType"
        do {
            switch source.library {
            case .siteDefault:
                return try await api.get(site + "/drive?" + select, cost: .single, as: Drive.self)
            case .id(let id):
                return try await api.get(api.root + "/drives/" + GraphURL.escapedSegment(id) + "?" + select, cost: .single, as: Drive.self)
            case .name(let name):
                var drives: [Drive] = []
                var next: String? = site + "/drives?" + select
                while let url = next, drives.count < 10_000 {
                    let page = try await api.get(url, cost: .multiple, as: DriveList.self)
                    drives += page.value
                    next = page.nextLink
                }
                if let match = Self.match(name, in: drives) { return match }
                let names = drives.compactMap { drive in drive.name.map { "\($0) (\(Self.urlSegment(of: drive) ?? "?"))" } }
                throw ProviderError(
                    .configuration,
                    "the site has no document library named \(name); its libraries are: \(names.joined(separator: ", ")) (microsoft365.library matches the last segment of a library's URL first, then its display name)"
                )
            }
        } catch let refusal as GraphRefusal {
            throw await explain(refusal, what: "the document library of site \(siteID)")
        }
    }

    /// The library whose URL ends in `name` (display names are localized; URLs are not), else whose name is `name`.
    static func match(_ name: String, in drives: [Drive]) -> Drive? {
        let wanted = name.lowercased()
        return drives.first { urlSegment(of: $0)?.lowercased() == wanted } ?? drives.first { $0.name?.lowercased() == wanted }
    }

    /// The last segment of the library's URL, percent-decoded ("Shared Documents").
    private static func urlSegment(of drive: Drive) -> String? {
        guard let url = drive.webUrl, let last = url.split(separator: "/").last else { return nil }
        return String(last).removingPercentEncoding ?? String(last)
    }

    /// A refusal met while resolving `what`, in plain words.
    private func explain(_ refusal: GraphRefusal, what: String, isSite: Bool = false) async -> ProviderError {
        let error = refusal.error
        switch error.status {
        case 404:
            return ProviderError(.configuration, "Microsoft Graph does not know the \(what) (\(error.summary))")
        case 403:
            let roles = await api.currentRoles()
            if roles?.isSitesSelectedOnly == true {
                return ProviderError(
                    .unauthorized,
                    "\(api.app) has Sites.Selected but the \(what) is not granted to it: an administrator grants it with POST /v1.0/sites/{site-id}/permissions {\"roles\":[\"read\"],\"grantedToIdentities\":[{\"application\":{\"id\":\"<client id>\"}}]} (see docs/microsoft-365.md) (\(error.summary))"
                )
            }
            if isSite, roles?.canResolveSites == false {
                return ProviderError(
                    .unauthorized,
                    "\(api.app) may not read sites: add the application permission Sites.Selected (and grant the site) or Sites.Read.All, with admin consent (\(error.summary))"
                )
            }
            return ProviderError(.unauthorized, "Microsoft Graph denied \(api.app) access to the \(what) (\(error.summary))")
        default:
            return ProviderError(.configuration, "Microsoft Graph refused to look up the \(what) (\(error.summary))")
        }
    }
}
