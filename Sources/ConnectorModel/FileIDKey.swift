#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file id as the stores compare and order it: by its UTF-8 bytes (SQLite's `BINARY` collation).
///
/// Swift's `String` equality is canonical equivalence, so `"café"` with a composed `é` equals `"café"` with `e` and a
/// combining accent; SQLite and PostgreSQL keep those as two keys (a local tree may hold both names in one
/// directory). Maps and sets of file ids that decide what to write use this key, or two files would merge.
public struct FileIDKey: Hashable, Comparable, Sendable {
    /// The id.
    public let id: String

    /// Wraps `id`.
    public init(_ id: String) {
        self.id = id
    }

    public static func == (lhs: FileIDKey, rhs: FileIDKey) -> Bool {
        compare(lhs.id, rhs.id) == 0
    }

    public static func < (lhs: FileIDKey, rhs: FileIDKey) -> Bool {
        compare(lhs.id, rhs.id) < 0
    }

    /// Negative, zero or positive as `lhs` sorts before, with or after `rhs` by bytes.
    private static func compare(_ lhs: String, _ rhs: String) -> Int {
        let fast = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in
                let common = Swift.min(left.count, right.count)
                if common > 0, let a = left.baseAddress, let b = right.baseAddress {
                    let order = memcmp(a, b, common)
                    if order != 0 { return Int(order) }
                }
                return left.count - right.count
            }
        }
        if let fast = fast.flatMap({ $0 }) { return fast }
        if lhs.utf8.elementsEqual(rhs.utf8) { return 0 }
        return lhs.utf8.lexicographicallyPrecedes(rhs.utf8) ? -1 : 1
    }

    public func hash(into hasher: inout Hasher) {
        if id.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            Array(id.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}
