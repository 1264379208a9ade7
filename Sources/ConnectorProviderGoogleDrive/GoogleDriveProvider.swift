import ConnectorHTTP
import ConnectorModel
import ConnectorProvider
import Foundation
import Logging

/// The `google-drive` provider: catalogs the files below one folder (in My Drive, shared with the service account,
/// or on a shared drive) with the Drive v3 API and a service-account key, read-only
/// (`drive.metadata.readonly`).
///
/// A full listing walks the folder tree breadth first, many folders per `files.list` query; the change feed
/// follows `changes.list` and places changed files with the folders the catalog recorded (see
/// ``ProviderContext/folders``). Trashed files count as removed. See `docs/google-drive.md`.
public struct GoogleDriveProvider: FileProvider {
    let api: DriveAPI
    let location: DriveLocation
    let source: GoogleDriveSource
    /// `sync.maxConcurrentRequests`: the most `files.list` requests in flight during a walk.
    let maxConcurrentRequests: Int
    let folders: any FolderDirectory

    /// The public API root used when `googleDrive.apiURL` is not set.
    public static let defaultAPIRoot = "https://www.googleapis.com"

    /// Builds the provider for `context`'s endpoint.
    /// - Parameters:
    ///   - context: The endpoint: its `googleDrive` block, `credentials` and `sync.rateLimit`.
    ///   - client: The shared HTTP client.
    ///   - wallClock: The time JWT assertions are issued at.
    /// - Throws: ``ProviderError`` when the block is missing or the service-account key cannot be used.
    public init(context: ProviderContext, client: ProviderHTTPClient, wallClock: @escaping @Sendable () -> Date = { Date() }) throws {
        guard case .googleDrive(let source) = context.configuration.source else {
            throw ProviderError(.configuration, "endpoint \(context.endpoint) has provider google-drive but no googleDrive block")
        }
        guard !source.folderId.isEmpty else {
            throw ProviderError(.configuration, "endpoint \(context.endpoint) has an empty googleDrive.folderId")
        }
        let key = try ServiceAccountKey(CredentialDocument(context: context))
        let statistics = RequestStatistics()
        let tokens = ServiceAccountTokenSource(
            key: key, subject: source.subject, client: client, statistics: statistics, wallClock: wallClock)
        let bucket = context.configuration.sync.rateLimit.map { limit in
            TokenBucket(requestsPerSecond: limit.requestsPerSecond, burst: limit.burst)
        }
        // The run's logger: HTTP lines carry the endpoint and the correlation id.
        let logger = context.logger
        let requestContext = RequestContext(
            classifier: DriveRetryClassifier(), tokenCache: OAuthTokenCache(fetch: { try await tokens.fetch() }),
            tokenBucket: bucket, statistics: statistics, logger: logger)
        var root = source.apiURL.flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultAPIRoot
        while root.hasSuffix("/") { root.removeLast() }
        api = DriveAPI(client: client, context: requestContext, apiRoot: root, account: key.clientEmail)
        location = DriveLocation(api: api, folderID: source.folderId, expectedDriveID: source.sharedDriveId)
        self.source = source
        maxConcurrentRequests = context.configuration.sync.maxConcurrentRequests
        folders = context.folders
    }

    /// A registry factory for `google-drive` endpoints sharing `client`.
    /// - Parameters:
    ///   - client: The process's shared HTTP client.
    ///   - wallClock: The time JWT assertions are issued at (tests may shift it to provoke clock-skew errors).
    public static func factory(
        client: ProviderHTTPClient, wallClock: @escaping @Sendable () -> Date = { Date() }
    ) -> ProviderRegistry.Factory {
        { context in try GoogleDriveProvider(context: context, client: client, wallClock: wallClock) }
    }

    /// Drive has a change feed.
    public var capabilities: ProviderCapabilities { ProviderCapabilities(changeFeed: true) }

    /// Requests (token requests included) and retries so far.
    public var statistics: ProviderStatistics {
        let snapshot = api.context.statistics.snapshot
        return ProviderStatistics(requests: snapshot.requests, retries: snapshot.retries)
    }

    /// `changes.getStartPageToken` of the change log that follows the folder: its shared drive's when the account is a
    /// member, else the user's.
    public func changeFeedStartToken() async throws -> String? {
        try await location.startPageToken()
    }

    /// A full listing (a breadth-first walk below the folder) or the change feed from a stored token.
    public func list(_ request: ListingRequest) -> AsyncThrowingStream<ProviderPage, any Error> {
        let includeSubfolders = source.includeSubfolders ?? true
        switch request {
        case .full(let resumeToken, let pageSize):
            // An interrupted listing resumes from the folders it had not finished (see DriveFullListing).
            let listing = DriveFullListing(
                location: location, pageSize: pageSize, includeSubfolders: includeSubfolders, catalog: folders, resumeToken: resumeToken,
                maxInFlight: maxConcurrentRequests)
            return AsyncThrowingStream(unfolding: { try await listing.next() })
        case .changes(let token, let pageSize):
            let scope = DriveFolderScope(rootID: source.folderId, directory: folders, includeSubfolders: includeSubfolders)
            let feed = DriveChangeFeed(
                location: location, scope: scope, token: token, pageSize: pageSize, maxInFlight: maxConcurrentRequests)
            return AsyncThrowingStream(unfolding: { try await feed.next() })
        }
    }
}
