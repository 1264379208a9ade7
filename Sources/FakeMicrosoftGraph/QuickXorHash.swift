/// Microsoft's QuickXorHash, the content hash of OneDrive for Business and SharePoint (`file.hashes.quickXorHash`).
///
/// A 160-bit accumulator: byte *i* of the content is XORed in at bit offset `(11·i) mod 160`, the 160 bits laid out
/// as 20 little-endian bytes; then the content length, a little-endian UInt64, is XORed into bytes 12–19. The
/// result is sent as base64.
public struct QuickXorHash: Sendable {
    private var cells = [UInt8](repeating: 0, count: 21)
    private var length: UInt64 = 0

    /// An empty hash.
    public init() {}

    /// Adds content.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        var offset = Int((length &* 11) % 160)
        for byte in bytes {
            let shifted = UInt16(byte) << UInt16(offset % 8)
            let index = offset / 8
            cells[index] ^= UInt8(truncatingIfNeeded: shifted)
            cells[index + 1] ^= UInt8(truncatingIfNeeded: shifted >> 8)
            offset += 11
            if offset >= 160 { offset -= 160 }
            length += 1
        }
    }

    /// Accounts for `count` zero bytes without reading them (zeros XOR nothing in): content that is a short prefix
    /// followed by zeros hashes in time proportional to the prefix.
    public mutating func skipZeros(_ count: UInt64) {
        length += count
    }

    /// The 20-byte digest.
    public func digest() -> [UInt8] {
        var result = cells
        result[0] ^= result[20]
        result.removeLast()
        for index in 0..<8 { result[12 + index] ^= UInt8(truncatingIfNeeded: length >> (8 * UInt64(index))) }
        return result
    }

    /// The digest as base64, as Graph sends it.
    public func base64Digest() -> String {
        Self.base64(digest())
    }

    /// The base64 QuickXorHash of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> String {
        var hash = QuickXorHash()
        hash.update(bytes)
        return hash.base64Digest()
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = (UInt32(chunk[0]) << 16) | (chunk.count > 1 ? UInt32(chunk[1]) << 8 : 0) | (chunk.count > 2 ? UInt32(chunk[2]) : 0)
            output.append(alphabet[Int((value >> 18) & 63)])
            output.append(alphabet[Int((value >> 12) & 63)])
            output.append(chunk.count > 1 ? alphabet[Int((value >> 6) & 63)] : UInt8(ascii: "="))
            output.append(chunk.count > 2 ? alphabet[Int(value & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
