import ConnectorHTTPTestSupport

/// Which APS endpoint a request is for, with its path parameters percent-decoded (raw and encoded URNs both work).
struct FakeRoute: Sendable {
    enum Endpoint: String, Sendable {
        case token, hubs, hub, projects, project, topFolders, folder, folderContents, item, tip, versions, version, unknown
    }

    var endpoint: Endpoint = .unknown
    var hubID: String?
    var projectID: String?
    var folderID: String?
    var itemID: String?
    var versionID: String?

    /// The endpoint's name, which is also its rate-limit family.
    var family: String { endpoint.rawValue }

    init(_ request: RecordedRequest) {
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: true).map(FakeJSON.percentDecode)
        switch parts.count {
        case 3 where parts == ["authentication", "v2", "token"]: endpoint = .token
        case 3... where parts[0] == "project" && parts[1] == "v1" && parts[2] == "hubs": projectRoute(Array(parts.dropFirst(3)))
        case 5... where parts[0] == "data" && parts[1] == "v1" && parts[2] == "projects": dataRoute(Array(parts.dropFirst(3)))
        default: break
        }
    }

    private mutating func projectRoute(_ parts: [String]) {
        hubID = parts.first
        projectID = parts.count > 2 ? parts[2] : nil
        switch parts.count {
        case 0: endpoint = .hubs
        case 1: endpoint = .hub
        case 2 where parts[1] == "projects": endpoint = .projects
        case 3 where parts[1] == "projects": endpoint = .project
        case 4 where parts[1] == "projects" && parts[3] == "topFolders": endpoint = .topFolders
        default: endpoint = .unknown
        }
    }

    private mutating func dataRoute(_ parts: [String]) {
        projectID = parts[0]
        switch (parts[1], parts.count) {
        case ("folders", 3): endpoint = .folder
        case ("folders", 4) where parts[3] == "contents": endpoint = .folderContents
        case ("items", 3): endpoint = .item
        case ("items", 4) where parts[3] == "tip": endpoint = .tip
        case ("items", 4) where parts[3] == "versions": endpoint = .versions
        case ("versions", 3): endpoint = .version
        default: endpoint = .unknown
        }
        switch parts[1] {
        case "folders": folderID = parts[2]
        case "items": itemID = parts[2]
        default: versionID = parts[2]
        }
    }

    /// A JSON:API error document.
    static func error(_ status: Int, code: String, title: String, detail: String) -> ServerReply {
        let body =
            #"{"jsonapi":{"version":"1.0"},"errors":[{"id":"6ffd7c96-0c44-4223-8fa2-713bd02a548a","status":"\#(status)","code":"\#(code)","title":"\#(title)","detail":"#
            + FakeJSON.string(detail) + "}]}"
        return .response(status: status, headers: [("Content-Type", "application/vnd.api+json")], body: Array(body.utf8))
    }

    /// A 200 JSON:API document.
    static func document(_ body: String) -> ServerReply {
        .response(status: 200, headers: [("Content-Type", "application/vnd.api+json")], body: Array(body.utf8))
    }

    static func notFound(_ what: String) -> ServerReply {
        error(404, code: "NOT_FOUND", title: "Unable to find resource", detail: "The requested \(what) was not found.")
    }

    /// A folder whose permissions leave the app out.
    static let folderForbidden = error(
        403, code: "ERR_NOT_AUTHORIZED", title: "Forbidden", detail: "You don't have permission to access this folder.")

    static let forbidden = error(
        403, code: "BIM360DM_ERROR", title: "Unable to get hubs from BIM360DM US.", detail: "You don't have permission to access this API")
}
