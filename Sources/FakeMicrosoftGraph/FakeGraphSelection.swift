/// A driveItem `$select`, as a bit set of the fields the fake renders.
struct FakeGraphSelection: Equatable {
    /// The rendered fields, in rendering order.
    enum Field: Int, CaseIterable {
        case createdBy, createdDateTime, eTag, id, lastModifiedBy, lastModifiedDateTime, name, parentReference, webUrl, cTag
        case file, folder, package, root, deleted, fileSystemInfo, sharepointIds, size

        var name: String { String(describing: self) }
    }

    var mask: UInt32

    /// Fields Graph knows on a driveItem that the fake accepts in `$select` but does not render.
    static let ignored: Set<String> = [
        "description", "webDavUrl", "shared", "specialFolder", "remoteItem", "image", "photo", "video", "audio", "location",
        "malware", "publication", "searchResult", "bundle", "content", "listItem", "analytics", "permissions", "thumbnails",
        "versions", "children", "@microsoft.graph.downloadUrl", "createdByUser", "lastModifiedByUser", "retentionLabel",
    ]

    private static let byName: [String: Field] = Dictionary(uniqueKeysWithValues: Field.allCases.map { ($0.name, $0) })

    /// Every field but `sharepointIds`: what Graph sends without `$select`.
    static let standard = FakeGraphSelection(mask: all.mask & ~(1 << UInt32(Field.sharepointIds.rawValue)))
    static let all = FakeGraphSelection(mask: Field.allCases.reduce(0) { $0 | (1 << UInt32($1.rawValue)) })

    /// Parses `$select`; `id` is always rendered, `*` means the standard fields. Throws the unknown name.
    static func parse(_ select: [String]?) -> Result<FakeGraphSelection, UnknownField> {
        guard let select else { return .success(standard) }
        var mask: UInt32 = 1 << UInt32(Field.id.rawValue)
        for name in select {
            if name == "*" {
                mask |= standard.mask
            } else if let field = byName[name] {
                mask |= 1 << UInt32(field.rawValue)
            } else if !ignored.contains(name) {
                return .failure(UnknownField(name: name))
            }
        }
        return .success(FakeGraphSelection(mask: mask))
    }

    /// A `$select` naming a property driveItem does not have.
    struct UnknownField: Error {
        var name: String
    }

    func has(_ field: Field) -> Bool { mask & (1 << UInt32(field.rawValue)) != 0 }
}
