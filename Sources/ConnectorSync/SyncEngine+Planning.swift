import ConnectorModel
import ConnectorProvider
import ConnectorSchedule
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
    /// `sync.timeout` (default 30m): the run stops after the page in flight once it is exceeded.
    var timeout: Duration = .seconds(30 * 60)
}

extension SyncEngine {
    /// Decides how to list: an interrupted full listing resumes; a change feed is followed unless a
    /// full listing is due (`--full`, `sync.mode: full`, no cursor yet, or `fullResyncEvery` elapsed).
    func prepare(_ endpoint: StoredEndpoint, forceFull: Bool, logger: Logger) async throws -> SyncPlan {
        guard endpoint.state == .active || endpoint.state == .suspended else {
            throw ProviderError(.configuration, "endpoint \(endpoint.name) is retired: it is in no manifest")
        }
        let spec = try endpoint.decodedSpec()
        let context = ProviderContext(
            endpoint: endpoint.name, spec: spec, manifestDirectory: endpoint.sourceFile.map { ($0 as NSString).deletingLastPathComponent },
            environment: environment, folders: StoreFolderDirectory(store: store, endpoint: endpoint.name),
            catalogedFiles: StoreCatalogedFiles(store: store, endpoint: endpoint.name), logger: logger)
        let provider = try registry.provider(for: context)
        let state = try await store.syncState(endpoint: endpoint.name)
        let pageSize = min(max(spec.sync?.pageSize ?? 1000, 1), 1000)
        let filter = FileFilter(spec.filters)
        let cursor = SyncCursor(state.cursor)
        var plan: SyncPlan
        if !forceFull, case .full(let startedAt, let resumeToken, let changeToken, let unvouched) = cursor {
            plan = SyncPlan(
                mode: .full(startedAt: startedAt, resumeToken: resumeToken, changeToken: changeToken, unvouched: unvouched), provider: provider,
                filter: filter, pageSize: pageSize)
        } else if !forceFull, spec.sync?.mode != "full", provider.capabilities.changeFeed, case .incremental(let token) = cursor,
                  !fullResyncDue(spec, lastFull: state.lastFullSyncAt) {
            plan = SyncPlan(mode: .incremental(token: token), provider: provider, filter: filter, pageSize: pageSize)
        } else {
            plan = try await newFullListing(provider: provider, filter: filter, pageSize: pageSize)
        }
        if let timeout = spec.sync?.timeout.flatMap({ try? GoDuration(parsing: $0) }), timeout.isPositive {
            plan.timeout = timeout.duration
        }
        return plan
    }

    func newFullListing(provider: any FileProvider, filter: FileFilter, pageSize: Int) async throws -> SyncPlan {
        let changeToken = provider.capabilities.changeFeed ? try await provider.changeFeedStartToken() : nil
        return SyncPlan(mode: .full(startedAt: now(), resumeToken: nil, changeToken: changeToken), provider: provider, filter: filter, pageSize: pageSize)
    }

    private func fullResyncDue(_ spec: EndpointSpec, lastFull: Date?) -> Bool {
        guard let lastFull else { return true }
        let every = spec.sync?.fullResyncEvery.flatMap { try? GoDuration(parsing: $0) }?.seconds ?? 24 * 3600
        return now().timeIntervalSince(lastFull) >= every
    }
}

extension StoredEndpoint {
    /// The applied spec, decoded.
    func decodedSpec() throws -> EndpointSpec {
        do {
            return try JSONDecoder().decode(EndpointSpec.self, from: Data(spec.utf8))
        } catch {
            throw ProviderError(.configuration, "the stored spec of \(name) cannot be read; reconcile again")
        }
    }
}
