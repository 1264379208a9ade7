import ConnectorModel
import ConnectorProvider
import Foundation

/// One listing of a library through its drive's `root/delta`: a full enumeration (no token) or the changes since a
/// stored delta link, turned into catalog pages for the endpoint's subtree.
///
/// - Every item may come more than once; its last state wins. The drive's root item is not a file.
/// - A deleted entry (it has no name and usually no facets) removes the file, or the folder with its subtree, by
///   the kind this listing or the catalog knows it as.
/// - An item whose parent is inside the subtree is cataloged at its path; during a change listing, one whose parent
///   is outside is a removal (a move out), and a folder renamed, moved within or moved in is walked again
///   (``SubtreeWalk``), because Graph does not re-send a renamed folder's descendants.
/// - An item whose parent this listing has not seen yet is held until the parent comes. What is still held when a
///   change listing ends has its parent outside; at the end of an enumeration the provider asks Graph for the
///   missing parents one by one, and if any stays unknown, the listing cannot be vouched for (no removals are
///   inferred).
/// - A page's resume token is where the listing can continue without losing anything: the next link, or, while items
///   are held, the link of the page the oldest of them came on (replaying pages is harmless).
/// - Any `410 Gone` on a delta link ends a change listing with ``ProviderError/Code/cursorExpired`` (the engine lists
///   everything again and sweeps, starting from the `Location` the 410 gave, if any); during an enumeration it
///   starts the enumeration over, once.
final class DeltaListing: @unchecked Sendable {
    // @unchecked: the listing stream's unfolding closure calls `next()` one call at a time, never concurrently; the
    // prefetch task only fetches and shares nothing mutable.
    enum Mode {
        case full
        case changes
    }

    private struct Held {
        var item: DriveItem
        var page: Int
    }

    private let mode: Mode
    private let api: GraphAPI
    private let location: LibraryLocation
    private let source: Microsoft365Source
    private let directory: any FolderDirectory
    private let pageSize: Int
    private let maxInFlight: Int
    private let resync: ResyncHint
    /// The next link to call; nil once the delta link came.
    private var url: String?
    private var begun = false
    private var restarted = false
    private var tree: LibraryTree?
    private var prefetch: (link: String, task: Task<DeltaPageBody, any Error>)?
    private var pending: [ProviderPage] = []
    private var pageNumber = 0
    private var pageURLs: [Int: String] = [:]
    private var held: [String: [Held]] = [:]
    private var heldCount = 0
    private var guardian = PageSequenceGuard(api: "Microsoft Graph delta")
    private var problems: [String] = []

    /// A listing that starts at `link` (a resume link or a stored delta link), or at the drive's `root/delta`.
    init(
        mode: Mode, link: String?, api: GraphAPI, location: LibraryLocation, source: Microsoft365Source,
        directory: any FolderDirectory, pageSize: Int, maxInFlight: Int, resync: ResyncHint
    ) {
        self.mode = mode
        self.url = link
        self.api = api
        self.location = location
        self.source = source
        self.directory = directory
        self.pageSize = max(1, pageSize)
        self.maxInFlight = max(1, maxInFlight)
        self.resync = resync
    }

    deinit {
        prefetch?.task.cancel()
    }

    /// The next provider page, or nil after the last.
    func next() async throws -> ProviderPage? {
        if !pending.isEmpty { return pending.removeFirst() }
        let tree = try await currentTree()
        if !begun {
            begun = true
            if url == nil {
                if let hinted = resync.take() { url = hinted } else { url = try await enumerationURL() }
            }
        }
        guard let current = url else { return nil }
        let body = try await fetch(current)
        pageNumber += 1
        pageURLs[pageNumber] = current
        // The next page is asked for as soon as the body seems to name it, while this one's items are decoded and placed
        // and the pages before it written; the decoded page confirms the link, or the guess is dropped.
        if let hint = body.nextLinkHint { startPrefetch(hint) }
        var page = try body.page()
        if let next = page.nextLink {
            do {
                try guardian.followed(by: next, itemCount: page.value.count)
            } catch {
                dropPrefetch()
                throw error
            }
            if prefetch?.link != next { startPrefetch(next) }
        } else {
            dropPrefetch()
        }
        // The items are moved out of the page one by one, last first after a reversal, rather than copied out of it.
        var items: [DriveItem] = []
        swap(&items, &page.value)
        items.reverse()
        var builder = ChangePageBuilder(pageSize: pageSize)
        while let item = items.popLast() {
            try await take(item, page: pageNumber, tree: tree, into: &builder)
        }
        if let next = page.nextLink {
            url = next
            let oldest = held.values.lazy.flatMap { $0 }.map(\.page).min()
            pending = builder.finish(resumeToken: oldest.flatMap { pageURLs[$0] } ?? next, nextChangeToken: nil)
            pageURLs = pageURLs.filter { $0.key >= (oldest ?? pageNumber + 1) }
        } else if let deltaLink = page.deltaLink {
            url = nil
            let incomplete = try await settleHeld(tree: tree, into: &builder)
            pending = builder.finish(resumeToken: nil, nextChangeToken: deltaLink)
            pending[pending.count - 1].incompleteReason = incomplete
            pending[pending.count - 1].problems = problems
        } else {
            throw ProviderError(.invalidResponse, "Microsoft Graph answered a delta page with neither @odata.nextLink nor @odata.deltaLink")
        }
        return pending.removeFirst()
    }

