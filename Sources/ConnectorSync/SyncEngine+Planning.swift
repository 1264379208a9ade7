import ConnectorModel
import ConnectorProvider
import ConnectorStore
import Foundation
import Logging

/// How one run lists: a new or resumed full listing, or the change feed.
struct SyncPlan: Sendable {
    enum Mode: Sendable {
        case full(startedAt: Date, resumeToken: String?, changeToken: String?, unvouched: String? = nil)
        case incremental(token: String)

        var isFull: Bool {
            if case .full = self { return true }
            return false
        }

        /// When the full listing started, or nil for a listing of changes.
        var listingStartedAt: Date? {
            if case .full(let startedAt, _, _, _) = self { return startedAt }
            return nil
        }
    }

    var mode: Mode
    var provider: any FileProvider
    var filter: FileFilter
    var pageSize: Int
    /// `sync.timeout`: the run stops after the page in flight once it is exceeded.
    var timeout: Duration
    /// Whether a new full listing began while the endpoint had no file in the catalog (a first sync): every file
    /// present at its end was written by it, so its sweep need not look for unseen ones. False for a resumed listing,
    /// whose earlier pages another run wrote.
    var beganOnEmptyCatalog = false
}

extension SyncEngine {
    /// Decides how to list: an interrupted full listing resumes; a change feed is followed unless a
    /// full listing is due (`--full`, `sync.mode: full`, no cursor yet, or `fullResyncEvery` elapsed).
    func prepare(_ endpoint: StoredEndpoint, forceFull: Bool, logger: Logger) async throws -> SyncPlan {
        guard endpoint.state == .active || endpoint.state == .suspended else {
            throw ProviderError(.configuration, "endpoint \(endpoint.name) is retired: it is in no manifest")
        }
        let configuration: EndpointConfiguration
        switch endpoint.configuration {
        case .success(let applied): configuration = applied
        case .failure(let error): throw ProviderError(.configuration, error.description)
        }
        let context = ProviderContext(
            endpoint: endpoint.name, configuration: configuration,
            manifestDirectory: endpoint.sourceFile.map { ($0 as NSString).deletingLastPathComponent },
            environment: environment, folders: StoreFolderDirectory(store: store, endpoint: endpoint.name),
            catalogedFiles: StoreCatalogedFiles(store: store, endpoint: endpoint.name), logger: logger)
        let provider = try registry.provider(for: context)
        let state = try await store.syncState(endpoint: endpoint.name)
        let cursor = SyncCursor(state.cursor)
        let mode: SyncPlan.Mode
        var beganOnEmptyCatalog = false
        if !forceFull, case .full(let startedAt, let resumeToken, let changeToken, let unvouched) = cursor {
            mode = .full(startedAt: startedAt, resumeToken: resumeToken, changeToken: changeToken, unvouched: unvouched)
        } else if !forceFull, configuration.sync.mode == .incremental, provider.capabilities.changeFeed,
            case .incremental(let token) = cursor, !fullResyncDue(configuration.sync, lastFull: state.lastFullSyncAt)
        {
            mode = .incremental(token: token)
        } else {
            // Asked before the listing writes anything, under the endpoint's lease: no other run writes its files.
            beganOnEmptyCatalog = try await store.files(endpoint: endpoint.name, limit: 1).isEmpty
            mode = try await newFullListing(provider: provider)
        }
        return SyncPlan(
            mode: mode, provider: provider, filter: FileFilter(configuration.filters), pageSize: configuration.sync.pageSize,
            timeout: configuration.sync.timeout, beganOnEmptyCatalog: beganOnEmptyCatalog)
    }

    /// A new full listing from now: its start, and the change feed's token taken before it begins.
    func newFullListing(provider: any FileProvider) async throws -> SyncPlan.Mode {
        let changeToken = provider.capabilities.changeFeed ? try await provider.changeFeedStartToken() : nil
        return .full(startedAt: now(), resumeToken: nil, changeToken: changeToken)
    }

    private func fullResyncDue(_ sync: SyncConfiguration, lastFull: Date?) -> Bool {
        guard let lastFull else { return true }
        return now().timeIntervalSince(lastFull) >= sync.fullResyncEvery.timeInterval
    }
}
