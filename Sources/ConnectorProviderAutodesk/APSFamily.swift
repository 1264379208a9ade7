import ConnectorHTTP

/// The Data Management and Authentication endpoints this provider calls, each its own rate-limit family:
/// Autodesk counts requests per application (client id), per endpoint, per minute.
///
/// The budgets are the documented limits (`docs/autodesk-acc.md`, from the APS "Data Management rate limits"
/// page): hubs and projects 50/min, top folders, folders, folder contents and items 300/min, an item's tip
/// 50/min, an item's versions 800/min, the token endpoint 500/min.
public enum APSFamily: String, Sendable, CaseIterable {
    /// `POST /authentication/v2/token`.
    case token
    /// `GET /project/v1/hubs`.
    case hubs
    /// `GET /project/v1/hubs/{hub_id}`.
    case hub
    /// `GET /project/v1/hubs/{hub_id}/projects`.
    case projects
    /// `GET /project/v1/hubs/{hub_id}/projects/{project_id}`.
    case project
    /// `GET /project/v1/hubs/{hub_id}/projects/{project_id}/topFolders`.
    case topFolders
    /// `GET /data/v1/projects/{project_id}/folders/{folder_id}`.
    case folder
    /// `GET /data/v1/projects/{project_id}/folders/{folder_id}/contents`.
    case folderContents
    /// `GET /data/v1/projects/{project_id}/items/{item_id}`.
    case item
    /// `GET /data/v1/projects/{project_id}/items/{item_id}/tip`.
    case tip
    /// `GET /data/v1/projects/{project_id}/items/{item_id}/versions`.
    case versions

    /// The documented requests per minute.
    public var requestsPerMinute: Int {
        switch self {
        case .token: 500
        case .hubs, .hub, .projects, .project, .tip: 50
        case .topFolders, .folder, .folderContents, .item: 300
        case .versions: 800
        }
    }
}
