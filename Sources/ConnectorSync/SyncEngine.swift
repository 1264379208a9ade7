import ConnectorModel
import ConnectorProvider
import ConnectorSchedule
import ConnectorStore
import Foundation
import Logging

/// Runs syncs: lists an endpoint's files through its provider, applies the filters, writes each page
/// in one transaction with the cursor that covers it, marks removed what a complete full listing did
/// not see, and records every run in `sync_runs`.
///
/// Memory stays flat: one page is in memory at a time. A run interrupted at any point resumes from
/// the last committed page; a cancelled run (SIGTERM) commits its current page and is recorded as
/// `cancelled`.
public struct SyncEngine: Sendable {
    let store: any SyncStore
    let registry: ProviderRegistry
    let environment: [String: String]
    let logger: Logger
    /// The clock the engine reads (injected; tests control time).
    public let now: @Sendable () -> Date
    /// How many prepared pages may wait for the store. The writer takes every page waiting and commits them
    /// together: when the store sets the pace, pages pile up and each commit carries several, so SQLite rewrites the
    /// index pages that random ids touch once for several pages rather than once for each. Two: a first sync of
    /// 100,000 Drive-shaped files into SQLite went 29,650 → 32,016 files/s (medians of five, alternating) for about
    /// 5 MiB more at its peak (57.5 → 62.2 MiB, within the 64 MiB it is held to since the commands that sync drop
    /// their start-up code from memory; a waiting page of a thousand such files holds 2–3 MiB). Microsoft 365's
    /// first sync, whose writer waits less, was unchanged.
    public var waitingPages = 2
    /// How long the end of a run is retried while the store is unreachable.
    public var recordRetryWindow: Duration = .seconds(120)
    /// The clock the end-of-run retry measures its window and waits on (injected; tests move it).
    public var retryClock: any Clock<Duration> = ContinuousClock()

    /// Creates an engine.
    public init(
        store: any SyncStore, registry: ProviderRegistry, environment: [String: String],
        logger: Logger = Logger(label: "file-connector.sync"), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.registry = registry
        self.environment = environment
        self.logger = logger
        self.now = now
    }

    /// Syncs `endpoint` once and returns the run as recorded. Never throws for provider failures:
    /// those are recorded as a failed run; only store failures (the record itself) throw.
    public func sync(
        _ endpoint: StoredEndpoint, trigger: SyncTrigger, forceFull: Bool = false,
        progress: (@Sendable (SyncProgress) -> Void)? = nil
    ) async throws -> SyncRunRecord {
        let correlationID = UUID().uuidString.lowercased()
        var logger = self.logger
        logger[metadataKey: "endpoint"] = "\(endpoint.name)"
        logger[metadataKey: "correlation_id"] = "\(correlationID)"
        let started = now()
        let clock = ContinuousClock()
        let startInstant = clock.now
        var run = SyncRunRecord(
            id: 0, endpoint: endpoint.name, trigger: trigger, mode: .full, startedAt: started,
            status: .running, correlationID: correlationID)
        var listing: SyncListing?
        // Recorded first, so a run that cannot even start (no credentials, an unknown provider) is on record too.
        run.id = try await uncancellable { [run] in try await store.startSyncRun(run) }
        do {
            let plan = try await prepare(endpoint, forceFull: forceFull, logger: logger)
            run.mode = plan.mode.isFull ? .full : .incremental
            logger.info("sync started", metadata: ["mode": "\(run.mode.rawValue)", "trigger": "\(trigger.rawValue)"])
            let active = SyncListing(engine: self, endpoint: endpoint.name, plan: plan, correlationID: correlationID, logger: logger)
            listing = active
            try await active.run { seen in
                progress?(SyncProgress(endpoint: endpoint.name, filesSeen: seen, elapsed: clock.now - startInstant))
            }
            run.status = .succeeded
            var notes: [String] = []
            if let reason = active.unvouchedReason {
                notes.append("no removals inferred: the provider could not vouch for the listing (\(reason))")
            }
            if !active.problems.isEmpty {
                notes.append(
                    "\(active.problems.count) entr\(active.problems.count == 1 ? "y" : "ies") skipped, first: \(active.problems[0])")
            }
            run.error = notes.isEmpty ? nil : notes.joined(separator: "; ")
        } catch is CancellationError {
            run.status = .cancelled
            run.error = "cancelled (shutdown or timeout) after the last committed page"
        } catch {
            run.status = .failed
            run.error = Self.describe(error)
            logger.error("sync failed", metadata: ["error": "\(run.error ?? "")"])
        }
        return try await finish(run, listing: listing, endpoint: endpoint, logger: logger)
    }

