import ConnectorHTTP
import ConnectorProvider
import Foundation

/// The Data Management calls of one endpoint: URLs, pacing family, decoding and errors in plain words.
struct DataManagementAPI: Sendable {
    let client: ProviderHTTPClient
    let context: RequestContext
    /// `https://developer.api.autodesk.com` or the endpoint's `apiURL`, without a trailing slash.
    let apiRoot: String
    let hubID: String
    let projectID: String
    let tokenSource: APSTokenSource

    /// A 403 or 404 from a Data Management route, kept apart so the caller can find out which of hub, project or
    /// folder is not reachable (see ``AccessDiagnosis``).
    struct Refusal: Error {
        var error: HTTPError
    }

    /// Makes sure a token can be had, so credential problems surface as the token endpoint's plain-words error.
    /// - Throws: ``ProviderError``.
    func checkCredentials() async throws {
        guard let cache = context.tokenCache else { return }
        do {
            _ = try await cache.token()
        } catch let error as ProviderError {
            throw error
        } catch let error as HTTPError {
            throw tokenSource.explain(error)
        }
    }

    /// `GET url`, paced as `family`, decoded as `type`.
    /// - Throws: ``Refusal`` for 403/404, else ``ProviderError``.
    func get<T: Decodable>(_ url: String, family: APSFamily, as type: T.Type) async throws -> T {
        let request = HTTPRequestSpec(url: url, headers: [("Accept", "application/vnd.api+json")], family: family.rawValue)
        let response: HTTPResponseData
        do {
            response = try await client.send(request, context: context)
        } catch let error as HTTPError {
            throw translate(error)
        }
        return try ResponseBody.decode(T.self, from: response.body) { detail in
            "Autodesk answered GET \(Redaction.url(url)) with a body that is not the documented JSON:API shape (\(detail))"
        }
    }

    func translate(_ error: HTTPError) -> any Error {
        if error.code == .forbidden || error.code == .notFound { return Refusal(error: error) }
        if error.code == .cancelled { return CancellationError() }
        if error.code == .unauthorized {
            if let status = error.status, status == 401 {
                return ProviderError(.unauthorized, "Autodesk refused the app's access token even after fetching a new one [\(error)]")
            }
            return ProviderError(.unauthorized, "could not get an Autodesk token for the app [\(error)]")
        }
        if error.code == .rateLimited {
            return ProviderError(.unavailable, "Autodesk kept answering 429 (rate limit of the app) [\(error)]")
        }
        if error.code == .client {
            return ProviderError(.invalidResponse, "Autodesk rejected a request as invalid [\(error)]")
        }
        return ProviderError(.unavailable, "Autodesk Data Management is not reachable or keeps failing [\(error)]")
    }

    // MARK: URLs

    var projectPath: String { apiRoot + "/project/v1/hubs/" + Self.segment(hubID) + "/projects/" + Self.segment(projectID) }

    var topFoldersURL: String { projectPath + "/topFolders" }

    func folderURL(_ id: String) -> String { apiRoot + "/data/v1/projects/" + Self.segment(projectID) + "/folders/" + Self.segment(id) }

    func tipURL(_ itemID: String) -> String {
        apiRoot + "/data/v1/projects/" + Self.segment(projectID) + "/items/" + Self.segment(itemID) + "/tip"
    }

    /// The first page of a folder's contents with `query` (filters, `includeHidden`) and `page[limit]`.
    func contentsURL(_ folderID: String, limit: Int, query: [(String, String)]) -> String {
        let pairs = query + [("page[limit]", String(min(max(limit, 1), 200)))]
        return folderURL(folderID) + "/contents?" + pairs.map { Self.segment($0.0) + "=" + Self.segment($0.1) }.joined(separator: "&")
    }

    /// `links.next.href` made absolute on the configured API root: relative hrefs are host-relative, absolute ones are
    /// moved to the configured scheme, host and port, and user info is dropped, so the token never leaves the API
    /// host. The HTTP client parses the result with the same `URL(string:)`, so it connects where this says.
    /// - Returns: nil when the href is not a URL.
    func resolve(_ href: String) -> String? {
        guard let root = URL(string: apiRoot), let url = URL(string: href, relativeTo: root)?.absoluteURL,
            var components = URLComponents(url: url, resolvingAgainstBaseURL: true),
            let rootComponents = URLComponents(url: root, resolvingAgainstBaseURL: false)
        else { return nil }
        components.scheme = rootComponents.scheme
        components.host = rootComponents.host
        components.port = rootComponents.port
        components.user = nil
        components.password = nil
        return components.url?.absoluteString
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// Percent-encodes an id or query part: URNs carry `:`, `?` and `=`, which must be escaped in a path segment.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
