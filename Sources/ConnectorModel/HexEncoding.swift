extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal (`"0a1f"`): digests of specs, files and checksums.
    /// Hand-written rather than `String(format:)` per byte, which is slow on hot paths.
    public var hexString: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
