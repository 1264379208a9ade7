import ConnectorModel
import ConnectorProvider
import Foundation

/// One listing: a walk from the roots (the project's top folders, or `folderIds`) through
/// `folders/{id}/contents`, one request per page, following `links.next` until it is absent (short and empty
/// pages occur before the end).
///
/// A full listing lists every child and leaves hidden items and deleted tips out. A changes walk
/// (``WalkCursor/since`` set) prunes: per folder, one pass for subfolders with
/// `filter[lastModifiedTimeRollup]-ge` (an unchanged subtree is never entered) and one for items with
/// `filter[lastModifiedTime]-ge`, both with `includeHidden=true` so that deletions show up as removals. A folder
/// renamed, moved in or created since the cursor (its own `lastModifiedTime` is recent and the catalog does not
/// know it at that path) is listed whole.
///
/// Up to `maxInFlight` folders are listed at once (each folder's pages follow one another, as `links.next` chains),
/// so a walk over a network is bound by the per-family budgets the requests wait for, not by one round trip at a
/// time. Answers are handed on one at a time, in the order they arrive; the cursor stored with each page holds
/// every folder in progress where its handed-on pages leave it, so a resume asks again for what was not committed.
/// The stream's unfolding closure never runs concurrently, hence `@unchecked Sendable`.
final class FolderWalk: @unchecked Sendable {
    let api: DataManagementAPI
    let diagnosis: AccessDiagnosis
    let rootFolderIDs: [String]?
    let limit: Int
    let directory: any FolderDirectory
    let wallClock: @Sendable () -> Date
    let margin: TimeInterval
    let maxInFlight: Int
    private var cursor: WalkCursor
    private var finished = false
    private var checkedCredentials = false
    /// The folders in progress by listing number, each with the guard on its page chain (the request out for each,
    /// if any, is in `inFlight`).
    private var listings: [Int: Lane] = [:]
    private var nextListing = 0
    private var inFlight: [Int: Task<Void, Never>] = [:]
    private let answers: AsyncStream<Answer>
    private let deliver: AsyncStream<Answer>.Continuation
    private var arrivals: AsyncStream<Answer>.Iterator
    /// How many top folders this walk found (nil for a resumed walk, which did not read them), how many of those the
    /// app may not read, and the first such refusal: a 403 on one top folder skips it, but a walk refused every top
    /// folder fails with the refusal explained.
    private var rootCount: Int?
    private var refusedRoots = 0
    private var rootRefusal: (refusal: DataManagementAPI.Refusal, folderID: String)?

    /// One folder being listed.
    private struct Lane {
        var listing: WalkCursor.Listing
        var pages = PageSequenceGuard(api: "Autodesk folder contents")
    }

    /// One answer, from a request task to the walk.
    private struct Answer: Sendable {
        var listing: Int
        var result: Result<JSONAPIList, any Error>
    }

    init(
        api: DataManagementAPI, diagnosis: AccessDiagnosis, rootFolderIDs: [String]?, pageSize: Int, directory: any FolderDirectory,
        cursor: WalkCursor, wallClock: @escaping @Sendable () -> Date, margin: TimeInterval, maxInFlight: Int = 1
    ) {
        self.api = api
        self.diagnosis = diagnosis
        self.rootFolderIDs = rootFolderIDs
        self.limit = min(max(pageSize, 1), 200)
        self.directory = directory
        self.wallClock = wallClock
        self.margin = margin
        self.maxInFlight = max(1, maxInFlight)
        var cursor = cursor
        for listing in cursor.active {
            listings[nextListing] = Lane(listing: listing)
            nextListing += 1
        }
        cursor.active = []
        self.cursor = cursor
        (answers, deliver) = AsyncStream.makeStream(of: Answer.self)
        arrivals = answers.makeAsyncIterator()
    }

    deinit {
        cancel()
    }

    /// Whether this is a pruned changes walk.
    var isChangesWalk: Bool { cursor.since != nil }
    private var sinceFilter: String { cursor.since.map(Self.filterValue) ?? "" }

