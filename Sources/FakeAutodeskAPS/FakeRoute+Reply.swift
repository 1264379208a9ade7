import ConnectorHTTPTestSupport

extension FakeRoute {
    static let jsonapi = #""jsonapi":{"version":"1.0"}"#

    /// The reply of a Data Management route, from the project's current state.
    func reply(project: inout FakeProject, query: [(String, String)], request: RecordedRequest, fake: FakeAutodeskAPS) -> ServerReply {
        let provisioned = fake.configuration.provisioned
        switch endpoint {
        case .token, .unknown:
            return Self.notFound("route")
        case .hubs:
            let data = provisioned ? project.hubJSON() : ""
            return Self.document("{" + Self.jsonapi + #","links":{"self":{"href":"/project/v1/hubs"}},"data":["# + data + "]}")
        default:
            break
        }
        guard provisioned else { return Self.forbidden }
        if let hubID, hubID != project.hubID { return Self.notFound("hub") }
        if let projectID, projectID != project.projectID { return Self.notFound("project") }
        switch endpoint {
        case .hub:
            return Self.document(
                "{" + Self.jsonapi + #","links":{"self":"# + FakeJSON.link("/project/v1/hubs/" + project.hubID) + #"},"data":"#
                    + project.hubJSON() + "}")
        case .projects:
            let selfLink = "/project/v1/hubs/" + project.hubID + "/projects"
            return Self.document(
                "{" + Self.jsonapi + #","links":{"self":"# + FakeJSON.link(selfLink) + #"},"data":["# + project.projectJSON() + "]}")
        case .project:
            return Self.document(
                "{" + Self.jsonapi + #","links":{"self":"#
                    + FakeJSON.link("/project/v1/hubs/" + project.hubID + "/projects/" + project.projectID)
                    + #"},"data":"# + project.projectJSON() + "}")
        case .topFolders:
            let host = request.header("Host").map { "http://" + $0 } ?? ""
            let visible = project.topFolders.filter { !project.folders[$0].hidden }
            let data = visible.map(project.folderJSON).joined(separator: ",")
            let selfLink = host + "/project/v1/hubs/" + project.hubID + "/projects/" + project.projectID + "/topFolders"
            return Self.document("{" + Self.jsonapi + #","links":{"self":"# + FakeJSON.link(selfLink) + #"},"data":["# + data + "]}")
        case .folder:
            guard let index = folderID.flatMap({ project.folderIndex[$0] }) else { return Self.notFound("folder") }
            return Self.document(
                "{" + Self.jsonapi + #","links":{"self":"#
                    + FakeJSON.link(project.dataPath + "/folders/" + FakeJSON.percentEncode(project.folders[index].id))
                    + #"},"data":"# + project.folderJSON(index) + "}")
        case .folderContents:
            guard let index = folderID.flatMap({ project.folderIndex[$0] }) else { return Self.notFound("folder") }
            if project.forbiddenFolders.contains(index) { return Self.folderForbidden }
            return FakeContentsPage.reply(project: project, folder: index, query: query, configuration: fake.configuration)
        case .item, .tip:
            guard let index = itemID.flatMap({ project.itemIndex[$0] }) else { return Self.notFound("item") }
            let item = project.items[index]
            let path = project.dataPath + "/items/" + FakeJSON.percentEncode(item.id)
            if endpoint == .tip {
                return Self.document(
                    "{" + Self.jsonapi + #","links":"# + FakeJSON.link(path + "/tip") + #","data":"#
                        + project.versionJSON(index, number: item.versionCount) + "}")
            }
            return Self.document(
                "{" + Self.jsonapi + #","links":{"self":"# + FakeJSON.link(path) + #"},"data":"# + project.itemJSON(index)
                    + #","included":["# + project.versionJSON(index, number: item.versionCount) + "]}")
        case .versions:
            guard let index = itemID.flatMap({ project.itemIndex[$0] }) else { return Self.notFound("item") }
            let item = project.items[index]
            let data = (1...item.versionCount).reversed().map { project.versionJSON(index, number: $0) }.joined(separator: ",")
            let path = project.dataPath + "/items/" + FakeJSON.percentEncode(item.id) + "/versions"
            return Self.document("{" + Self.jsonapi + #","links":{"self":"# + FakeJSON.link(path) + #"},"data":["# + data + "]}")
        case .version:
            guard let versionID, let mark = versionID.range(of: "?version="), let number = Int(versionID[mark.upperBound...]),
                let index = project.items.firstIndex(where: { $0.versionID(number) == versionID }),
                number <= project.items[index].versionCount
            else { return Self.notFound("version") }
            return Self.document(
                "{" + Self.jsonapi + #","links":{"self":"#
                    + FakeJSON.link(project.dataPath + "/versions/" + FakeJSON.percentEncode(versionID))
                    + #"},"data":"# + project.versionJSON(index, number: number) + "}")
        default:
            return Self.notFound("route")
        }
    }
}