    private func currentTree() async throws -> LibraryTree {
        if let tree { return tree }
        let resolved = try await location.resolve()
        let created = LibraryTree(
            location: resolved, includeSubfolders: source.includeSubfolders, directory: mode == .changes ? directory : nil)
        if mode == .full, let progress = try await directory.listingProgress() { created.seed(progress) }
        tree = created
        return created
    }

    // MARK: Fetching

    /// The start of a full enumeration: the drive's `root/delta` without a token.
    private func enumerationURL() async throws -> String {
        let resolved = try await location.resolve()
        return api.root + "/drives/" + GraphURL.escapedSegment(resolved.driveID) + "/root/delta?$select=" + DriveItem.selectedFields
            + "&$top=" + String(min(pageSize, 1000))
    }

    /// Asks for `link` ahead; a page asked for ahead answers only a fetch of that very link.
    private func startPrefetch(_ link: String) {
        dropPrefetch()
        let api = api
        let cost = Self.cost(of: link)
        prefetch = (link, Task { try await api.deltaPage(link, cost: cost) })
    }

    private func dropPrefetch() {
        prefetch?.task.cancel()
        prefetch = nil
    }

    /// What a delta request costs: SharePoint prices a delta with a token (a stored delta link, and every next link,
    /// in either syntax) at one resource unit and only the first page of an enumeration, without a token, at two.
    static func cost(of link: String) -> GraphAPI.Cost {
        if link.contains("(token=") { return .single }
        let query = URLComponents(string: link)?.queryItems ?? []
        return query.contains { $0.name == "token" && !($0.value ?? "").isEmpty } ? .single : .multiple
    }

    private func fetch(_ link: String) async throws -> DeltaPageBody {
        do {
            if let prefetch {
                self.prefetch = nil
                if prefetch.link == link { return try await prefetch.task.value }
                prefetch.task.cancel()
            }
            return try await api.deltaPage(link, cost: Self.cost(of: link))
        } catch let refusal as GraphRefusal {
            if refusal.status == 410 { return try await startOver(after: refusal) }
            throw await explain(refusal)
        }
    }

    private func startOver(after refusal: GraphRefusal) async throws -> DeltaPageBody {
        let code = refusal.error.codes.last ?? "resyncRequired"
        switch mode {
        case .changes:
            resync.remember(refusal.location)
            throw ProviderError(
                .cursorExpired, "Microsoft Graph no longer accepts the stored delta link (410 \(code)); listing everything again")
        case .full:
            guard !restarted else {
                throw ProviderError(
                    .unavailable, "Microsoft Graph answered 410 \(code) twice during one enumeration; the next sync starts over")
            }
            restarted = true
            held = [:]
            heldCount = 0
            pageURLs = [:]
            guardian.restart()
            var link = refusal.location ?? ""
            if link.isEmpty { link = try await enumerationURL() }
            url = link
            return try await fetch(link)
        }
    }

    private func explain(_ refusal: GraphRefusal) async -> ProviderError {
        let error = refusal.error
        switch error.status {
        case 403:
            let roles = await api.currentRoles()
            let hint = roles?.isSitesSelectedOnly == true ? " (was the site's Sites.Selected grant removed?)" : ""
            return ProviderError(.unauthorized, "Microsoft Graph denied \(api.app) the library's changes\(hint) (\(error.summary))")
        case 404:
            return ProviderError(.configuration, "Microsoft Graph no longer knows the library (\(error.summary))")
        default:
            return ProviderError(.invalidResponse, "Microsoft Graph refused a delta request (\(error.summary))")
        }
    }

    // MARK: Items

