extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal (`"0a1f"`): digests of specs, files and checksums.
    ///
    /// Hand-written rather than `String(format:)` per byte, and inlinable so callers in other modules get a
    /// specialized copy: it runs for every file of every sync (content hashes).
    @inlinable public var hexString: String {
        if let hex = withContiguousStorageIfAvailable({ hexEncoded(UnsafeRawBufferPointer($0)) }) { return hex }
        return Array(self).withUnsafeBytes(hexEncoded)
    }
}

/// `bytes` as lowercase hexadecimal, written straight into the string's storage.
@inlinable public func hexEncoded(_ bytes: UnsafeRawBufferPointer) -> String {
    String(unsafeUninitializedCapacity: bytes.count * 2) { output in
        for (offset, byte) in bytes.enumerated() {
            output[offset * 2] = hexDigit(byte >> 4)
            output[offset * 2 + 1] = hexDigit(byte & 0x0F)
        }
        return bytes.count * 2
    }
}

/// The lowercase hexadecimal digit of a value below 16.
@inlinable func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? 0x30 + value : 0x57 + value
}
