import ConnectorHTTPTestSupport

/// Ids as Drive makes them: a file or folder id is 33 characters of base64url (`1` and 32 random ones, such as
/// `1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVw`), a shared drive's `0A`, 11 random characters and `Uk9PVA`. Random ids
/// reach the catalog in random key order, which is what a store's write path meets in the world; sequential ones
/// hide that. Drawn from a seeded generator, so a fake built the same way has the same ids.
struct FakeDriveIDs {
    private let random: SeededRandomSource

    init(seed: UInt64) {
        random = SeededRandomSource(seed: seed)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// A new file or folder id.
    mutating func fileID() -> String {
        "1" + random(32)
    }

    /// A new shared drive id.
    mutating func sharedDriveID() -> String {
        "0A" + random(11) + "Uk9PVA"
    }

    private mutating func random(_ count: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        var bits: UInt64 = 0
        var left = 0
        for _ in 0..<count {
            if left < 6 {
                bits = random.nextBits()
                left = 64
            }
            bytes.append(Self.alphabet[Int(bits & 63)])
            bits >>= 6
            left -= 6
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
