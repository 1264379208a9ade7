import ConnectorHTTPTestSupport

/// One page of `GET /data/v1/projects/{project_id}/folders/{folder_id}/contents`.
///
/// The page is cut from the folder's children (subfolders first, then items, in creation order) *before*
/// visibility and filters apply, so pages can be short or empty while `links.next` says more follow: the
/// only reliable end signal is a missing `links.next`, as the service documents.
enum FakeContentsPage {
    static func reply(
        project: FakeProject, folder index: Int, query: [(String, String)], configuration: FakeAutodeskAPS.Configuration
    ) -> ServerReply {
        let value = { (key: String) in query.first { $0.0 == key }?.1 }
        let limit = value("page[limit]").map { Int($0) ?? -1 } ?? 200
        guard (1...200).contains(limit) else {
            return FakeRoute.error(
                400, code: "BAD_INPUT", title: "One or more input values in the request were bad", detail: "The limit value is invalid.")
        }
        let number = value("page[number]").map { Int($0) ?? -1 } ?? 0
        guard number >= 0 else {
            return FakeRoute.error(
                400, code: "BAD_INPUT", title: "One or more input values in the request were bad", detail: "The page number is invalid.")
        }
        let filter: FakeFilter
        switch FakeFilter.parse(query) {
        case .success(let parsed): filter = parsed
        case .failure(let error):
            return FakeRoute.error(
                400, code: "BAD_INPUT", title: "One or more input values in the request were bad",
                detail: "The filter \(error.key) is invalid.")
        }
        let showHidden = value("includeHidden") == "true" || filter.mentionsHidden
        let folder = project.folders[index]
        let total = folder.folders.count + folder.items.count
        let start = min(number * limit, total)
        let end = min(start + limit, total)
        var data: [String] = []
        var included: [String] = []
        for position in start..<end {
            if position < folder.folders.count {
                let child = project.folders[folder.folders[position]]
                guard showHidden || !child.hidden, filter.accepts({ folderField(child, $0) }) else { continue }
                data.append(project.folderJSON(folder.folders[position]))
            } else {
                let itemIndex = folder.items[position - folder.folders.count]
                let item = project.items[itemIndex]
                guard showHidden || !item.hidden, filter.accepts({ itemField(item, $0) }) else { continue }
                data.append(project.itemJSON(itemIndex))
                included.append(project.versionJSON(itemIndex, number: item.versionCount))
            }
        }
        if configuration.omitIncludedEvery > 0,
            SeededGenerator.hash(configuration.seed, UInt64(index), UInt64(number)) % UInt64(configuration.omitIncludedEvery) == 0
        {
            included = []
        }
        let path = project.dataPath + "/folders/" + FakeJSON.percentEncode(folder.id) + "/contents"
        let href = { (page: Int) in path + "?" + pageQuery(query, number: page, limit: limit) }
        var links = #"{"self":"# + FakeJSON.link(href(number))
        if total > limit {
            links += #","first":"# + FakeJSON.link(href(0))
            if number > 0 { links += #","prev":"# + FakeJSON.link(href(number - 1)) }
            if end < total { links += #","next":"# + FakeJSON.link(href(number + 1)) }
        }
        var body = "{" + FakeRoute.jsonapi + #","links":"# + links + #"},"data":["# + data.joined(separator: ",") + "]"
        if !included.isEmpty { body += #","included":["# + included.joined(separator: ",") + "]" }
        return FakeRoute.document(body + "}")
    }

    /// The request's query with `page[number]` and `page[limit]` set, encoded as the service writes it.
    private static func pageQuery(_ query: [(String, String)], number: Int, limit: Int) -> String {
        var pairs = query.filter { $0.0 != "page[number]" && $0.0 != "page[limit]" }
        pairs.append(("page[number]", String(number)))
        pairs.append(("page[limit]", String(limit)))
        return pairs.map { FakeJSON.percentEncode($0.0) + "=" + FakeJSON.percentEncode($0.1) }.joined(separator: "&")
    }

    static func folderField(_ folder: FakeFolder, _ field: String) -> String? {
        switch field {
        case "type": "folders"
        case "id": folder.id
        case "name", "displayName": folder.name
        case "hidden": folder.hidden ? "true" : "false"
        case "createTime": FakeTime.format(folder.created)
        case "lastModifiedTime": FakeTime.format(folder.modified)
        case "lastModifiedTimeRollup": FakeTime.format(folder.rollup)
        case "extension.type": "folders:autodesk.bim360:Folder"
        default: nil
        }
    }

    static func itemField(_ item: FakeItem, _ field: String) -> String? {
        switch field {
        case "type": "items"
        case "id": item.id
        case "displayName": item.name
        case "hidden": item.hidden ? "true" : "false"
        case "createTime": FakeTime.format(item.created)
        case "lastModifiedTime": FakeTime.format(item.modified)
        case "extension.type": "items:autodesk.bim360:File"
        default: nil
        }
    }
}
