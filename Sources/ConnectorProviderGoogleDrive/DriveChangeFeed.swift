import ConnectorModel
import ConnectorProvider

/// A `.changes(token:)` listing: follows `changes.list` page after page and turns each change into catalog effects
/// for the endpoint's subtree.
///
/// - A removed or trashed file, or one whose parents are all outside the subtree (a move out), is a removal.
/// - A file with a parent inside is a file at its new path (a creation when it moved in).
/// - A folder removed, trashed or moved out is a folder removal (the engine drops its subtree).
/// - A folder renamed, moved within or moved in is walked again (``DriveFolderWalk``) and its files and folders
///   reported at their new paths.
///
/// One `changes.list` page may become several provider pages; only the last carries Drive's `nextPageToken`
/// (the resume token) or, at the end, `newStartPageToken`. Replaying a page after a crash is harmless.
final class DriveChangeFeed: @unchecked Sendable {
    // @unchecked: the listing stream's unfolding closure calls `next()` one call at a time, never concurrently.
    private let location: DriveLocation
    private let scope: DriveFolderScope
    private let pageSize: Int
    private let maxInFlight: Int
    private var token: String?
    private var pending: [ProviderPage] = []
    private var pages = PageSequenceGuard(api: "Google Drive changes.list")

    init(location: DriveLocation, scope: DriveFolderScope, token: String, pageSize: Int, maxInFlight: Int) {
        self.location = location
        self.maxInFlight = maxInFlight
        self.scope = scope
        self.token = token
        self.pageSize = pageSize
    }

    /// The next provider page, or nil after the page that carried `newStartPageToken`.
    func next() async throws -> ProviderPage? {
        if !pending.isEmpty { return pending.removeFirst() }
        guard let current = token else { return nil }
        let api = try await location.resolve().api
        let reply = try await api.changes(pageToken: current, pageSize: pageSize)
        var builder = ChangePageBuilder(pageSize: pageSize)
        for change in reply.changes ?? [] {
            try await apply(change, to: &builder, api: api)
        }
        if reply.nextPageToken == nil, reply.newStartPageToken == nil {
            throw ProviderError(.invalidResponse, "Google Drive answered changes.list with neither nextPageToken nor newStartPageToken")
        }
        token = reply.newStartPageToken == nil ? reply.nextPageToken : nil
        if let token { try pages.followed(by: token, itemCount: reply.changes?.count ?? 0) }
        pending = builder.finish(resumeToken: reply.nextPageToken, nextChangeToken: reply.newStartPageToken)
        return pending.removeFirst()
    }

    private func apply(_ change: DriveChangeList.Change, to builder: inout ChangePageBuilder, api: DriveAPI) async throws {
        guard change.changeType != "drive", let id = change.fileId ?? change.file?.id else { return }
        guard let file = change.file, change.removed != true else {
            // Deleted or no longer visible; the kind is known only from the catalog.
            if try await scope.resolve(id) != nil { remove(folder: id, from: &builder) } else { builder.removeFile(id) }
            return
        }
        if id == scope.root.id {
            // The root itself: a rename changes no path; trashing it empties the endpoint.
            if file.trashed == true { builder.removeFolder(id) }
            return
        }
        let parent = file.trashed == true ? nil : try await scope.firstInside(file.parents ?? [])
        guard file.isFolder else {
            if let parent {
                builder.upsert(file.metadata(path: parent.childPath(driveName: file.name ?? id)))
            } else {
                builder.removeFile(id)
            }
            return
        }
        let previous = try await scope.resolve(id)
        guard let parent else {
            if previous != nil { remove(folder: id, from: &builder) }
            return
        }
        let folder = CatalogFolder(id: id, name: file.name ?? id, path: parent.childPath(driveName: file.name ?? id), parentID: parent.id)
        if let previous, previous.path == folder.path, previous.parentID == folder.parentID {
            builder.upsert(folder)
            return
        }
        try await relist(folder, into: &builder, api: api)
    }

    private func remove(folder id: String, from builder: inout ChangePageBuilder) {
        scope.remove(id)
        builder.removeFolder(id)
    }

    /// Walks `folder`'s subtree again and reports everything in it at its current path.
    private func relist(_ folder: CatalogFolder, into builder: inout ChangePageBuilder, api: DriveAPI) async throws {
        scope.record(folder)
        builder.upsert(folder)
        let walk = DriveFolderWalk(
            api: api, start: folder, pageSize: pageSize, descends: true, catalog: scope.directory, maxInFlight: maxInFlight)
        while let step = try await walk.next() {
            for child in step.folders {
                scope.record(child)
                builder.upsert(child)
            }
            for file in step.files { builder.upsert(file) }
            if step.isLast { break }
        }
    }
}
