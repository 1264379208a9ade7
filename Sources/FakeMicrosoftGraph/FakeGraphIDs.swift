import ConnectorHTTPTestSupport

/// Ids shaped like the real service's, drawn from a seeded generator (a fake built the same way has the same ids):
/// item ids are `01` and 32 characters of `[A-Z2-7]` (`01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K`), never sequential;
/// drive ids `b!` and 64 base64url characters; GUIDs lowercase.
struct FakeGraphIDs {
    let random: SeededRandomSource

    init(seed: UInt64) {
        random = SeededRandomSource(seed: seed)
    }

    private static let base32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let base64URL = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let hex = Array("0123456789abcdef".utf8)
    private static let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~-".utf8)

    /// A driveItem id.
    func itemID() -> String {
        "01" + draw(32, from: Self.base32)
    }

    /// A document library's id.
    func driveID() -> String {
        "b!" + draw(64, from: Self.base64URL)
    }

    /// A lowercase GUID (version 4 layout).
    func guid() -> String {
        var characters = Array(draw(32, from: Self.hex))
        characters[12] = "4"
        characters[16] = ["8", "9", "a", "b"][below(4)]
        var text = String(characters)
        text.insert("-", at: text.index(text.startIndex, offsetBy: 20))
        text.insert("-", at: text.index(text.startIndex, offsetBy: 16))
        text.insert("-", at: text.index(text.startIndex, offsetBy: 12))
        text.insert("-", at: text.index(text.startIndex, offsetBy: 8))
        return text
    }

    /// A client secret value as Entra shows it once: 3 characters, `8Q~`, 34 more (40 in all).
    func secret() -> String {
        draw(3, from: Self.base64URL.filter { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "_") }) + "8Q~"
            + draw(34, from: Self.secretAlphabet)
    }

    /// `count` characters of base64url.
    func base64URL(_ count: Int) -> String {
        draw(count, from: Self.base64URL)
    }

    /// `count` random bytes.
    func bytes(_ count: Int) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count + 8)
        while result.count < count {
            var bits = random.nextBits()
            for _ in 0..<8 {
                result.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
        }
        return Array(result.prefix(count))
    }

    /// A number in `0..<bound`.
    func below(_ bound: Int) -> Int {
        Int(random.nextBits() % UInt64(max(bound, 1)))
    }

    /// A number in `0..<1`.
    func unit() -> Double {
        random.nextUnit()
    }

    private func draw(_ count: Int, from alphabet: [UInt8]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        var bits: UInt64 = 0
        var left = 0
        for _ in 0..<count {
            if left < 8 {
                bits = random.nextBits()
                left = 64
            }
            bytes.append(alphabet[Int(bits & 0xFF) % alphabet.count])
            bits >>= 8
            left -= 8
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
