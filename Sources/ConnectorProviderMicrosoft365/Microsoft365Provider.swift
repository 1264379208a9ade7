import ConnectorHTTP
import ConnectorModel
import ConnectorProvider
import Foundation
import Logging

/// The `microsoft-365` provider: catalogs a SharePoint Online or OneDrive for Business document library (or a folder
/// in it) through Microsoft Graph, app-only, read-only.
///
/// The app signs in with a client secret or a certificate (see ``EntraCredentials``). A full listing enumerates the
/// drive's `root/delta` and places items by their parent ids; the change feed follows the stored delta link. Every
/// endpoint of one app in one tenant shares its token, its throttling pause and its resource-unit budget
/// (``Microsoft365Apps``). See `docs/microsoft-365.md`.
public struct Microsoft365Provider: FileProvider {
    let api: GraphAPI
    let location: LibraryLocation
    let source: Microsoft365Source
    let folders: any FolderDirectory
    let maxConcurrentRequests: Int
    let resync = ResyncHint()

    /// Builds the provider for `context`'s endpoint.
    /// - Parameters:
    ///   - context: The endpoint: its `microsoft365` block, `credentials` and `sync` settings.
    ///   - client: The shared HTTP client.
    ///   - apps: What the endpoints of one app share.
    ///   - userAgent: The `User-Agent` Microsoft asks unattended apps to send (`NONISV|Company|App/Version`).
    ///   - wallClock: The time client assertions are issued at.
    /// - Throws: ``ProviderError`` when the block is missing or the credential document cannot be used.
    public init(
        context: ProviderContext, client: ProviderHTTPClient, apps: Microsoft365Apps, userAgent: String,
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        guard case .microsoft365(let source) = context.configuration.source else {
            throw ProviderError(.configuration, "endpoint \(context.endpoint) has provider microsoft-365 but no microsoft365 block")
        }
        let credentials = try EntraCredentials(CredentialDocument(context: context))
        let statistics = RequestStatistics()
        let tokens = EntraTokenSource(
            credentials: credentials, tenant: source.tenant, loginURL: source.loginURL, apiURL: source.apiURL, client: client,
            statistics: statistics, wallClock: wallClock)
        let app = source.loginURL + "|" + source.tenant.lowercased() + "|" + credentials.clientID
        let cache = apps.tokenCache(key: source.loginURL + "|" + source.tenant.lowercased() + "|" + credentials.cacheKey) {
            OAuthTokenCache(refreshMargin: .seconds(300), fetch: { try await tokens.fetch() })
        }
        let bucket = context.configuration.sync.rateLimit.map { TokenBucket(requestsPerSecond: $0.requestsPerSecond, burst: $0.burst) }
        let requestContext = RequestContext(
            classifier: GraphRetryClassifier(), tokenCache: cache, tokenBucket: bucket,
            familyPacer: apps.pacer(app: app, unitsPerMinute: source.resourceUnitsPerMinute), throttlePause: apps.pause(app: app),
            statistics: statistics, logger: context.logger)
        api = GraphAPI(
            client: client, context: requestContext, root: source.apiURL + "/v1.0", userAgent: userAgent,
            app: "app \(credentials.clientID)")
        location = LibraryLocation(api: api, source: source)
        self.source = source
        folders = context.folders
        maxConcurrentRequests = context.configuration.sync.maxConcurrentRequests
    }

    /// A registry factory for `microsoft-365` endpoints sharing `client` and `apps`.
    /// - Parameters:
    ///   - client: The process's shared HTTP client.
    ///   - apps: What the endpoints of one app share.
    ///   - userAgent: The `User-Agent` of every Graph request.
    ///   - wallClock: The time client assertions are issued at.
    public static func factory(
        client: ProviderHTTPClient, apps: Microsoft365Apps, userAgent: String, wallClock: @escaping @Sendable () -> Date = { Date() }
    ) -> ProviderRegistry.Factory {
        { context in try Microsoft365Provider(context: context, client: client, apps: apps, userAgent: userAgent, wallClock: wallClock) }
    }

    /// `NONISV|<company>|file-connector/<version>`, the decoration Microsoft documents for unattended line-of-business
    /// apps.
    public static func userAgent(version: String, company: String = "file-connector") -> String {
        "NONISV|\(company)|file-connector/\(version)"
    }

    /// Graph has a change feed (delta).
    public var capabilities: ProviderCapabilities { ProviderCapabilities(changeFeed: true) }

    /// Requests (token requests included) and retries so far.
    public var statistics: ProviderStatistics {
        let snapshot = api.context.statistics.snapshot
        return ProviderStatistics(requests: snapshot.requests, retries: snapshot.retries)
    }

    /// A delta link "from now" (`token=latest`), taken before a full enumeration so changes made during it are
    /// followed afterwards.
    public func changeFeedStartToken() async throws -> String? {
        let resolved = try await location.resolve()
        let url =
            api.root + "/drives/" + GraphURL.escapedSegment(resolved.driveID) + "/root/delta?$select=" + DriveItem.selectedFields
            + "&token=latest"
        let page: DriveItemPage
        do {
            page = try await api.page(url, cost: .single)
        } catch let refusal as GraphRefusal {
            throw ProviderError(.unavailable, "Microsoft Graph refused the current delta link (\(refusal.error.summary))")
        }
        guard let link = page.deltaLink, !link.isEmpty else {
            throw ProviderError(.invalidResponse, "Microsoft Graph answered delta with token=latest without an @odata.deltaLink")
        }
        return link
    }

    /// A full enumeration of the drive's delta, or the changes since a stored delta link.
    public func list(_ request: ListingRequest) -> AsyncThrowingStream<ProviderPage, any Error> {
        let listing: DeltaListing
        switch request {
        case .full(let resumeToken, let pageSize):
            listing = DeltaListing(
                mode: .full, link: resumeToken, api: api, location: location, source: source, directory: folders, pageSize: pageSize,
                maxInFlight: maxConcurrentRequests, resync: resync)
        case .changes(let token, let pageSize):
            listing = DeltaListing(
                mode: .changes, link: token, api: api, location: location, source: source, directory: folders, pageSize: pageSize,
                maxInFlight: maxConcurrentRequests, resync: resync)
        }
        return AsyncThrowingStream(unfolding: { try await listing.next() })
    }
}
