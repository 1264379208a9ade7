import ConnectorHTTP
import ConnectorModel
import ConnectorProvider
import Foundation
import Logging

/// The `autodesk-acc` provider: catalogs the files of one Autodesk Construction Cloud (or BIM 360 Docs) project
/// through Autodesk Platform Services Data Management with a 2-legged (client-credentials) token, read-only
/// (`data:read`).
///
/// A full listing walks the project's top folders (or `autodeskAcc.folderIds`) depth first; each item becomes a
/// file keyed by its lineage id, described by its tip version. Paths start with the root folder's name
/// (`Project Files/Drawings/A-101.pdf`). There is no change feed for 2-legged apps, so the "change feed" is a
/// pruned listing: folders whose subtree did not change since the cursor are never entered (see ``FolderWalk``).
/// Requests are paced per app and endpoint family by ``AutodeskAppPacers``. See `docs/autodesk-acc.md`.
public struct AutodeskACCProvider: FileProvider {
    /// The public API root used when `autodeskAcc.apiURL` is not set.
    public static let defaultAPIRoot = "https://developer.api.autodesk.com"
    /// How far before "now" a change cursor is set, so changes in flight or stamped by a slightly different clock
    /// are not missed (they may be listed twice; the engine keeps unchanged files unchanged).
    public static let cursorSafetyMargin: TimeInterval = 5 * 60

    let api: DataManagementAPI
    let clientID: String
    let source: AutodeskAccSource
    /// `sync.maxConcurrentRequests`: the most folders listed at once during a walk.
    let maxConcurrentRequests: Int
    let directory: any FolderDirectory
    let wallClock: @Sendable () -> Date

    /// Builds the provider for `context`'s endpoint.
    /// - Parameters:
    ///   - context: The endpoint: its `autodeskAcc` block, `credentials` and `sync.rateLimit`.
    ///   - client: The shared HTTP client.
    ///   - pacers: The process's per-app pacers (and token caches).
    ///   - wallClock: The wall clock that change cursors are taken from.
    /// - Throws: ``ProviderError`` when the block is missing or the credential document cannot be used.
    public init(
        context: ProviderContext, client: ProviderHTTPClient, pacers: AutodeskAppPacers,
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        guard case .autodeskAcc(let source) = context.configuration.source else {
            throw ProviderError(.configuration, "endpoint \(context.endpoint) has provider autodesk-acc but no autodeskAcc block")
        }
        let hubID = Self.prefixed(source.hubId)
        let projectID = Self.prefixed(source.projectId)
        guard hubID.count > 2, projectID.count > 2 else {
            throw ProviderError(
                .configuration,
                "endpoint \(context.endpoint) needs autodeskAcc.hubId (\"b.\" + account id) and autodeskAcc.projectId (\"b.\" + project id)"
            )
        }
        if let folderIDs = source.folderIds, folderIDs.isEmpty || folderIDs.contains(where: \.isEmpty) {
            throw ProviderError(
                .configuration,
                "endpoint \(context.endpoint) has an empty autodeskAcc.folderIds entry; leave folderIds out to walk the top folders")
        }
        let credentials = try APSCredentials(CredentialDocument(context: context))
        var root = source.apiURL.flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultAPIRoot
        while root.hasSuffix("/") { root.removeLast() }
        // The run's logger: HTTP lines carry the endpoint and the correlation id.
        let logger = context.logger
        let pacer = pacers.pacer(forClientID: credentials.clientID)
        let statistics = RequestStatistics()
        let tokenSource = APSTokenSource(
            credentials: credentials, tokenURL: root + "/authentication/v2/token", client: client,
            context: RequestContext(familyPacer: pacer, statistics: statistics, logger: logger))
        let cache = pacers.tokenCache(key: "\(tokenSource.tokenURL)\n\(credentials.clientID)\n\(credentials.clientSecret)") {
            OAuthTokenCache(fetch: { try await tokenSource.fetch() })
        }
        let bucket = context.configuration.sync.rateLimit.map { limit in
            TokenBucket(requestsPerSecond: limit.requestsPerSecond, burst: limit.burst)
        }
        let requestContext = RequestContext(
            tokenCache: cache, tokenBucket: bucket, familyPacer: pacer, statistics: statistics, logger: logger)
        api = DataManagementAPI(
            client: client, context: requestContext, apiRoot: root, hubID: hubID, projectID: projectID, tokenSource: tokenSource)
        clientID = credentials.clientID
        self.source = source
        maxConcurrentRequests = context.configuration.sync.maxConcurrentRequests
        directory = context.folders
        self.wallClock = wallClock
    }

    /// A registry factory for `autodesk-acc` endpoints sharing `client` and `pacers`.
    /// - Parameters:
    ///   - client: The process's shared HTTP client.
    ///   - pacers: The process's per-app pacers, created once by the composition root.
    ///   - wallClock: The wall clock change cursors are taken from.
    public static func factory(
        client: ProviderHTTPClient, pacers: AutodeskAppPacers, wallClock: @escaping @Sendable () -> Date = { Date() }
    ) -> ProviderRegistry.Factory {
        { context in try AutodeskACCProvider(context: context, client: client, pacers: pacers, wallClock: wallClock) }
    }

    /// A "change feed" in the sense of a pruned listing (2-legged apps have no real one).
    public var capabilities: ProviderCapabilities { ProviderCapabilities(changeFeed: true) }

    /// Requests (token requests included) and retries so far.
    public var statistics: ProviderStatistics {
        let snapshot = api.context.statistics.snapshot
        return ProviderStatistics(requests: snapshot.requests, retries: snapshot.retries)
    }

    /// A cursor at now minus ``cursorSafetyMargin``: the next changes walk lists what changed after it.
    public func changeFeedStartToken() async throws -> String? {
        WalkCursor(since: wallClock().addingTimeInterval(-Self.cursorSafetyMargin)).token
    }

    /// A full listing, or a pruned walk from a change token.
    public func list(_ request: ListingRequest) -> AsyncThrowingStream<ProviderPage, any Error> {
        let cursor: WalkCursor
        let pageSize: Int
        switch request {
        case .full(let resumeToken, let size):
            pageSize = size
            // A resume token this version cannot read starts the listing again.
            cursor = resumeToken.flatMap(WalkCursor.init(token:)).flatMap { $0.since == nil ? $0 : nil } ?? WalkCursor(since: nil)
        case .changes(let token, let size):
            pageSize = size
            guard let parsed = WalkCursor(token: token), parsed.since != nil else {
                return AsyncThrowingStream {
                    $0.finish(
                        throwing: ProviderError(
                            .cursorExpired, "the stored autodesk-acc change cursor cannot be read; listing everything again"))
                }
            }
            cursor = parsed
        }
        let walk = FolderWalk(
            api: api, diagnosis: AccessDiagnosis(api: api, clientID: clientID), rootFolderIDs: source.folderIds, pageSize: pageSize,
            directory: directory, cursor: cursor, wallClock: wallClock, margin: Self.cursorSafetyMargin, maxInFlight: maxConcurrentRequests)
        return AsyncThrowingStream(unfolding: { try await walk.next() })
    }

    /// `b.` + id for a bare ACC account or project GUID (the ACC Admin API's form); other ids unchanged.
    static func prefixed(_ id: String) -> String {
        let trimmed = id.trimmingCharacters(in: .whitespaces)
        let isBareGUID = trimmed.count == 36 && trimmed.allSatisfy { $0.isHexDigit || $0 == "-" }
        return isBareGUID ? "b." + trimmed : trimmed
    }
}