    /// The next page, or nil after the last.
    func next() async throws -> ProviderPage? {
        guard !finished else { return nil }
        if !checkedCredentials {
            try await api.checkCredentials()
            checkedCredentials = true
        }
        if cursor.startedAt == nil { cursor.startedAt = wallClock() }
        var page = WalkPage()
        if !cursor.rootsDone {
            try await readRoots(into: &page)
            cursor.rootsDone = true
        } else {
            startRequests()
            if !inFlight.isEmpty {
                guard let answer = await arrivals.next() else { throw CancellationError() }
                inFlight[answer.listing] = nil
                do {
                    try await handle(answer, into: &page)
                } catch {
                    cancel()
                    throw error
                }
            }
        }
        startRequests()
        let isLast = listings.isEmpty && cursor.pending.isEmpty
        if isLast, let rootCount, refusedRoots == rootCount, let rootRefusal {
            throw await diagnosis.explain(rootRefusal.refusal, folderID: rootRefusal.folderID)
        }
        finished = isLast
        let nextToken = isLast ? WalkCursor(since: (cursor.startedAt ?? wallClock()).addingTimeInterval(-margin)).token : nil
        var committed = cursor
        committed.active = listings.keys.sorted().compactMap { listings[$0]?.listing }
        return ProviderPage(
            files: page.files, removedIDs: page.removedIDs, folders: page.folders, removedFolderIDs: page.removedFolderIDs,
            resumeToken: committed.token, nextChangeToken: nextToken, isLast: isLast, incompleteReason: page.incompleteReason,
            problems: page.problems)
    }

    /// Stops every request in flight.
    private func cancel() {
        for task in inFlight.values { task.cancel() }
        inFlight = [:]
    }

    /// Asks for the next page of every folder in progress that has no request out, and starts listing waiting
    /// folders (the most recently found first, as a depth-first walk would) while fewer than `maxInFlight` are.
    private func startRequests() {
        for (number, lane) in listings where inFlight[number] == nil {
            launch(number, lane.listing)
        }
        while listings.count < maxInFlight, let folder = cursor.pending.popLast() {
            let listing = WalkCursor.Listing(folder: folder, phase: folder.mode == .pruned ? .folders : .all, next: nil)
            let number = nextListing
            nextListing += 1
            listings[number] = Lane(listing: listing)
            launch(number, listing)
        }
    }

    private func launch(_ number: Int, _ listing: WalkCursor.Listing) {
        let url: String
        if let next = listing.next {
            guard let resolved = api.resolve(next) else {
                let error = ProviderError(
                    .invalidResponse,
                    "links.next of folder \(listing.folder.path) is not a URL: \(String(next.prefix(200)).debugDescription)")
                inFlight[number] = Task { [deliver] in deliver.yield(Answer(listing: number, result: .failure(error))) }
                return
            }
            url = resolved
        } else {
            url = api.contentsURL(listing.folder.id, limit: limit, query: query(for: listing))
        }
        let (api, deliver) = (api, deliver)
        inFlight[number] = Task {
            let result: Result<JSONAPIList, any Error>
            do {
                result = .success(try await api.get(url, family: .folderContents, as: JSONAPIList.self))
            } catch {
                result = .failure(error)
            }
            deliver.yield(Answer(listing: number, result: result))
        }
    }

    // MARK: Roots

    private func readRoots(into page: inout WalkPage) async throws {
        var roots: [JSONAPIResource] = []
        if let rootFolderIDs {
            for id in rootFolderIDs {
                do {
                    roots.append(try await api.get(api.folderURL(id), family: .folder, as: JSONAPISingle.self).data)
                } catch let refusal as DataManagementAPI.Refusal {
                    throw await diagnosis.explain(refusal, folderID: id)
                }
            }
        } else {
            do {
                roots = try await api.get(api.topFoldersURL, family: .topFolders, as: JSONAPIList.self).data
            } catch let refusal as DataManagementAPI.Refusal {
                throw await diagnosis.explain(refusal, folderID: nil)
            }
        }
        var pending: [WalkCursor.Folder] = []
        for root in roots where root.type == "folders" {
            let name = root.attributes?.name ?? root.attributes?.displayName ?? root.id
            if root.isHidden {
                if isChangesWalk {
                    page.removedFolderIDs.append(root.id)
                    pending.append(WalkCursor.Folder(id: root.id, path: name, mode: .removed))
                }
                continue
            }
            page.folders.append(CatalogFolder(id: root.id, name: name, path: name, parentID: nil))
            if let mode = await mode(ofChild: root, path: name, parentMode: isChangesWalk ? .pruned : .all) {
                pending.append(WalkCursor.Folder(id: root.id, path: name, mode: mode))
            }
        }
        cursor.pending = pending.reversed()
        rootCount = page.folders.count
    }

    /// How to walk a visible child folder, or nil to skip it (a pruned walk's unchanged root).
    private func mode(ofChild folder: JSONAPIResource, path: String, parentMode: WalkCursor.Mode) async -> WalkCursor.Mode? {
        guard parentMode == .pruned, let since = cursor.since else { return parentMode }
        let rollup = folder.attributes?.lastModifiedTimeRollup.flatMap { Timestamp.parse($0, zoneOptional: true) }
        if let rollup, rollup < since.addingTimeInterval(-1) { return nil }
        let own = folder.attributes?.lastModifiedTime.flatMap { Timestamp.parse($0, zoneOptional: true) } ?? .distantFuture
        if own >= since.addingTimeInterval(-1) {
            let known = try? await directory.folder(id: folder.id)
            if known?.path != path { return .all }
        }
        return .pruned
    }

