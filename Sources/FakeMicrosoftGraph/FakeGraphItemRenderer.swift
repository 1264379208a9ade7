import ConnectorHTTPTestSupport

/// A row rendered before, valid while the item's version, the tree's structure and the selection are unchanged.
struct FakeGraphRenderedRow {
    var mask: UInt32
    var version: Int
    var structureGeneration: Int
    var bytes: [UInt8]
}

/// Renders driveItems of one drive as JSON bytes, field by field, with what every row of the drive shares computed once.
struct FakeGraphItemRenderer {
    /// Whether rows are for delta (no `parentReference.path`) or for item GETs and children (with it).
    enum Mode {
        case delta
        case item
    }

    var driveID: String
    var driveType: String
    var siteID: String
    var libraryURL: String
    var domain: String
    var listID: String
    var siteCollectionID: String
    var siteURL: String
    var webID: String
    var tenantID: String
    var selection: FakeGraphSelection
    var mode: Mode

    /// People who create and change files, with their user GUIDs.
    static let people: [(name: String, alias: String, id: String)] = [
        ("Megan Bowen", "MeganB", "48d31887-5fad-4d73-a9f5-3c356e68a038"),
        ("Alex Wilber", "AlexW", "5bde3e51-d13b-4db1-9948-fe4b109d11a7"),
        ("Adele Vance", "AdeleV", "87d349ed-44d7-43e1-9a83-5f2406dee5bd"),
        ("Lee Gu", "LeeG", "e8a02cc7-df4d-4778-956d-784cc9506e5a"),
        ("Isaiah Langer", "IsaiahL", "6e7b768e-07e2-4810-8459-485f84f8f204"),
        ("Diego Siciliani", "DiegoS", "df043ff1-49d5-414e-86a4-0747721a4e6c"),
        ("Pradeep Gupta", "PradeepG", "24fcbca3-c3e2-48bf-9ffc-c7f81b81483d"),
        ("Johanna Lorenz", "JohannaL", "626cbf8c-5dde-46b0-8385-9e40d64736fe"),
    ]

    init?(drive: FakeGraphDriveRecord, state: FakeMicrosoftGraph.State, selection: FakeGraphSelection, mode: Mode) {
        guard let site = state.sites[drive.siteID] else { return nil }
        driveID = drive.id
        driveType = drive.driveType
        siteID = site.site.id
        libraryURL = FakeMicrosoftGraph.libraryURL(drive, in: state)
        domain = state.tenants[site.site.tenantID]?.domains.first ?? "contoso.onmicrosoft.com"
        listID = drive.listID
        siteCollectionID = site.siteCollectionID
        siteURL = site.site.webUrl
        webID = site.webID
        tenantID = site.site.tenantID
        self.selection = selection
        self.mode = mode
    }

    /// The row for `record`, from the cache when still valid (delta rows only).
    func row(_ record: FakeGraphItemRecord, state: inout FakeMicrosoftGraph.State) -> [UInt8] {
        if mode == .delta, let cached = state.renderCache[record.id], cached.mask == selection.mask, cached.version == record.version,
            cached.structureGeneration == state.structureGeneration
        {
            return cached.bytes
        }
        var json = FakeJSONWriter(capacity: 1600)
        write(record, state: state, into: &json)
        if mode == .delta {
            state.renderCache[record.id] = FakeGraphRenderedRow(
                mask: selection.mask, version: record.version, structureGeneration: state.structureGeneration, bytes: json.bytes)
        }
        return json.bytes
    }

    /// The names from the root (excluded) down to `record` (included).
    static func names(_ record: FakeGraphItemRecord, in state: FakeMicrosoftGraph.State) -> [String] {
        var names: [String] = []
        var current: FakeGraphItemRecord? = record
        while let item = current, item.kind != .root {
            names.append(item.name)
            current = item.parentID.flatMap { state.items[$0] }
        }
        return names.reversed()
    }

    /// The item's browser URL.
    func webURL(_ record: FakeGraphItemRecord, in state: FakeMicrosoftGraph.State) -> String {
        var url = libraryURL
        for name in Self.names(record, in: state) { url += "/" + FakeMicrosoftGraph.percentEncoded(name) }
        return url
    }

