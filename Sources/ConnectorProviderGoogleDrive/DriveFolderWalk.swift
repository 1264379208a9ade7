import ConnectorHTTP
import ConnectorModel
import ConnectorProvider

/// A breadth-first walk of a folder tree that asks for the children of many folders at once
/// (`('a' in parents or 'b' in parents …) and trashed = false`, as rclone's fast-list does), so a tree needs about
/// as many requests as it has pages of results, not one per folder.
///
/// Paths are rebuilt from parents as the walk descends. A folder reachable twice is walked once; a file reachable
/// twice (several parents) is reported once; two files with the same name in one folder keep their own ids.
/// Only folders whose path is known wait in the queue, so memory holds folders, never files.
///
/// Drive's multi-parent query bug (Google issue 149522397, rclone's `fast_list_bug_fix`): a query naming several
/// parents sometimes answers with nothing, or without the children of some of them, and still says
/// `incompleteSearch: false`. So a batched answer that shows no child for a folder is never taken as proof that the
/// folder is empty: unless the catalog already knows it empty (``CatalogFolder/isEmpty``, which the store keeps
/// true only while nothing is recorded below it), the folder is asked for again on its own, the form that is not
/// affected. Each folder is reported with what the walk learnt (empty or not), so the next listing asks again
/// only for folders that gained no child and were not known empty.
///
/// Requests in flight: up to `maxInFlight` batches are asked for at once (each batch's pages follow one another, as
/// page tokens chain), so a walk over a network is not bound by one round trip at a time. When few folders wait,
/// they are spread over more, smaller batches to keep the requests in flight; with many waiting, a batch takes as
/// many folders as the children seen so far say fit one page (at most 50), so the walk runs many one-page queries
/// side by side rather than a few long chains of pages. Responses are processed one at a time, in the order they
/// arrive; every page stands on its own (a folder is reported finished only on its batch's last page), so the order
/// pages are committed in never matters for a resume or a sweep. How many requests are in flight adapts within
/// `maxInFlight` (``RequestWindow``): as many as answers the caller takes in one round trip, so over a network the
/// caller does not wait for answers, and on a fast link answers do not pile up faster than the sync writes them (a
/// decoded page of a thousand files takes about 2 MB).
final class DriveFolderWalk {
    /// What one `files.list` response contributed.
    struct Step {
        var files: [FileMetadata] = []
        var folders: [CatalogFolder] = []
        /// Why the walk cannot vouch for this response, if it cannot.
        var incompleteReason: String?
        /// True when nothing is left to ask for.
        var isLast = false
    }

    /// One query in progress: the folders it asks for and what their answers showed so far.
    private struct Batch {
        var folders: [String: CatalogFolder]
        var query: String
        var withChildren: Set<String> = []
        var children = 0
        var pages = PageSequenceGuard(api: "Google Drive files.list")
        var vouched = true
    }

    /// One answer, from a request task to the walk.
    private struct Answer: Sendable {
        var batch: Int
        var paging: Bool
        var result: Result<DriveFileList, any Error>
        /// From the request's start to the answer's delivery.
        var roundTrip: Duration
    }

    private let api: DriveAPI
    private let pageSize: Int
    private let descends: Bool
    private let catalog: any FolderDirectory
    private let maxInFlight: Int
    private var queue: [CatalogFolder]
    private var queueStart = 0
    /// Folders to ask for again one by one because a batched answer showed them no child.
    private var recheck: [CatalogFolder] = []
    private var batches: [Int: Batch] = [:]
    private var nextBatch = 0
    private var inFlight: [Int: Task<Void, Never>] = [:]
    /// How many requests may be in flight now (1 to `maxInFlight`).
    private var window: RequestWindow
    /// When the caller took the last answer: the time to its next call is what it spent on that answer.
    private var answerTakenAt: ContinuousClock.Instant?
    private let answers: AsyncStream<Answer>
    private let deliver: AsyncStream<Answer>.Continuation
    private var arrivals: AsyncStream<Answer>.Iterator
    private var visitedFolders: Set<String>
    /// Files with more than one parent already reported (each of their parents' batches lists them). A file with one
    /// parent is listed by one batch only, so the set stays as small as the tree's multi-parent files (Drive has let
    /// a file have one parent since 2020) instead of holding every id of a million-file walk.
    private var emittedMultiParentFiles: Set<String> = []
    /// Children seen in finished batches, and those batches' folders: the mean number of children per folder.
    private var childrenSeen = 0
    private var foldersFinished = 0
    /// Whether the request that failed last carried a page token (the caller restarts on a rejected one).
    private(set) var failedWhilePaging = false

