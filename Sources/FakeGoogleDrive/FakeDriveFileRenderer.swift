import ConnectorHTTPTestSupport

/// Renders file resources for one request's `fields` selection, with Drive's JSON mapping: int64 members
/// (`size`, `version`, `quotaBytesUsed`) as strings, members a file does not have left out.
struct FakeDriveFileRenderer {
    /// The selected members, looked up once per request rather than once per file.
    private struct Flags {
        var kind, id, name, mimeType, parents, size, quotaBytesUsed, md5, sha256, createdTime, modifiedTime: Bool
        var version, trashed, explicitlyTrashed, driveId, webViewLink, headRevisionId, exportLinks, owners, spaces: Bool

        init(_ mask: FakeDriveFieldMask) {
            kind = mask.has("kind")
            id = mask.has("id")
            name = mask.has("name")
            mimeType = mask.has("mimeType")
            parents = mask.has("parents")
            size = mask.has("size")
            quotaBytesUsed = mask.has("quotaBytesUsed")
            md5 = mask.has("md5Checksum")
            sha256 = mask.has("sha256Checksum")
            createdTime = mask.has("createdTime")
            modifiedTime = mask.has("modifiedTime")
            version = mask.has("version")
            trashed = mask.has("trashed")
            explicitlyTrashed = mask.has("explicitlyTrashed")
            driveId = mask.has("driveId")
            webViewLink = mask.has("webViewLink")
            headRevisionId = mask.has("headRevisionId")
            exportLinks = mask.has("exportLinks")
            owners = mask.has("owners")
            spaces = mask.has("spaces")
        }
    }

    private let flags: Flags
    private let shortcut: FakeDriveFieldMask?

    init(_ mask: FakeDriveFieldMask) {
        flags = Flags(mask)
        shortcut = mask.child("shortcutDetails")
    }

    /// Writes `item` (whose effective trashed state is `trashed`) as one JSON object.
    func write(_ item: FakeDriveItem, trashed: Bool, into json: inout FakeJSONWriter) {
        json.beginObject()
        if flags.kind { json.member("kind", "drive#file") }
        if flags.id { json.member("id", item.id) }
        if flags.name { json.member("name", item.name) }
        if flags.mimeType { json.member("mimeType", item.mimeType) }
        if flags.parents, !item.parents.isEmpty {
            json.key("parents")
            json.beginArray()
            for parent in item.parents { json.string(parent) }
            json.endArray()
        }
        if let size = item.size {
            if flags.size { json.member("size", String(size)) }
            if flags.quotaBytesUsed { json.member("quotaBytesUsed", String(size)) }
        }
        if flags.md5, let md5 = item.md5Checksum { json.member("md5Checksum", md5) }
        if flags.sha256, let sha = item.sha256Checksum { json.member("sha256Checksum", sha) }
        if flags.createdTime { json.member("createdTime", item.createdTime) }
        if flags.modifiedTime { json.member("modifiedTime", item.modifiedTime) }
        if flags.version { json.member("version", String(item.version)) }
        if flags.trashed { json.member("trashed", trashed) }
        if flags.explicitlyTrashed { json.member("explicitlyTrashed", item.explicitlyTrashed) }
        if flags.driveId, let drive = item.driveID { json.member("driveId", drive) }
        if flags.webViewLink { json.member("webViewLink", item.webViewLink) }
        if flags.headRevisionId, !item.isWorkspace { json.member("headRevisionId", "0B" + item.id + "-r\(item.version)") }
        if flags.exportLinks, !item.exportLinks.isEmpty {
            json.key("exportLinks")
            json.beginObject()
            for (type, link) in item.exportLinks.sorted(by: { $0.key < $1.key }) { json.member(type, link) }
            json.endObject()
        }
        if let shortcut, let target = item.shortcutTargetID {
            json.key("shortcutDetails")
            json.beginObject()
            if shortcut.has("targetId") { json.member("targetId", target) }
            if shortcut.has("targetMimeType"), let type = item.shortcutTargetMimeType { json.member("targetMimeType", type) }
            json.endObject()
        }
        if flags.owners, item.driveID == nil {
            json.key("owners")
            json.literal(#"[{"kind":"drive#user","displayName":"Design Team","emailAddress":"design@example.com","me":false}]"#)
        }
        if flags.spaces {
            json.key("spaces")
            json.literal(#"["drive"]"#)
        }
        json.endObject()
    }
}
