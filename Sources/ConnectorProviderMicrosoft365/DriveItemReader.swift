import ConnectorProvider

/// Reads a listing page (`value` of driveItems, `@odata.nextLink`, `@odata.deltaLink`) with ``JSONByteReader``:
/// a full enumeration reads a thousand items per page, and `JSONDecoder` was the provider's largest cost. Members it
/// does not know are skipped; anything it cannot read throws, and the caller decodes with `JSONDecoder` instead.
enum DriveItemReader {
    /// What a page's items repeat, read once per page: the library's SharePoint ids, the people, the MIME types, the
    /// folder whose children come together.
    struct Repeated {
        var library = JSONByteReader.RecentStrings(capacity: 2)
        var people = JSONByteReader.RecentStrings(capacity: 16)
        var mimeTypes = JSONByteReader.RecentStrings(capacity: 8)
        var parents = JSONByteReader.RecentStrings(capacity: 4)
    }

    static func page(_ bytes: [UInt8]) throws -> DriveItemPage {
        var page = DriveItemPage(value: [])
        var repeated = Repeated()
        try JSONByteReader.reading(bytes) { reader in
            try reader.object { reader, key in
                switch key {
                case "value": page.value = try reader.array { try item(&$0, &repeated) }
                case "@odata.nextLink": page.nextLink = try reader.optionalString()
                case "@odata.deltaLink": page.deltaLink = try reader.optionalString()
                default: try reader.skip()
                }
            }
            try reader.end()
        }
        return page
    }

    /// The next link a page seems to name, read without its items: from the members before `value`, else from its
    /// last member, read back from the end. A guess, enough to ask for the next page while this one is decoded (see
    /// ``DeltaPageBody``); the decoded page's links are the ones that count.
    static func nextLinkHint(_ bytes: [UInt8]) -> String? {
        let leading = try? JSONByteReader.reading(bytes) { reader -> String? in
            var link: String?
            _ = try reader.members(before: "value") { reader, key in
                if key == "@odata.nextLink" { link = try reader.optionalString() } else { try reader.skip() }
            }
            return link
        }
        if let leading = leading ?? nil { return leading }
        guard let trailing = JSONByteReader.trailingStringMember(bytes), trailing.name == "@odata.nextLink" else { return nil }
        return trailing.value
    }

    private static func item(_ reader: inout JSONByteReader, _ repeated: inout Repeated) throws -> DriveItem {
        var item = DriveItem(id: "")
        try reader.object { reader, key in
            guard !(try reader.null()) else { return }
            switch key {
            case "id": item.id = try reader.string()
            case "name": item.name = try reader.string()
            case "size": item.size = try reader.int64()
            case "eTag": item.eTag = try reader.string()
            case "cTag": item.cTag = try reader.string()
            case "createdDateTime": item.createdDateTime = try reader.string()
            case "lastModifiedDateTime": item.lastModifiedDateTime = try reader.string()
            case "webUrl": item.webUrl = try reader.string()
            case "createdBy": item.createdBy = try identitySet(&reader, &repeated.people)
            case "lastModifiedBy": item.lastModifiedBy = try identitySet(&reader, &repeated.people)
            case "parentReference":
                var reference = DriveItem.Reference()
                try reader.object { reader, key in
                    switch key {
                    case "id": reference.id = try reader.optionalString(&repeated.parents)
                    default: try reader.skip()
                    }
                }
                item.parentReference = reference
            case "file":
                var file = DriveItem.FileFacet()
                try reader.object { reader, key in
                    switch key {
                    case "mimeType": file.mimeType = try reader.optionalString(&repeated.mimeTypes)
                    case "hashes":
                        guard !(try reader.null()) else { return }
                        var hashes = DriveItem.Hashes()
                        try reader.object { reader, key in
                            switch key {
                            case "quickXorHash": hashes.quickXorHash = try reader.optionalString()
                            case "sha1Hash": hashes.sha1Hash = try reader.optionalString()
                            case "sha256Hash": hashes.sha256Hash = try reader.optionalString()
                            case "crc32Hash": hashes.crc32Hash = try reader.optionalString()
                            default: try reader.skip()
                            }
                        }
                        file.hashes = hashes
                    default: try reader.skip()
                    }
                }
                item.file = file
            case "package":
                var package = DriveItem.PackageFacet()
                try reader.object { reader, key in
                    if key == "type" { package.type = try reader.optionalString() } else { try reader.skip() }
                }
                item.package = package
            case "folder":
                try reader.skip()
                item.folder = DriveItem.Present()
            case "root":
                try reader.skip()
                item.root = DriveItem.Present()
            case "deleted":
                try reader.skip()
                item.deleted = DriveItem.Present()
            case "sharepointIds":
                var ids = DriveItem.SharePointIDs()
                try reader.object { reader, key in
                    switch key {
                    case "listId": ids.listId = try reader.optionalString(&repeated.library)
                    case "listItemId": ids.listItemId = try reader.optionalString()
                    case "listItemUniqueId": ids.listItemUniqueId = try reader.optionalString()
                    case "siteId": ids.siteId = try reader.optionalString(&repeated.library)
                    case "siteUrl": ids.siteUrl = try reader.optionalString(&repeated.library)
                    case "webId": ids.webId = try reader.optionalString(&repeated.library)
                    case "tenantId": ids.tenantId = try reader.optionalString(&repeated.library)
                    default: try reader.skip()
                    }
                }
                item.sharepointIds = ids
            default: try reader.skip()
            }
        }
        guard !item.id.isEmpty else { throw JSONByteReader.Malformed() }
        return item
    }

    private static func identitySet(
        _ reader: inout JSONByteReader, _ people: inout JSONByteReader.RecentStrings
    ) throws -> DriveItem.IdentitySet {
        var set = DriveItem.IdentitySet()
        try reader.object { reader, key in
            switch key {
            case "user": set.user = try identity(&reader, &people)
            case "application": set.application = try identity(&reader, &people)
            default: try reader.skip()
            }
        }
        return set
    }

    private static func identity(_ reader: inout JSONByteReader, _ people: inout JSONByteReader.RecentStrings) throws -> DriveItem.Identity?
    {
        guard !(try reader.null()) else { return nil }
        var identity = DriveItem.Identity()
        try reader.object { reader, key in
            switch key {
            case "displayName": identity.displayName = try reader.optionalString(&people)
            case "email": identity.email = try reader.optionalString(&people)
            default: try reader.skip()
            }
        }
        return identity
    }
}
