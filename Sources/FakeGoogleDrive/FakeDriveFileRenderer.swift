/// Renders file resources for one request's `fields` selection, with Drive's JSON mapping: int64 members
/// (`size`, `version`, `quotaBytesUsed`) as strings, members a file does not have left out.
struct FakeDriveFileRenderer {
    private let mask: FakeDriveFieldMask
    private let flags: Set<String>
    private let shortcut: FakeDriveFieldMask?

    init(_ mask: FakeDriveFieldMask) {
        self.mask = mask
        flags = mask.all ? Set(FakeDriveSchema.fileMembers) : Set(mask.members.keys)
        shortcut = mask.child("shortcutDetails")
    }

    /// Writes `item` (whose effective trashed state is `trashed`) as one JSON object.
    func write(_ item: FakeDriveItem, trashed: Bool, into json: inout FakeDriveJSONWriter) {
        json.beginObject()
        if flags.contains("kind") { json.member("kind", "drive#file") }
        if flags.contains("id") { json.member("id", item.id) }
        if flags.contains("name") { json.member("name", item.name) }
        if flags.contains("mimeType") { json.member("mimeType", item.mimeType) }
        if flags.contains("parents"), !item.parents.isEmpty {
            json.key("parents")
            json.beginArray()
            for parent in item.parents { json.string(parent) }
            json.endArray()
        }
        if let size = item.size {
            if flags.contains("size") { json.member("size", String(size)) }
            if flags.contains("quotaBytesUsed") { json.member("quotaBytesUsed", String(size)) }
        }
        if flags.contains("md5Checksum"), let md5 = item.md5Checksum { json.member("md5Checksum", md5) }
        if flags.contains("sha256Checksum"), let sha = item.sha256Checksum { json.member("sha256Checksum", sha) }
        if flags.contains("createdTime") { json.member("createdTime", item.createdTime) }
        if flags.contains("modifiedTime") { json.member("modifiedTime", item.modifiedTime) }
        if flags.contains("version") { json.member("version", String(item.version)) }
        if flags.contains("trashed") { json.member("trashed", trashed) }
        if flags.contains("explicitlyTrashed") { json.member("explicitlyTrashed", item.explicitlyTrashed) }
        if flags.contains("driveId"), let drive = item.driveID { json.member("driveId", drive) }
        if flags.contains("webViewLink") { json.member("webViewLink", item.webViewLink) }
        if flags.contains("headRevisionId"), !item.isWorkspace { json.member("headRevisionId", "0B" + item.id + "-r\(item.version)") }
        if flags.contains("exportLinks"), !item.exportLinks.isEmpty {
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
        if flags.contains("owners"), item.driveID == nil {
            json.key("owners")
            json.literal(#"[{"kind":"drive#user","displayName":"Design Team","emailAddress":"design@example.com","me":false}]"#)
        }
        if flags.contains("spaces") { json.key("spaces"); json.literal(#"["drive"]"#) }
        json.endObject()
    }
}
