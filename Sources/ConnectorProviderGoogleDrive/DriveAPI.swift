import ConnectorHTTP
import ConnectorProvider
import Foundation

/// The five Drive v3 calls the provider makes, with the shared-drive flags and `fields` masks, through the shared
/// ``ProviderHTTPClient`` (retries, rate limit, token cache). Failures become ``ProviderError``s in plain words.
struct DriveAPI: Sendable {
    let client: ProviderHTTPClient
    let context: RequestContext
    /// `https://www.googleapis.com` or the endpoint's `apiURL`, without a trailing slash.
    let apiRoot: String
    /// Where the endpoint's folder is listed and which change log follows it (``DriveLocation`` decides).
    var corpus: DriveCorpus = .myDrive
    /// The service account's email, for error messages.
    let account: String

    /// `files.get` of a folder (the endpoint's root).
    /// - Throws: ``ProviderError`` ``ProviderError/Code/notFound`` when Drive does not know the folder or does not
    ///   share it with the service account.
    func folder(id: String) async throws -> DriveFile {
        let query = DriveQuery.encode([("fields", DriveFields.folder), ("supportsAllDrives", "true")])
        let url = apiRoot + "/drive/v3/files/" + DriveQuery.percentEncoded(id) + "?" + query
        do {
            return try await get(url, as: DriveFile.self)
        } catch let error as HTTPError where error.code == .notFound {
            throw ProviderError(.notFound, "folder \(id) not found or not shared with \(account)")
        }
    }

    /// Whether the account is a member of shared drive `id` (`drives.get` answers it only to members; 404 otherwise).
    func isMember(ofSharedDrive id: String) async throws -> Bool {
        let url = apiRoot + "/drive/v3/drives/" + DriveQuery.percentEncoded(id) + "?" + DriveQuery.encode([("fields", "id")])
        do {
            _ = try await get(url, as: DriveSharedDrive.self)
            return true
        } catch let error as HTTPError where error.code == .notFound {
            return false
        }
    }

    /// One page of `files.list` for query `q`.
    func list(q: String, pageToken: String?, pageSize: Int) async throws -> DriveFileList {
        var items: [(String, String)] = [("q", q), ("pageSize", String(min(max(pageSize, 1), 1000))), ("fields", DriveFields.fileList)]
        items += [("supportsAllDrives", "true"), ("includeItemsFromAllDrives", "true")]
        items += corpus.listParameters
        if let pageToken { items.append(("pageToken", pageToken)) }
        return try await get(
            apiRoot + "/drive/v3/files?" + DriveQuery.encode(items), as: DriveFileList.self, reader: DriveJSONReader.fileList)
    }

    /// `changes.getStartPageToken`.
    func startPageToken() async throws -> String {
        var items: [(String, String)] = [("supportsAllDrives", "true"), ("fields", DriveFields.startPageToken)]
        if let driveID = corpus.changeLogDriveID { items.append(("driveId", driveID)) }
        let reply: DriveStartPageToken
        do {
            reply = try await get(apiRoot + "/drive/v3/changes/startPageToken?" + DriveQuery.encode(items), as: DriveStartPageToken.self)
        } catch let error as HTTPError {
            throw changeLogRefusal(error, call: "changes.getStartPageToken")
        }
        guard let token = reply.startPageToken, !token.isEmpty else {
            throw ProviderError(.invalidResponse, "Google Drive answered changes.getStartPageToken without a token")
        }
        return token
    }

    /// One page of `changes.list` from `pageToken`.
    /// - Throws: ``ProviderError`` ``ProviderError/Code/cursorExpired`` when Drive rejects the token (a 400 that blames
    ///   `pageToken`), the only answer that calls for listing everything again; any other refusal is a configuration
    ///   error that names its cause.
    func changes(pageToken: String, pageSize: Int) async throws -> DriveChangeList {
        var items: [(String, String)] = [
            ("pageToken", pageToken), ("pageSize", String(min(max(pageSize, 1), 1000))), ("includeRemoved", "true"),
            ("supportsAllDrives", "true"), ("includeItemsFromAllDrives", "true"), ("fields", DriveFields.changeList),
        ]
        if let driveID = corpus.changeLogDriveID { items.append(("driveId", driveID)) }
        do {
            return try await get(
                apiRoot + "/drive/v3/changes?" + DriveQuery.encode(items), as: DriveChangeList.self, reader: DriveJSONReader.changeList)
        } catch let error as HTTPError where error.status == 400 && error.parameter == "pageToken" {
            throw ProviderError(
                .cursorExpired,
                "Google Drive rejected the stored change token (\(error.message ?? "status \(error.status ?? 0)")); listing everything again"
            )
        } catch let error as HTTPError {
            throw changeLogRefusal(error, call: "changes.list")
        }
    }

    /// A refusal of the change log in plain words: a configuration to fix, never a reason to list everything again.
    private func changeLogRefusal(_ error: HTTPError, call: String) -> ProviderError {
        if error.code == .notFound {
            let what =
                corpus.changeLogDriveID.map { "shared drive \($0) is not found or \(account) is no longer a member" }
                ?? "the change log is not found"
            return ProviderError(.configuration, "Google Drive answered \(call) with 404: \(what) (\(error.message ?? "not found"))")
        }
        let parameter = error.parameter.map { ", parameter \($0)" } ?? ""
        return ProviderError(
            .configuration, "Google Drive refused \(call) (status \(error.status ?? 0)\(parameter)): \(error.message ?? "no message")")
    }

    /// GETs `url` and decodes the body, with `reader` when given (falling back to `JSONDecoder` if it cannot).
    /// ``HTTPError``s with codes a caller handles (notFound, client) are rethrown; the others become ``ProviderError``s.
    private func get<Value: Decodable>(
        _ url: String, as type: Value.Type, reader: (([UInt8]) throws -> Value)? = nil
    ) async throws -> Value {
        // Taking the token first surfaces a refused key as our own plain-words error rather than wrapped.
        if let cache = context.tokenCache { _ = try await cache.token() }
        let response: HTTPResponseData
        do {
            response = try await client.send(HTTPRequestSpec(url: url, family: "google-drive"), context: context)
        } catch let error as HTTPError {
            throw Self.translate(error, account: account)
        }
        return try ResponseBody.decode(Value.self, from: response.body, reader: reader) { detail in
            "Google Drive answered \(Redaction.url(url).prefix(120)) with a body that cannot be read (\(detail))"
        }
    }

    /// Keeps `notFound` and other 4xx errors for the caller; maps the rest to provider errors.
    static func translate(_ error: HTTPError, account: String) -> any Error {
        switch error.code {
        case .notFound, .client:
            return error
        case .unauthorized:
            return ProviderError(.unauthorized, "Google Drive did not accept the credentials of \(account): \(error.description)")
        case .forbidden:
            return ProviderError(
                .unauthorized,
                "Google Drive refused access for \(account) (is the folder shared with it, and is the Drive API enabled?): \(error.description)"
            )
        case .cancelled:
            return CancellationError()
        default:
            return ProviderError(.unavailable, "Google Drive could not be reached or kept failing: \(error.description)")
        }
    }
}