    private func take(_ item: DriveItem, page: Int, tree: LibraryTree, into builder: inout ChangePageBuilder) async throws {
        switch item.kind {
        case .root:
            return
        case .deleted:
            dropHeld(item.id)
            if try await tree.isFolder(item.id) {
                tree.remove(item.id)
                if mode == .changes { builder.removeFolder(item.id) }
            } else if mode == .changes {
                builder.removeFile(item.id)
            }
        case .folder:
            dropHeld(item.id)
            let previous = try await tree.previous(item.id)
            let name = item.name ?? item.id
            tree.record(item.id, name: name, parentID: item.parentID)
            try await place(item, page: page, previous: previous, tree: tree, into: &builder)
        case .file, .package:
            dropHeld(item.id)
            try await place(item, page: page, previous: nil, tree: tree, into: &builder)
        }
    }

    private func place(
        _ item: DriveItem, page: Int, previous: (name: String, parentID: String?, recorded: Bool)?, tree: LibraryTree,
        into builder: inout ChangePageBuilder
    ) async throws {
        guard let parentID = item.parentID else {
            problems.append("item \(item.id) (\(item.name ?? "no name")) came without a parent and was skipped")
            return
        }
        let isFolder = item.kind == .folder
        let placement = try await tree.placement(ofChildrenOf: parentID)
        switch placement {
        case .inside(let path) where !isFolder:
            builder.upsert(item.fileMetadata(folderPath: path))
        case .inside(let path):
            let name = item.name ?? item.id
            if source.includeSubfolders {
                let folderPath = LibraryTree.join(path, name)
                builder.upsert(CatalogFolder(id: item.id, name: name, path: folderPath, parentID: parentID))
                if mode == .changes, needsWalk(previous: previous, name: name, parentID: parentID, tree: tree) {
                    try await SubtreeWalk(api: api, driveID: tree.location.driveID, maxInFlight: maxInFlight)
                        .walk(folderID: item.id, path: folderPath, tree: tree, into: &builder)
                }
            }
            try await release(under: item.id, tree: tree, into: &builder)
        case .outside:
            if mode == .changes {
                if isFolder {
                    if previous?.recorded == true { builder.removeFolder(item.id) }
                } else {
                    builder.removeFile(item.id)
                }
            }
            if isFolder { try await release(under: item.id, tree: tree, into: &builder) }
        case .unknown:
            held[parentID, default: []].append(Held(item: item, page: page))
            heldCount += 1
        }
    }

    /// A folder inside the subtree must be listed again when its descendants' paths changed (renamed or moved
    /// within) or when they may not be in the catalog (moved in from outside: delta does not send them).
    private func needsWalk(
        previous: (name: String, parentID: String?, recorded: Bool)?, name: String, parentID: String, tree: LibraryTree
    )
        -> Bool
    {
        guard let previous else { return !tree.location.isWholeLibrary }
        return previous.recorded && (previous.name != name || previous.parentID != parentID)
    }

    private func release(under folderID: String, tree: LibraryTree, into builder: inout ChangePageBuilder) async throws {
        guard let children = held.removeValue(forKey: folderID) else { return }
        heldCount -= children.count
        for child in children {
            try await take(child.item, page: child.page, tree: tree, into: &builder)
        }
    }

    private func dropHeld(_ id: String) {
        guard heldCount > 0 else { return }
        for (parent, children) in held where children.contains(where: { $0.item.id == id }) {
            let kept = children.filter { $0.item.id != id }
            heldCount -= children.count - kept.count
            held[parent] = kept.isEmpty ? nil : kept
        }
    }

    /// Places what is still held when the listing reached its delta link; returns why the listing cannot be vouched
    /// for, if it cannot.
    private func settleHeld(tree: LibraryTree, into builder: inout ChangePageBuilder) async throws -> String? {
        guard heldCount > 0 else { return nil }
        switch mode {
        case .changes:
            // Every folder inside the subtree is in the catalog or in this listing: an unknown parent is outside.
            let orphans = held.values.flatMap { $0 }
            held = [:]
            heldCount = 0
            for orphan in orphans {
                if orphan.item.kind == .folder {
                    if try await tree.previous(orphan.item.id)?.recorded == true { builder.removeFolder(orphan.item.id) }
                } else {
                    builder.removeFile(orphan.item.id)
                }
            }
            return nil
        case .full:
            var ancestry = AncestryLookup(api: api, driveID: tree.location.driveID)
            for parentID in Array(held.keys) {
                try await ancestry.learn(parentID, tree: tree)
            }
            var placedSome = true
            while placedSome, heldCount > 0 {
                placedSome = false
                for parentID in Array(held.keys) where try await tree.placement(ofChildrenOf: parentID) != .unknown {
                    try await release(under: parentID, tree: tree, into: &builder)
                    placedSome = true
                }
            }
            guard heldCount > 0 else { return nil }
            let count = heldCount
            held = [:]
            heldCount = 0
            return "\(count) items came under folders the enumeration never sent and Graph could not place"
        }
    }
}