    // MARK: Pages

    private func query(for listing: WalkCursor.Listing) -> [(String, String)] {
        switch (listing.folder.mode, listing.phase) {
        case (.pruned, .folders):
            return [("filter[type]", "folders"), ("filter[lastModifiedTimeRollup]-ge", sinceFilter), ("includeHidden", "true")]
        case (.pruned, _):
            return [("filter[type]", "items"), ("filter[lastModifiedTime]-ge", sinceFilter), ("includeHidden", "true")]
        case (.removed, _):
            return [("includeHidden", "true")]
        case (.all, _):
            return isChangesWalk ? [("includeHidden", "true")] : []
        }
    }

    /// Takes one answer: the page's children and items, and where its folder's listing goes next.
    private func handle(_ answer: Answer, into page: inout WalkPage) async throws {
        guard var lane = listings[answer.listing] else { return }
        let folder = lane.listing.folder
        let list: JSONAPIList
        do {
            list = try answer.result.get()
        } catch let refusal as DataManagementAPI.Refusal {
            let isRoot = !folder.path.contains("/")
            if refusal.error.code == .forbidden {
                // A folder the app may not read: skip it, and infer no removals from this listing. A top folder is
                // skipped too while another is readable; a walk that can read none fails at its end (above).
                if isRoot {
                    refusedRoots += 1
                    if rootRefusal == nil { rootRefusal = (refusal, folder.id) }
                }
                page.problems.append("folder \(folder.path) is not readable by the app (403); skipped")
                page.incompleteReason = "folder \(folder.path) is not readable by the app"
            } else if refusal.error.code == .notFound {
                // The folder went away since it was queued: what it held is swept as removed.
                page.problems.append("folder \(folder.path) disappeared during the listing")
            } else {
                throw await diagnosis.explain(refusal, folderID: folder.id)
            }
            listings[answer.listing] = nil
            return
        }
        var children: [WalkCursor.Folder] = []
        var items: [JSONAPIResource] = []
        for entry in list.data {
            if entry.type == "folders" {
                if let child = await child(entry, of: folder, page: &page) { children.append(child) }
            } else if entry.type == "items" {
                items.append(entry)
            }
        }
        try await addItems(items, included: list.included ?? [], of: folder, into: &page)
        cursor.pending.append(contentsOf: children.reversed())
        if let next = list.links?.next?.href {
            try lane.pages.followed(by: next, itemCount: list.data.count)
            lane.listing.next = next
            listings[answer.listing] = lane
        } else if folder.mode == .pruned, lane.listing.phase == .folders {
            listings[answer.listing] = Lane(listing: WalkCursor.Listing(folder: folder, phase: .items, next: nil))
        } else {
            listings[answer.listing] = nil
        }
    }

    private func child(_ entry: JSONAPIResource, of folder: WalkCursor.Folder, page: inout WalkPage) async -> WalkCursor.Folder? {
        let name = entry.attributes?.name ?? entry.attributes?.displayName ?? entry.id
        let path = folder.path + "/" + name
        if folder.mode == .removed || entry.isHidden {
            guard isChangesWalk else { return nil }
            page.removedFolderIDs.append(entry.id)
            return WalkCursor.Folder(id: entry.id, path: path, mode: .removed)
        }
        page.folders.append(CatalogFolder(id: entry.id, name: name, path: path, parentID: folder.id))
        return await mode(ofChild: entry, path: path, parentMode: folder.mode).map { WalkCursor.Folder(id: entry.id, path: path, mode: $0) }
    }
}

/// What one walk page collects.
struct WalkPage {
    var files: [FileMetadata] = []
    var removedIDs: [String] = []
    var folders: [CatalogFolder] = []
    var removedFolderIDs: [String] = []
    var problems: [String] = []
    var incompleteReason: String?
}

extension FolderWalk {
    /// The value of a `filter[...]-ge` time: `YYYY-MM-DDTHH:MM:SS` in UTC, cut down to the second.
    ///
    /// The service compares filter values lexicographically with stored values such as
    /// `2024-03-05T09:00:00.0000000Z`; this form (documented for `filter[lastModifiedTimeRollup]`, UTC when no
    /// zone is given) is a prefix of every stored time in the same second, so `-ge` never misses one.
    static func filterValue(_ date: Date) -> String {
        String(Timestamp.rfc3339Milliseconds(date).prefix(19))
    }
}