    func write(_ record: FakeGraphItemRecord, state: FakeMicrosoftGraph.State, into json: inout FakeJSONWriter) {
        let has = selection.has
        json.beginObject()
        if record.isDeleted {
            json.member("id", record.id)
            if has(.parentReference) {
                json.key("parentReference")
                json.beginObject()
                json.member("driveType", driveType)
                json.member("driveId", driveID)
                if let parent = record.parentID { json.member("id", parent) }
                json.endObject()
            }
            if has(.folder), record.kind == .folder, Self.keepsFolderFacet(record.id) { json.emptyObject("folder") }
            if has(.deleted) {
                json.key("deleted")
                json.beginObject()
                json.member("state", "deleted")
                json.endObject()
            }
            json.endObject()
            return
        }
        if has(.createdBy) { writePerson("createdBy", record.createdBy, into: &json) }
        if has(.createdDateTime) { json.member("createdDateTime", record.created) }
        if has(.eTag) { json.member("eTag", record.eTag) }
        json.member("id", record.id)
        if has(.lastModifiedBy) { writePerson("lastModifiedBy", record.modifiedBy, into: &json) }
        if has(.lastModifiedDateTime) { json.member("lastModifiedDateTime", record.modified) }
        if has(.name) { json.member("name", record.name) }
        if has(.parentReference) {
            json.key("parentReference")
            json.beginObject()
            json.member("driveType", driveType)
            json.member("driveId", driveID)
            if let parent = record.parentID {
                json.member("id", parent)
                if mode == .item, let parentRecord = state.items[parent] {
                    let names = Self.names(parentRecord, in: state)
                    json.member("path", "/drives/\(driveID)/root:" + names.map { "/" + $0 }.joined())
                    json.member("siteId", siteID)
                }
            }
            json.endObject()
        }
        if has(.webUrl) { json.member("webUrl", webURL(record, in: state)) }
        if has(.cTag), record.kind == .file { json.member("cTag", record.cTag) }
        switch record.kind {
        case .file:
            if has(.file) {
                json.key("file")
                json.beginObject()
                json.member("mimeType", record.mimeType ?? "application/octet-stream")
                json.key("hashes")
                json.beginObject()
                if let hash = record.quickXorHash { json.member("quickXorHash", hash) }
                json.endObject()
                json.endObject()
            }
        case .folder, .root:
            if has(.folder) {
                json.key("folder")
                json.beginObject()
                json.member("childCount", number: Int64(state.children[record.id]?.count ?? 0))
                json.endObject()
            }
            if record.kind == .root, has(.root) { json.emptyObject("root") }
        case .notebook:
            if has(.package) {
                json.key("package")
                json.beginObject()
                json.member("type", "oneNote")
                json.endObject()
            }
        }
        if has(.fileSystemInfo) {
            json.key("fileSystemInfo")
            json.beginObject()
            json.member("createdDateTime", record.created)
            json.member("lastModifiedDateTime", record.modified)
            json.endObject()
        }
        if has(.sharepointIds) {
            json.key("sharepointIds")
            json.beginObject()
            json.member("listId", listID)
            json.member("listItemId", String(record.listItemID))
            json.member("listItemUniqueId", record.uniqueID.lowercased())
            json.member("siteId", siteCollectionID)
            json.member("siteUrl", siteURL)
            json.member("tenantId", tenantID)
            json.member("webId", webID)
            json.endObject()
        }
        if has(.size) { json.member("size", number: record.size) }
        json.endObject()
    }

    private func writePerson(_ key: String, _ index: Int, into json: inout FakeJSONWriter) {
        let person = Self.people[index % Self.people.count]
        json.key(key)
        json.beginObject()
        json.key("user")
        json.beginObject()
        json.member("email", person.alias + "@" + domain)
        json.member("id", person.id)
        json.member("displayName", person.name)
        json.endObject()
        json.endObject()
    }

    /// Whether a deleted folder keeps an empty `folder` facet (a seeded 30 %, stable per id).
    static func keepsFolderFacet(_ id: String) -> Bool {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash % 10 < 3
    }

    /// The public value of `record`.
    func value(_ record: FakeGraphItemRecord, in state: FakeMicrosoftGraph.State) -> FakeGraphItem {
        let creator = Self.people[record.createdBy % Self.people.count]
        let modifier = Self.people[record.modifiedBy % Self.people.count]
        return FakeGraphItem(
            id: record.id, name: record.name, parentID: record.parentID, driveID: record.driveID, kind: record.kind, size: record.size,
            mimeType: record.mimeType, quickXorHash: record.quickXorHash, eTag: record.eTag,
            cTag: record.kind == .file ? record.cTag : nil, createdDateTime: record.created, lastModifiedDateTime: record.modified,
            createdByName: creator.name, createdByEmail: creator.alias + "@" + domain, lastModifiedByName: modifier.name,
            lastModifiedByEmail: modifier.alias + "@" + domain, webUrl: webURL(record, in: state),
            sharepointIds: FakeGraphSharePointIDs(
                listId: listID, listItemId: String(record.listItemID), listItemUniqueId: record.uniqueID.lowercased(),
                siteId: siteCollectionID, siteUrl: siteURL, webId: webID, tenantId: tenantID),
            isDeleted: record.isDeleted)
    }
}
