/// One directory's entry names, sorted by their UTF-8 bytes, kept in a single byte buffer: a directory of a million
/// files costs its names' bytes plus eight bytes each, not an array and a string apiece (about 20 MB instead of
/// 130). A name becomes a `String` only when the walk reaches it.
struct DirectoryNames {
    private var bytes: [UInt8] = []
    /// Per name, sorted: its offset in ``bytes`` (high 56 bits) and its length (low 8 bits; NAME_MAX is 255).
    private var spans: [UInt64] = []

    /// The number of names.
    var count: Int { spans.count }

    /// Adds a name (at most 255 bytes, as every Linux file system allows). Call ``sort()`` once all are in.
    mutating func append<Name: Collection>(_ name: Name) where Name.Element == UInt8 {
        let length = min(name.count, 255)
        spans.append(UInt64(bytes.count) << 8 | UInt64(length))
        bytes.append(contentsOf: name.prefix(length))
    }

    /// Puts the names in byte order.
    mutating func sort() {
        bytes.withUnsafeBufferPointer { buffer in
            spans.sort { Self.slice(buffer, $0).lexicographicallyPrecedes(Self.slice(buffer, $1)) }
        }
    }

    /// The name at `index` in sorted order.
    subscript(index: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: Self.slice($0, spans[index]), as: UTF8.self) }
    }

    private static func slice(_ buffer: UnsafeBufferPointer<UInt8>, _ span: UInt64) -> Slice<UnsafeBufferPointer<UInt8>> {
        let start = Int(span >> 8)
        return buffer[start..<start + Int(span & 0xFF)]
    }
}