    /// A walk below `start` (whose own record the caller reports).
    /// - Parameters:
    ///   - api: The Drive calls.
    ///   - start: The folder to list, with its path relative to the endpoint's root.
    ///   - pageSize: `pageSize` of each `files.list` request (at most 1000).
    ///   - descends: Whether subfolders are walked (`includeSubfolders`); when false only `start`'s files are listed.
    ///   - catalog: The folders the catalog recorded, for the ones it knows to be empty.
    ///   - maxInFlight: The most `files.list` requests in flight at once (`sync.maxConcurrentRequests`).
    convenience init(api: DriveAPI, start: CatalogFolder, pageSize: Int, descends: Bool, catalog: any FolderDirectory, maxInFlight: Int = 1)
    {
        self.init(
            api: api, queue: [start], visited: [start.id], pageSize: pageSize, descends: descends, catalog: catalog,
            maxInFlight: maxInFlight)
    }

    /// A walk that goes on where an interrupted one stopped: `progress` holds the folders it had recorded, and the
    /// ones whose children it had not all listed are asked for again (shallowest first); the others are not.
    convenience init(
        api: DriveAPI, resuming progress: [CatalogFolder], pageSize: Int, descends: Bool, catalog: any FolderDirectory, maxInFlight: Int = 1
    ) {
        let unfinished = progress.filter { !$0.childrenListed }.sorted { ($0.depth, $0.path, $0.id) < ($1.depth, $1.path, $1.id) }
        self.init(
            api: api, queue: unfinished, visited: Set(progress.map(\.id)), pageSize: pageSize, descends: descends, catalog: catalog,
            maxInFlight: maxInFlight)
    }

    private init(
        api: DriveAPI, queue: [CatalogFolder], visited: Set<String>, pageSize: Int, descends: Bool, catalog: any FolderDirectory,
        maxInFlight: Int
    ) {
        self.api = api
        self.pageSize = pageSize
        self.descends = descends
        self.catalog = catalog
        self.maxInFlight = max(1, maxInFlight)
        window = RequestWindow(limit: self.maxInFlight)
        self.queue = queue
        visitedFolders = visited
        (answers, deliver) = AsyncStream.makeStream(of: Answer.self)
        arrivals = answers.makeAsyncIterator()
    }

    deinit {
        cancel()
    }

    /// Stops every request in flight.
    func cancel() {
        for task in inFlight.values { task.cancel() }
        inFlight = [:]
        deliver.finish()
    }

    /// The next response's files and folders, or nil when the walk is over.
    /// - Throws: ``HTTPError`` for a rejected request (the caller decides about restarts), ``ProviderError`` otherwise.
    func next() async throws -> Step? {
        try Task.checkCancellation()
        startRequests()
        guard !inFlight.isEmpty else { return nil }
        if let answerTakenAt { window.record(timePerAnswer: .now - answerTakenAt) }
        guard let answer = await arrivals.next() else { throw CancellationError() }
        answerTakenAt = .now
        window.record(roundTrip: answer.roundTrip)
        inFlight[answer.batch] = nil
        let response: DriveFileList
        switch answer.result {
        case .success(let value): response = value
        case .failure(let error):
            failedWhilePaging = answer.paging
            cancel()
            throw error
        }
        guard var batch = batches[answer.batch] else { return try await next() }
        var step = Step()
        if response.incompleteSearch == true {
            step.incompleteReason = "Google Drive answered a files.list query with incompleteSearch: true"
            batch.vouched = false
        }
        batch.children += response.files?.count ?? 0
        // By index, not `for file in files`: each answer's entries are read in place rather than copied with every
        // field they hold (a tenth of a re-sync's retains).
        let files = response.files ?? []
        for index in files.indices {
            let parents = files[index].parents ?? []
            guard let parent = parents.lazy.compactMap({ batch.folders[$0] }).first else { continue }
            for id in parents where batch.folders[id] != nil { batch.withChildren.insert(id) }
            let id = files[index].id
            let name = files[index].name ?? id
            let path = parent.childPath(driveName: name)
            if files[index].isFolder {
                guard descends, visitedFolders.insert(id).inserted else { continue }
                let folder = CatalogFolder(id: id, name: name, path: path, parentID: parent.id)
                step.folders.append(folder)
                queue.append(folder)
            } else if parents.count < 2 || emittedMultiParentFiles.insert(id).inserted {
                step.files.append(files[index].metadata(path: path))
            }
        }
        if let token = response.nextPageToken {
            try batch.pages.followed(by: token, itemCount: response.files?.count ?? 0)
            batches[answer.batch] = batch
            launch(answer.batch, query: batch.query, pageToken: token)
        } else {
            batches[answer.batch] = nil
            step.folders += try await finish(batch)
        }
        startRequests()
        step.isLast = inFlight.isEmpty && queueStart == queue.count && recheck.isEmpty
        return step
    }

