import AsyncAlgorithms
import ConnectorModel
import ConnectorProvider
import ConnectorStore
import Foundation
import Logging

/// One run's listing: pulls pages, filters them, commits each with its cursor, sweeps at the end
/// of a complete full listing, and falls back to a full listing once when the change token is rejected.
final class SyncListing {
    let engine: SyncEngine
    let endpoint: String
    var plan: SyncPlan
    /// The run's, carried by the events of the files it writes.
    let correlationID: String
    let logger: Logger
    private(set) var counts = SyncPageCounts()
    private(set) var fullListingCompletedAt: Date?
    private(set) var problems: [String] = []
    /// Why the provider could not vouch for a full listing, which therefore completed without a sweep.
    private(set) var unvouchedReason: String?
    private var filesSeen = 0

    init(engine: SyncEngine, endpoint: String, plan: SyncPlan, correlationID: String, logger: Logger) {
        self.engine = engine
        self.endpoint = endpoint
        self.plan = plan
        self.correlationID = correlationID
        self.logger = logger
    }

    var statistics: ProviderStatistics { plan.provider.statistics }

    func run(progress: (Int) -> Void) async throws {
        do {
            try await list(progress: progress)
        } catch let error as ProviderError where error.code == .cursorExpired && !plan.mode.isFull {
            logger.notice("change token rejected; listing everything again")
            // Only how it lists changes: the filters, page size and sync.timeout stay the endpoint's.
            plan.mode = try await engine.newFullListing(provider: plan.provider)
            plan.beganOnEmptyCatalog = false
            try await list(progress: progress)
        }
    }

    /// Lists in three stages that run at once: the provider fetches (walks) the next page, the page before it is
    /// filtered and hashed, and the ones before that are written (a page in each of the first two stages, and up to
    /// ``SyncEngine/waitingPages`` waiting for the store, committed together). The child tasks end with the listing,
    /// whichever way it ends.
    private func list(progress: (Int) -> Void) async throws {
        let request: ListingRequest
        switch plan.mode {
        case .full(_, let resumeToken, _, _): request = .full(resumeToken: resumeToken, pageSize: plan.pageSize)
        case .incremental(let token): request = .changes(token: token, pageSize: plan.pageSize)
        }
        let stream = plan.provider.list(request)
        let fetched = AsyncThrowingChannel<ProviderPage, any Error>()
        let prepared = PreparedPageQueue(capacity: engine.waitingPages)
        let (filter, endpoint, now) = (plan.filter, endpoint, engine.now)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await page in stream { await fetched.send(page) }
                    fetched.finish()
                } catch {
                    fetched.fail(error)
                }
            }
            group.addTask {
                do {
                    for try await page in fetched {
                        await prepared.put(PreparedPage(page, filter: filter, endpoint: endpoint, seenAt: now()))
                    }
                    prepared.finish()
                } catch {
                    prepared.finish(throwing: error)
                }
            }
            defer {
                // Wakes the middle stage should it wait for room that the writer, stopped, will not make.
                prepared.finish(throwing: CancellationError())
                group.cancelAll()
            }
            try await withTaskCancellationHandler {
                try await consume(prepared, progress: progress)
            } onCancel: {
                prepared.finish(throwing: CancellationError())
            }
        }
    }

    private func consume(_ pages: PreparedPageQueue, progress: (Int) -> Void) async throws {
        let deadline = engine.now().addingTimeInterval(plan.timeout.timeInterval)
        // A resumed listing carries what its earlier pages could not vouch for.
        var incompleteReason: String? = if case .full(_, _, _, let unvouched) = plan.mode { unvouched } else { nil }
        var sawLastPage = false
        var lastResume: String?
        while let batch = try await pages.takeAll() {
            try Task.checkCancellation()
            guard engine.now() < deadline else {
                throw ProviderError(
                    .unavailable,
                    "the sync ran longer than sync.timeout (\(plan.timeout)) and stopped after the last committed page; the next sync resumes"
                )
            }
            var writes: [SyncPageWrite] = []
            writes.reserveCapacity(batch.count)
            for prepared in batch {
                let page = prepared.page
                sawLastPage = page.isLast
                incompleteReason = incompleteReason ?? page.incompleteReason
                lastResume = page.resumeToken ?? lastResume
                let cursor = cursorAfter(page, resume: lastResume, unvouched: incompleteReason)
                // A full listing finds removals by sweeping; files now out of scope are simply not seen.
                let removals = plan.mode.isFull ? [] : page.removedIDs + prepared.outOfScope
                writes.append(
                    SyncPageWrite(
                        endpoint: endpoint, files: prepared.kept, removedIDs: removals, folders: page.folders,
                        removedFolderIDs: plan.mode.isFull ? [] : page.removedFolderIDs, seenAt: prepared.seenAt,
                        cursor: cursor?.text, listingStartedAt: plan.mode.listingStartedAt, correlationID: correlationID))
            }
            let store = engine.store
            counts += try await uncancellable { [writes] in try await store.applySyncPages(writes) }
            for prepared in batch {
                filesSeen += prepared.fileCount
                problems += prepared.problems
                for problem in prepared.problems { logger.warning("entry skipped", metadata: ["problem": "\(problem)"]) }
            }
            progress(filesSeen)
        }
        // A stream also ends when the task is cancelled; only a listing that reached its last page
        // may sweep, or a cancelled sync would mark every file it had not reached yet as removed.
        try Task.checkCancellation()
        guard sawLastPage else {
            throw ProviderError(.invalidResponse, "the listing ended before its last page")
        }
        if case .full(let startedAt, _, let changeToken, _) = plan.mode {
            let next: SyncCursor = changeToken.map { .incremental(token: $0) } ?? .complete
            if let incompleteReason {
                logger.warning(
                    "the provider could not vouch for the listing; no removals inferred", metadata: ["reason": "\(incompleteReason)"])
                unvouchedReason = incompleteReason
            }
            let time = engine.now()
            let store = engine.store
            let (endpoint, correlationID) = (self.endpoint, self.correlationID)
            let sweeping = incompleteReason == nil
            let ending: ListingEnding = sweeping ? (plan.beganOnEmptyCatalog ? .sweepAfterEmptyStart : .sweep) : .keepUnseen
            counts.removed += try await uncancellable {
                try await store.completeListing(
                    endpoint: endpoint, listingStartedAt: startedAt, ending: ending, cursor: next.text, at: time,
                    correlationID: correlationID)
            }
            if sweeping { fullListingCompletedAt = time }
        }
    }

    /// The cursor stored with a page: a full listing records where to resume; a change feed records
    /// the next page token, or the next change token on its last page.
    private func cursorAfter(_ page: ProviderPage, resume: String?, unvouched: String?) -> SyncCursor? {
        switch plan.mode {
        case .full(let startedAt, _, let changeToken, _):
            return .full(startedAt: startedAt, resumeToken: resume, changeToken: changeToken, unvouched: unvouched)
        case .incremental:
            if page.isLast, let next = page.nextChangeToken { return .incremental(token: next) }
            return page.resumeToken.map { .incremental(token: $0) }
        }
    }
}
