/// The JSON:API resource objects of the fake project, shaped as the OpenAPI component schemas require
/// (`FolderData`, `ItemData`, `VersionData`, `HubData`, `ProjectData`).
extension FakeProject {
    var dataPath: String { "/data/v1/projects/" + projectID }
    var projectGUID: String { projectID.hasPrefix("b.") ? String(projectID.dropFirst(2)) : projectID }

    /// A `FolderData` object.
    func folderJSON(_ index: Int) -> String {
        let folder = folders[index]
        let user = Self.users[index % Self.users.count]
        let path = dataPath + "/folders/" + FakeJSON.percentEncode(folder.id)
        var json = #"{"type":"folders","id":"# + FakeJSON.string(folder.id) + #","attributes":{"name":"# + FakeJSON.string(folder.name)
        json += #","displayName":"# + FakeJSON.string(folder.name) + #","objectCount":\#(folder.folders.count + folder.items.count)"#
        json +=
            #","createTime":""# + FakeTime.format(folder.created) + #"","createUserId":""# + user.id + #"","createUserName":""# + user.name
        json += #"","lastModifiedTime":""# + FakeTime.format(folder.modified) + #"","lastModifiedUserId":""# + user.id
        json += #"","lastModifiedUserName":""# + user.name + #"","lastModifiedTimeRollup":""# + FakeTime.format(folder.rollup)
        json += #"","hidden":\#(folder.hidden),"extension":"# + FakeJSON.extensionObject("folders:autodesk.bim360:Folder", base: "") + "}"
        json += #","links":{"self":"# + FakeJSON.link(path) + #","webView":"# + FakeJSON.link(webView(folder: index)) + "}"
        json += #","relationships":{"parent":{"links":{"related":"# + FakeJSON.link(path + "/parent") + "}"
        if let parent = folder.parent { json += #","data":"# + FakeJSON.typeID("folders", folders[parent].id) }
        json +=
            #"},"refs":{"links":{"self":"# + FakeJSON.link(path + "/relationships/refs") + #","related":"# + FakeJSON.link(path + "/refs")
        json += #"}},"links":{"links":{"self":"# + FakeJSON.link(path + "/relationships/links") + "}}"
        json += #","contents":{"links":{"related":"# + FakeJSON.link(path + "/contents") + "}}}}"
        return json
    }

    /// An `ItemData` object.
    func itemJSON(_ index: Int) -> String {
        let item = items[index]
        let creator = Self.users[item.user % Self.users.count]
        let modifier = Self.users[(item.user + item.versionCount - 1) % Self.users.count]
        let path = dataPath + "/items/" + FakeJSON.percentEncode(item.id)
        var json = #"{"type":"items","id":"# + FakeJSON.string(item.id) + #","attributes":{"displayName":"# + FakeJSON.string(item.name)
        json +=
            #","createTime":""# + FakeTime.format(item.created) + #"","createUserId":""# + creator.id + #"","createUserName":""#
            + creator.name
        json += #"","lastModifiedTime":""# + FakeTime.format(item.modified) + #"","lastModifiedUserId":""# + modifier.id
        json += #"","lastModifiedUserName":""# + modifier.name + #"","hidden":\#(item.hidden),"reserved":false,"extension":"#
        json += FakeJSON.extensionObject("items:autodesk.bim360:File", base: "") + "}"
        json += #","links":{"self":"# + FakeJSON.link(path) + #","webView":"# + FakeJSON.link(webView(item: index)) + "}"
        json += #","relationships":{"tip":{"links":{"related":"# + FakeJSON.link(path + "/tip") + #"},"data":"#
        json += FakeJSON.typeID("versions", item.versionID(item.versionCount))
        json += #"},"versions":{"links":{"related":"# + FakeJSON.link(path + "/versions") + "}}"
        json +=
            #","parent":{"links":{"related":"# + FakeJSON.link(path + "/parent") + #"},"data":"#
            + FakeJSON.typeID("folders", folders[item.folder].id)
        json +=
            #"},"refs":{"links":{"self":"# + FakeJSON.link(path + "/relationships/refs") + #","related":"# + FakeJSON.link(path + "/refs")
        json += #"}},"links":{"links":{"self":"# + FakeJSON.link(path + "/relationships/links") + "}}}}"
        return json
    }

    /// A `VersionData` object for version `number` of item `index`; the tip of a deleted item is a Deleted version.
    func versionJSON(_ index: Int, number: Int) -> String {
        let item = items[index]
        let isDeletedTip = item.deleted && number == item.versionCount
        let user = Self.users[(item.user + number - 1) % Self.users.count]
        let time = number == item.versionCount ? item.tipTime : item.created + Int64(number - 1) * 3_600_000
        let versionID = item.versionID(number)
        let path = dataPath + "/versions/" + FakeJSON.percentEncode(versionID)
        let storage = "urn:adsk.objects:os.object:wip.dm.prod/\(item.fileToken)-v\(number).\(item.fileType)"
        var json = #"{"type":"versions","id":"# + FakeJSON.string(versionID) + #","attributes":{"name":"# + FakeJSON.string(item.name)
        json += #","displayName":"# + FakeJSON.string(item.name) + #","versionNumber":\#(number)"#
        if !isDeletedTip {
            json +=
                #","mimeType":"application/octet-stream","fileType":"# + FakeJSON.string(item.fileType)
                + #","storageSize":\#(item.size(ofVersion: number))"#
        }
        json += #","createTime":""# + FakeTime.format(time) + #"","createUserId":""# + user.id + #"","createUserName":""# + user.name
        json +=
            #"","lastModifiedTime":""# + FakeTime.format(time) + #"","lastModifiedUserId":""# + user.id + #"","lastModifiedUserName":""#
            + user.name
        json +=
            #"","extension":"#
            + FakeJSON.extensionObject(isDeletedTip ? "versions:autodesk.core:Deleted" : "versions:autodesk.bim360:File", base: "")
        json += #"},"links":{"self":"# + FakeJSON.link(path) + #","webView":"# + FakeJSON.link(webView(item: index)) + "}"
        json +=
            #","relationships":{"item":{"links":{"related":"# + FakeJSON.link(path + "/item") + #"},"data":"#
            + FakeJSON.typeID("items", item.id)
        json +=
            #"},"refs":{"links":{"self":"# + FakeJSON.link(path + "/relationships/refs") + #","related":"# + FakeJSON.link(path + "/refs")
        json += #"}},"links":{"links":{"self":"# + FakeJSON.link(path + "/relationships/links") + "}}"
        if !isDeletedTip {
            json += #","storage":{"data":"# + FakeJSON.typeID("objects", storage) + #","meta":{"link":"#
            json += FakeJSON.link("/oss/v2/buckets/wip.dm.prod/objects/\(item.fileToken)-v\(number).\(item.fileType)") + "}}"
        }
        return json + "}}"
    }

    /// A `HubData` object.
    func hubJSON() -> String {
        let path = "/project/v1/hubs/" + hubID
        return #"{"type":"hubs","id":"# + FakeJSON.string(hubID) + #","attributes":{"name":"# + FakeJSON.string(hubName)
            + #","extension":"# + FakeJSON.extensionObject("hubs:autodesk.bim360:Account", base: "") + #","region":"US"}"#
            + #","relationships":{"projects":{"links":{"related":"# + FakeJSON.link(path + "/projects") + "}}}"
            + #","links":{"self":"# + FakeJSON.link(path) + "}}"
    }

    /// A `ProjectData` object.
    func projectJSON() -> String {
        let path = "/project/v1/hubs/" + hubID + "/projects/" + projectID
        return #"{"type":"projects","id":"# + FakeJSON.string(projectID) + #","attributes":{"name":"# + FakeJSON.string(projectName)
            + #","scopes":["b360project.\#(projectGUID)"],"extension":{"type":"projects:autodesk.bim360:Project","version":"1.0","schema":"#
            + FakeJSON.link("/schema/v1/versions/projects%3Aautodesk.bim360%3AProject-1.0") + #","data":{}}}"#
            + #","links":{"self":"# + FakeJSON.link(path) + #","webView":"#
            + FakeJSON.link("https://acc.autodesk.com/docs/files/projects/" + projectGUID) + "}"
            + #","relationships":{"hub":{"data":"# + FakeJSON.typeID("hubs", hubID) + #","links":{"related":"#
            + FakeJSON.link("/project/v1/hubs/" + hubID) + #"}},"rootFolder":{"data":"# + FakeJSON.typeID("folders", folders[rootFolder].id)
            + #","meta":{"link":"# + FakeJSON.link(dataPath + "/folders/" + FakeJSON.percentEncode(folders[rootFolder].id)) + "}}"
            + #","topFolders":{"links":{"related":"# + FakeJSON.link(path + "/topFolders") + "}}}}"
    }

    /// The ACC web link of a folder.
    func webView(folder index: Int) -> String {
        "https://acc.autodesk.com/docs/files/projects/" + projectGUID + "?folderUrn=" + FakeJSON.percentEncode(folders[index].id)
    }

    /// The ACC web link of an item (opens the viewer on its lineage).
    func webView(item index: Int) -> String {
        let item = items[index]
        return "https://acc.autodesk.com/docs/files/projects/" + projectGUID + "?folderUrn="
            + FakeJSON.percentEncode(folders[item.folder].id)
            + "&entityId=" + FakeJSON.percentEncode(item.id) + "&viewModel=detail&moduleId=folders"
    }
}