    /// What the finished batch taught about its folders, as records to report (each now with all its children
    /// listed): a folder with a child is not empty; one asked for alone and answered without a child is; one a
    /// batched answer showed without a child is asked for again alone, unless the catalog knows it to be empty.
    private func finish(_ batch: Batch) async throws -> [CatalogFolder] {
        childrenSeen += batch.children
        foldersFinished += batch.folders.count
        var learnt: [CatalogFolder] = []
        for folder in batch.folders.values.sorted(by: { $0.path < $1.path }) {
            var record = folder
            record.childrenListed = true
            if batch.withChildren.contains(folder.id) {
                record.isEmpty = false
            } else if batch.folders.count == 1 {
                // A single-parent answer is the reliable form; an incomplete one proves nothing.
                guard batch.vouched else { continue }
                record.isEmpty = true
            } else if try await catalog.folder(id: folder.id)?.isEmpty == true {
                record.isEmpty = true
            } else {
                recheck.append(folder)
                continue
            }
            learnt.append(record)
        }
        return learnt
    }

    /// Starts batches while requests may be added: folders to ask for again alone first, then the queue, spread over
    /// as many batches as there are free places (at most 50 folders, and one query's length, per batch).
    private func startRequests() {
        while inFlight.count < window.size {
            if let folder = recheck.popLast() {
                start([folder])
                continue
            }
            let waiting = queue.count - queueStart
            guard waiting > 0 else { return }
            let free = window.size - inFlight.count
            let fitsOnePage =
                foldersFinished == 0 ? DriveQuery.maxParentsPerQuery : max(1, pageSize * foldersFinished / max(1, childrenSeen))
            let size = min(DriveQuery.maxParentsPerQuery, fitsOnePage, max(1, (waiting + free - 1) / free))
            var folders: [CatalogFolder] = []
            var length = 0
            while queueStart < queue.count, folders.count < size {
                let folder = queue[queueStart]
                let termLength = folder.id.utf8.count + 20
                if !folders.isEmpty, length + termLength > DriveQuery.maxQueryLength { break }
                folders.append(folder)
                length += termLength
                queueStart += 1
            }
            if queueStart > 4096, queueStart * 2 > queue.count {
                queue.removeFirst(queueStart)
                queueStart = 0
            }
            start(folders)
        }
    }

    private func start(_ folders: [CatalogFolder]) {
        let id = nextBatch
        nextBatch += 1
        let query = DriveQuery.children(of: folders.map(\.id))
        batches[id] = Batch(folders: Dictionary(folders.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }), query: query)
        launch(id, query: query, pageToken: nil)
    }

    private func launch(_ batch: Int, query: String, pageToken: String?) {
        let (api, pageSize, deliver) = (api, pageSize, deliver)
        inFlight[batch] = Task {
            let started = ContinuousClock.now
            let result: Result<DriveFileList, any Error>
            do {
                result = .success(try await api.list(q: query, pageToken: pageToken, pageSize: pageSize))
            } catch {
                result = .failure(error)
            }
            deliver.yield(Answer(batch: batch, paging: pageToken != nil, result: result, roundTrip: .now - started))
        }
    }
}

extension CatalogFolder {
    /// How deep the folder is below the endpoint's root (0 for the root).
    fileprivate var depth: Int { path.isEmpty ? 0 : path.utf8.reduce(1) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 } }
}
