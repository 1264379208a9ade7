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
    }

    var mode: Mode
    var provider: any FileProvider
    var filter: FileFilter
    var pageSize: Int
    /// `sync.timeout`: the run stops after the page in flight once it is exceeded.
    var timeout: Duration = SyncConfiguration.defaults.timeout
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
        let pageSize = configuration.sync.pageSize
        let filter = FileFilter(configuration.filters)
        let cursor = SyncCursor(state.cursor)
        var plan: SyncPlan
        if !forceFull, case .full(let startedAt, let resumeToken, let changeToken, let unvouched) = cursor {
            plan = SyncPlan(
                mode: .full(startedAt: startedAt, resumeToken: resumeToken, changeToken: changeToken, unvouched: unvouched),
                provider: provider,
                filter: filter, pageSize: pageSize)
        } else if !forceFull, configuration.sync.mode == .incremental, provider.capabilities.changeFeed,
            case .incremental(let token) = cursor, !fullResyncDue(configuration.sync, lastFull: state.lastFullSyncAt)
        {
            plan = SyncPlan(mode: .incremental(token: token), provider: provider, filter: filter, pageSize: pageSize)
        } else {
            plan = try await newFullListing(provider: provider, filter: filter, pageSize: pageSize)
        }
        plan.timeout = configuration.sync.timeout
        return plan
    }

    func newFullListing(provider: any FileProvider, filter: FileFilter, pageSize: Int) async throws -> SyncPlan {
        let changeToken = provider.capabilities.changeFeed ? try await provider.changeFeedStartToken() : nil
        return SyncPlan(
            mode: .full(startedAt: now(), resumeToken: nil, changeToken: changeToken), provider: provider, filter: filter,
            pageSize: pageSize)
    }

    private func fullResyncDue(_ sync: SyncConfiguration, lastFull: Date?) -> Bool {
        guard let lastFull else { return true }
        let every = sync.fullResyncEvery.components
        return now().timeIntervalSince(lastFull) >= Double(every.seconds) + Double(every.attoseconds) / 1e18
    }
}
