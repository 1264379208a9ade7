import ConnectorHTTP
import ConnectorModel
import ConnectorProvider
import Foundation

/// A provider for ``FakeCatalogAPI``: pages over HTTP through ``ProviderHTTPClient`` (retries,
/// rate limits and all), with a change feed. It stands in for a cloud provider in benchmarks and
/// engine tests over loopback.
public struct HTTPCatalogProvider: FileProvider {
    let client: ProviderHTTPClient
    let baseURL: String
    let context: RequestContext

    /// A provider reading `baseURL` through `client`.
    public init(client: ProviderHTTPClient, baseURL: String, context: RequestContext = RequestContext()) {
        self.client = client
        self.baseURL = baseURL
        self.context = context
    }

    /// A change feed.
    public var capabilities: ProviderCapabilities { ProviderCapabilities(changeFeed: true) }

    /// The requests and retries so far.
    public var statistics: ProviderStatistics {
        ProviderStatistics(requests: context.statistics.requests, retries: context.statistics.retries)
    }

    /// `GET /v1/changes/start`.
    public func changeFeedStartToken() async throws -> String? {
        let response = try await client.send(HTTPRequestSpec(url: baseURL + "/v1/changes/start"), context: context)
        return try JSONDecoder().decode(StartToken.self, from: Data(response.body)).token
    }

    /// Pages of `/v1/files`, or one page of `/v1/changes`.
    public func list(_ request: ListingRequest) -> AsyncThrowingStream<ProviderPage, any Error> {
        let cursor = CursorBox(request)
        return AsyncThrowingStream(unfolding: { [self] in try await nextPage(cursor) })
    }

    private func nextPage(_ cursor: CursorBox) async throws -> ProviderPage? {
        switch cursor.state {
        case .done:
            return nil
        case .full(let token, let pageSize):
            let url = baseURL + "/v1/files?pageSize=\(pageSize)" + (token.map { "&pageToken=\($0)" } ?? "")
            let response = try await client.send(HTTPRequestSpec(url: url), context: context)
            let page = try JSONDecoder().decode(FilesPage.self, from: Data(response.body))
            cursor.state = page.nextPageToken.map { .full($0, pageSize) } ?? .done
            return ProviderPage(
                files: page.files.map(\.providerFile), resumeToken: page.nextPageToken ?? token, isLast: page.nextPageToken == nil)
        case .changes(let token):
            let response = try await client.send(HTTPRequestSpec(url: baseURL + "/v1/changes?token=\(token)"), context: context)
            let page = try JSONDecoder().decode(ChangesPage.self, from: Data(response.body))
            cursor.state = .done
            return ProviderPage(
                files: page.changes.compactMap { $0.removed ? nil : $0.file?.providerFile },
                removedIDs: page.changes.filter(\.removed).map(\.id), nextChangeToken: page.newToken, isLast: true)
        }
    }
}

/// Where a listing is; the stream's unfolding closure never runs concurrently.
private final class CursorBox: @unchecked Sendable {
    enum State {
        case full(String?, Int)
        case changes(String)
        case done
    }
    var state: State

    init(_ request: ListingRequest) {
        switch request {
        case .full(let token, let pageSize): state = .full(token, pageSize)
        case .changes(let token, _): state = .changes(token)
        }
    }
}

private struct StartToken: Decodable { var token: String }

private struct FilesPage: Decodable {
    var files: [FileJSON]
    var nextPageToken: String?
}

private struct ChangesPage: Decodable {
    struct Change: Decodable {
        var id: String
        var removed: Bool
        var file: FileJSON?
    }

    var changes: [Change]
    var newToken: String
}

private struct FileJSON: Decodable {
    var id: String
    var name: String
    var path: String
    var size: Int64
    var modified: Double
    var version: String
    var md5: String

    var providerFile: FileMetadata {
        FileMetadata(
            id: id, name: name, path: path, mimeType: MIMEType.forExtension("pdf"), size: size,
            checksums: ["md5": md5], modifiedAt: Date(timeIntervalSince1970: modified), version: version)
    }
}
