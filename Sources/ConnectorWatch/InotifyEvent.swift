#if canImport(Glibc)
    import Glibc

    /// One `struct inotify_event` read from an inotify descriptor.
    ///
    /// Swift does not import the flexible `name[]` member, so the fixed 16-byte header is read with
    /// `loadUnaligned` and the name taken from the `len` bytes after it, up to the first NUL.
    struct InotifyEvent: Sendable, Equatable {
        /// The watch descriptor (-1 for `IN_Q_OVERFLOW`).
        var watch: Int32
        /// The `IN_*` bits.
        var mask: UInt32
        /// Pairs `IN_MOVED_FROM` with `IN_MOVED_TO`.
        var cookie: UInt32
        /// The name inside the watched directory; empty for events on the directory itself.
        var name: String

        /// Size of the fixed header.
        static let headerSize = 16

        /// Whether any of `bits` is set.
        func has(_ bits: Int32) -> Bool { mask & UInt32(bits) != 0 }

        /// Parses every complete event in `buffer` (the bytes one `read()` returned).
        static func parse(_ buffer: UnsafeRawBufferPointer) -> [InotifyEvent] {
            var events: [InotifyEvent] = []
            var offset = 0
            while offset + headerSize <= buffer.count {
                let header = buffer.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                let nameLength = Int(header.len)
                let end = offset + headerSize + nameLength
                guard end <= buffer.count else { break }
                let nameBytes = UnsafeRawBufferPointer(rebasing: buffer[(offset + headerSize)..<end])
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                events.append(InotifyEvent(watch: header.wd, mask: header.mask, cookie: header.cookie, name: name))
                offset = end
            }
            return events
        }
    }
#endif