    private func finish(_ run: SyncRunRecord, listing: SyncListing?, endpoint: StoredEndpoint, logger: Logger) async throws -> SyncRunRecord
    {
        var run = run
        if let listing {
            run.created = listing.counts.created
            run.updated = listing.counts.updated
            run.unchanged = listing.counts.unchanged
            run.removed = listing.counts.removed
            run.requests = listing.statistics.requests
            run.retries = listing.statistics.retries
        }
        let finished = now()
        run.finishedAt = finished
        let next = Self.nextSyncTime(of: endpoint, runStartedAt: run.startedAt, now: finished)
        let recorded = run
        let completed = listing?.fullListingCompletedAt
        try await recordEnd(of: recorded, nextSyncAt: next, fullListingCompletedAt: completed, logger: logger, clock: retryClock)
        logger.info(
            "sync finished",
            metadata: [
                "status": "\(run.status.rawValue)", "created": "\(run.created)", "updated": "\(run.updated)",
                "unchanged": "\(run.unchanged)", "removed": "\(run.removed)", "requests": "\(run.requests)",
            ])
        return run
    }

    /// Records the run's end, retrying while the store is unreachable (a PostgreSQL restart, a failover) for up to
    /// ``recordRetryWindow``, so a run is not left `running` because the store blinked as it ended.
    private func recordEnd<C: Clock<Duration>>(
        of run: SyncRunRecord, nextSyncAt: Date?, fullListingCompletedAt: Date?, logger: Logger, clock: C
    ) async throws {
        let store = self.store
        let deadline = clock.now.advanced(by: recordRetryWindow)
        var backoff = Duration.milliseconds(250)
        while true {
            do {
                try await uncancellable {
                    try await store.finishSyncRun(run, nextSyncAt: nextSyncAt, fullListingCompletedAt: fullListingCompletedAt)
                }
                return
            } catch let error as StoreError where error.code == .unreachable && clock.now.advanced(by: backoff) < deadline {
                logger.warning("cannot record the end of the run yet; retrying", metadata: ["error": "\(error.description)"])
                // Not cancellable: the record is the point of waiting.
                let wait = backoff
                try? await uncancellable { try await clock.sleep(for: wait) }
                backoff = min(backoff * 2, .seconds(10))
            }
        }
    }

    /// When `endpoint` is due next after a run that started at `runStartedAt` and ended at `now` (the time
    /// `finishSyncRun` records); nil for a manual schedule, or a spec this version cannot use.
    public static func nextSyncTime(of endpoint: StoredEndpoint, runStartedAt: Date, now: Date) -> Date? {
        guard case .success(let configuration) = endpoint.configuration else { return nil }
        return configuration.schedule.nextRun(after: runStartedAt, now: now)
    }

    /// A failure in words safe to record and show.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as ProviderError: error.message
        case let error as StoreError: error.description
        default: String(describing: error)
        }
    }
}

/// Runs `operation` to completion even when the calling task is cancelled, so that a page or a run
/// record is committed whole. The one unstructured task in the engine, by design.
func uncancellable<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await Task { try await operation() }.value
}
