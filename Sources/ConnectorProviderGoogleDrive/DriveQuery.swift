/// Builds Drive request URLs: percent-encoded query strings and `q` search expressions.
enum DriveQuery {
    /// The MIME type of folders.
    static let folderMIMEType = "application/vnd.google-apps.folder"
    /// The MIME type of shortcuts.
    static let shortcutMIMEType = "application/vnd.google-apps.shortcut"

    /// `q` for the children of `parents`, not trashed: `('a' in parents or 'b' in parents) and trashed = false`.
    static func children(of parents: [String]) -> String {
        let terms = parents.map { "'\(quoted($0))' in parents" }.joined(separator: " or ")
        return "(\(terms)) and trashed = false"
    }

    /// The most parents in one `q`, so a query stays far below URL length limits (as rclone's fast-list does).
    static let maxParentsPerQuery = 50
    /// The longest `q` built from parent terms, in characters before percent-encoding.
    static let maxQueryLength = 2500

    /// A string literal's content with `\` and `'` escaped.
    static func quoted(_ value: String) -> String {
        guard value.contains(where: { $0 == "'" || $0 == "\\" }) else { return value }
        var result = ""
        for character in value {
            if character == "'" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// `key=value&…` with both sides percent-encoded (RFC 3986 unreserved characters kept).
    static func encode(_ items: [(String, String)]) -> String {
        items.map { percentEncoded($0.0) + "=" + percentEncoded($0.1) }.joined(separator: "&")
    }

    /// `text` with every byte outside `A-Z a-z 0-9 - . _ ~` percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
