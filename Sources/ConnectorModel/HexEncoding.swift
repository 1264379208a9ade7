extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal (`"0a1f"`): digests of specs, files and checksums.
    ///
    /// Hand-written rather than `String(format:)` per byte, and inlinable so callers in other modules get a
    /// specialized copy: it runs for every file of every sync (content hashes).
    @inlinable public var hexString: String {
        var hex: [UInt8] = []
        hex.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            hex.append(hexDigit(byte >> 4))
            hex.append(hexDigit(byte & 0x0F))
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// The lowercase hexadecimal digit of a value below 16.
@usableFromInline func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? 0x30 + value : 0x57 + value
}
