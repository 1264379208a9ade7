/// A hand-written reader for the two large Drive responses (`files.list`, `changes.list`): a full listing reads a
/// thousand file resources per page, and Foundation's `JSONDecoder` was the client's largest cost. Members it does
/// not know are skipped; anything malformed throws, and the caller falls back to `JSONDecoder`.
struct DriveJSONReader {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A `files.list` response.
    static func fileList(_ bytes: [UInt8]) throws -> DriveFileList {
        var reader = DriveJSONReader(bytes)
        var list = DriveFileList()
        try reader.object { reader, key in
            switch key {
            case "nextPageToken": list.nextPageToken = try reader.string()
            case "incompleteSearch": list.incompleteSearch = try reader.bool()
            case "files": list.files = try reader.array { try $0.file() }
            default: try reader.skip()
            }
        }
        return list
    }

    /// A `changes.list` response.
    static func changeList(_ bytes: [UInt8]) throws -> DriveChangeList {
        var reader = DriveJSONReader(bytes)
        var list = DriveChangeList()
        try reader.object { reader, key in
            switch key {
            case "nextPageToken": list.nextPageToken = try reader.string()
            case "newStartPageToken": list.newStartPageToken = try reader.string()
            case "changes":
                list.changes = try reader.array { reader in
                    var change = DriveChangeList.Change()
                    try reader.object { reader, key in
                        switch key {
                        case "changeType": change.changeType = try reader.string()
                        case "removed": change.removed = try reader.bool()
                        case "fileId": change.fileId = try reader.string()
                        case "file": change.file = try reader.file()
                        default: try reader.skip()
                        }
                    }
                    return change
                }
            default: try reader.skip()
            }
        }
        return list
    }

    private mutating func file() throws -> DriveFile {
        var file = DriveFile(id: "")
        try object { reader, key in
            switch key {
            case "id": file.id = try reader.string()
            case "name": file.name = try reader.string()
            case "mimeType": file.mimeType = try reader.string()
            case "size": file.size = try reader.int64()
            case "md5Checksum": file.md5Checksum = try reader.string()
            case "sha256Checksum": file.sha256Checksum = try reader.string()
            case "createdTime": file.createdTime = try reader.string()
            case "modifiedTime": file.modifiedTime = try reader.string()
            case "version": file.version = try reader.int64()
            case "webViewLink": file.webViewLink = try reader.string()
            case "parents": file.parents = try reader.array { try $0.string() }
            case "trashed": file.trashed = try reader.bool()
            case "driveId": file.driveId = try reader.string()
            case "exportLinks":
                var links: [String: String] = [:]
                try reader.object { reader, key in links[key] = try reader.string() }
                file.exportLinks = links
            case "shortcutDetails":
                var details = DriveFile.ShortcutDetails()
                try reader.object { reader, key in
                    switch key {
                    case "targetId": details.targetId = try reader.string()
                    case "targetMimeType": details.targetMimeType = try reader.string()
                    default: try reader.skip()
                    }
                }
                file.shortcutDetails = details
            default: try reader.skip()
            }
        }
        guard !file.id.isEmpty else { throw Malformed() }
        return file
    }

    // MARK: - Values

    private mutating func object(_ member: (inout DriveJSONReader, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            let next = try take()
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw Malformed() }
        }
    }

    private mutating func array<Element>(_ element: (inout DriveJSONReader) throws -> Element) throws -> [Element] {
        try expect(UInt8(ascii: "["))
        var result: [Element] = []
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return result
        }
        while true {
            result.append(try element(&self))
            let next = try take()
            if next == UInt8(ascii: "]") { return result }
            guard next == UInt8(ascii: ",") else { throw Malformed() }
        }
    }

    private mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: bytes[start..<index - 1], as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            index += 1
        }
        throw Malformed()
    }

    /// The rest of a string that contains escapes, from its first byte at `start`.
    private mutating func escapedString(from start: Int) throws -> String {
        var output = Array(bytes[start..<index])
        var pendingHigh: UInt32?
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: output, as: UTF8.self) }
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                continue
            }
            let escape = try take(raw: true)
            switch escape {
            case UInt8(ascii: "n"): output.append(10)
            case UInt8(ascii: "t"): output.append(9)
            case UInt8(ascii: "r"): output.append(13)
            case UInt8(ascii: "b"): output.append(8)
            case UInt8(ascii: "f"): output.append(12)
            case UInt8(ascii: "u"):
                guard index + 4 <= bytes.count, let unit = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                else {
                    throw Malformed()
                }
                index += 4
                if (0xD800..<0xDC00).contains(unit) {
                    pendingHigh = unit
                    continue
                }
                var scalarValue = unit
                if let high = pendingHigh, (0xDC00..<0xE000).contains(unit) {
                    scalarValue = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                }
                pendingHigh = nil
                output.append(contentsOf: Array(String(Unicode.Scalar(scalarValue).map(Character.init) ?? "\u{FFFD}").utf8))
            default: output.append(escape)
            }
        }
        throw Malformed()
    }

    private mutating func bool() throws -> Bool {
        let first = try peek()
        let word: [UInt8] = first == UInt8(ascii: "t") ? Array("true".utf8) : Array("false".utf8)
        guard index + word.count <= bytes.count, Array(bytes[index..<index + word.count]) == word else { throw Malformed() }
        index += word.count
        return first == UInt8(ascii: "t")
    }

    /// An int64 sent as a string (Google's mapping) or as a number.
    private mutating func int64() throws -> FlexibleInt64 {
        if try peek() == UInt8(ascii: "\"") {
            guard let value = Int64(try string()) else { throw Malformed() }
            return FlexibleInt64(value)
        }
        let start = index
        while index < bytes.count, bytes[index] == UInt8(ascii: "-") || (48...57).contains(bytes[index]) { index += 1 }
        guard let value = Int64(String(decoding: bytes[start..<index], as: UTF8.self)) else { throw Malformed() }
        return FlexibleInt64(value)
    }

    /// How deep unknown members may nest before the reader gives up (as `JSONDecoder` does past 512 levels):
    /// each level is a stack frame, and a body of a few hundred kilobytes of `[` would otherwise overflow the stack.
    static let maximumSkipDepth = 512

    /// Skips any value, `depth` levels inside unknown members.
    private mutating func skip(depth: Int = 0) throws {
        guard depth < Self.maximumSkipDepth else { throw Malformed() }
        switch try peek() {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"): try object { reader, _ in try reader.skip(depth: depth + 1) }
        case UInt8(ascii: "["): _ = try array { try $0.skip(depth: depth + 1) }
        default:
            while index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[index]),
                !Self.isSpace(bytes[index])
            { index += 1 }
        }
    }

    // MARK: - Bytes

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 10 || byte == 13 || byte == 9
    }

    private mutating func peek() throws -> UInt8 {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count else { throw Malformed() }
        return bytes[index]
    }

    private mutating func take(raw: Bool = false) throws -> UInt8 {
        let byte = raw ? (index < bytes.count ? bytes[index] : 0) : try peek()
        guard index < bytes.count else { throw Malformed() }
        index += 1
        return byte
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try take() == byte else { throw Malformed() }
    }
}
