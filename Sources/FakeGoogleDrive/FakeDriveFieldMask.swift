/// A `fields` partial-response selection: `a,b(c,d),e/f`, `*` for everything; names are checked against the
/// discovery document's schemas, and a name the schema does not have is a 400 as in Drive.
struct FakeDriveFieldMask: Sendable {
    /// Every member is selected.
    var all = false
    /// Selected members; a member without its own selection maps to a mask with `all`.
    var members: [String: FakeDriveFieldMask] = [:]

    static let everything = FakeDriveFieldMask(all: true)

    /// The selection of member `name`, or nil when it is not selected.
    func child(_ name: String) -> FakeDriveFieldMask? {
        all ? .everything : members[name]
    }

    /// Whether `name` is selected.
    func has(_ name: String) -> Bool { all || members[name] != nil }

    /// A parse or schema error, with the text Drive would put in its message.
    struct Invalid: Error { var message: String }

    /// Parses `text` for a response of `schema`.
    static func parse(_ text: String, schema: FakeDriveSchema) throws -> FakeDriveFieldMask {
        var parser = Parser(bytes: Array(text.utf8))
        let mask = try parser.list(schema: schema)
        guard parser.index == parser.bytes.count else { throw Invalid(message: "Invalid field selection \(text)") }
        return mask
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func list(schema: FakeDriveSchema) throws -> FakeDriveFieldMask {
            var mask = FakeDriveFieldMask()
            repeat {
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
                try path(into: &mask, schema: schema)
            } while consume(",")
            return mask
        }

        /// `name`, `name/sub…` or `name(list)`.
        mutating func path(into mask: inout FakeDriveFieldMask, schema: FakeDriveSchema) throws {
            if consume("*") {
                mask.all = true
                return
            }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "("),
                bytes[index] != UInt8(ascii: ")"), bytes[index] != UInt8(ascii: "/")
            { index += 1 }
            let name = String(decoding: bytes[start..<index], as: UTF8.self).trimmingSpaces
            guard !name.isEmpty, let member = schema.member(name) else {
                throw Invalid(message: "Invalid field selection \(name)")
            }
            var sub = mask.members[name] ?? FakeDriveFieldMask()
            if consume("/") {
                try path(into: &sub, schema: member)
            } else if consume("(") {
                let inner = try list(schema: member)
                sub.all = sub.all || inner.all
                sub.members.merge(inner.members) { $1 }
                guard consume(")") else { throw Invalid(message: "Invalid field selection \(name)") }
            } else {
                sub.all = true
            }
            mask.members[name] = sub
        }

        mutating func consume(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
    }
}

/// The member names of the Drive schemas the fake serves, from `google-drive-v3.discovery.json` (revision 20261106).
indirect enum FakeDriveSchema: Sendable {
    case object([String: FakeDriveSchema])
    /// A leaf, a map or an object whose members the fake does not check.
    case open

    func member(_ name: String) -> FakeDriveSchema? {
        switch self {
        case .object(let members): members[name]
        case .open: .open
        }
    }

    static let file = FakeDriveSchema.object(
        Dictionary(
            uniqueKeysWithValues: fileMembers.map { name in
                (name, name == "shortcutDetails" ? shortcutDetails : .open)
            }))
    static let shortcutDetails = FakeDriveSchema.object(["targetId": .open, "targetMimeType": .open, "targetResourceKey": .open])
    static let fileList = FakeDriveSchema.object(["files": file, "incompleteSearch": .open, "kind": .open, "nextPageToken": .open])
    static let change = FakeDriveSchema.object([
        "changeType": .open, "drive": .open, "driveId": .open, "file": file, "fileId": .open, "kind": .open, "removed": .open,
        "teamDrive": .open, "teamDriveId": .open, "time": .open, "type": .open,
    ])
    static let changeList = FakeDriveSchema.object(["changes": change, "kind": .open, "newStartPageToken": .open, "nextPageToken": .open])
    static let startPageToken = FakeDriveSchema.object(["kind": .open, "startPageToken": .open])

    static let fileMembers = [
        "appProperties", "capabilities", "clientEncryptionDetails", "contentHints", "contentRestrictions",
        "copyRequiresWriterPermission", "createdTime", "description", "downloadRestrictions", "driveId", "explicitlyTrashed",
        "exportLinks", "fileExtension", "folderColorRgb", "fullFileExtension", "hasAugmentedPermissions", "hasThumbnail",
        "headRevisionId", "iconLink", "id", "imageMediaMetadata", "inheritedPermissionsDisabled", "isAppAuthorized", "kind",
        "labelInfo", "lastModifyingUser", "linkShareMetadata", "md5Checksum", "mimeType", "modifiedByMe", "modifiedByMeTime",
        "modifiedTime", "name", "originalFilename", "ownedByMe", "owners", "parents", "permissionIds", "permissions",
        "properties", "quotaBytesUsed", "resourceKey", "sha1Checksum", "sha256Checksum", "shared", "sharedWithMeTime",
        "sharingUser", "shortcutDetails", "size", "spaces", "starred", "teamDriveId", "thumbnailLink", "thumbnailVersion",
        "trashed", "trashedTime", "trashingUser", "version", "videoMediaMetadata", "viewedByMe", "viewedByMeTime",
        "viewersCanCopyContent", "webContentLink", "webViewLink", "writersCanShare",
    ]
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
