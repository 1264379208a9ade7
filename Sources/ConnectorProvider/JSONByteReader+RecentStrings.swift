extension JSONByteReader {
    /// Strings a page repeats (a library's ids on every item, a few people, a folder's id on its children): a value
    /// equal, byte for byte, to one of the last few read through the same ``RecentStrings`` is that String again,
    /// shared rather than allocated and copied once more.
    public struct RecentStrings {
        private var values: [String] = []
        private let capacity: Int

        /// Remembers up to `capacity` values: a value read again moves one place toward the front, and a new one
        /// takes the last place, so the values read most often stay.
        public init(capacity: Int) {
            self.capacity = max(1, capacity)
            values.reserveCapacity(self.capacity)
        }

        mutating func value(of bytes: UnsafeBufferPointer<UInt8>) -> String {
            for index in values.indices {
                let known = values[index].utf8.withContiguousStorageIfAvailable { Key.equal($0, bytes) }
                if known == true {
                    if index > 0 { values.swapAt(index, index - 1) }
                    return values[index > 0 ? index - 1 : 0]
                }
            }
            let made = String(decoding: bytes, as: UTF8.self)
            if values.count == capacity { values.removeLast() }
            values.append(made)
            return made
        }
    }

    /// A string, shared with an equal one `recent` remembers (escaped strings are always made anew).
    public mutating func string(_ recent: inout RecentStrings) throws -> String {
        switch try scanString() {
        case .plain(let bytes): recent.value(of: bytes)
        case .escaped(let text): text
        }
    }

    /// A string shared through `recent`, or nil for `null`.
    public mutating func optionalString(_ recent: inout RecentStrings) throws -> String? {
        try null() ? nil : try string(&recent)
    }
}
