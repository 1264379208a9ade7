/// A small seeded generator (SplitMix64) for the fake's ids, names and faults: the same seed gives the same project.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting at `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A stateless hash of `values` under `seed`, for decisions that must not depend on request order.
    public static func hash(_ seed: UInt64, _ values: UInt64...) -> UInt64 {
        var generator = SeededGenerator(seed: seed)
        var result = generator.next()
        for value in values {
            generator = SeededGenerator(seed: result ^ value)
            result = generator.next()
        }
        return result
    }
}

/// Ids shaped like the real ones (`b.<guid>`, `urn:adsk.wipprod:fs.folder:co.<22 chars>`, ...).
enum FakeIdentifiers {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    /// 22 base64url characters, as in `co.lw7b0sXUQ-6hWRgf34hBuw`.
    static func token(_ generator: inout SeededGenerator) -> String {
        var text = ""
        text.reserveCapacity(22)
        var bits = generator.next()
        for index in 0..<22 {
            if index == 10 { bits = generator.next() }
            text.append(alphabet[Int(bits & 63)])
            bits >>= 6
        }
        return text
    }

    /// A lowercase GUID.
    static func guid(_ generator: inout SeededGenerator) -> String {
        let hex = Array("0123456789abcdef")
        var text = ""
        var bits = generator.next()
        for index in 0..<32 {
            if index == 16 { bits = generator.next() }
            if [8, 12, 16, 20].contains(index) { text.append("-") }
            text.append(hex[Int(bits & 15)])
            bits >>= 4
        }
        return text
    }

    static func folderID(_ generator: inout SeededGenerator) -> String { "urn:adsk.wipprod:fs.folder:co." + token(&generator) }
    static func lineageID(_ generator: inout SeededGenerator) -> String { "urn:adsk.wipprod:dm.lineage:" + token(&generator) }
    static func fileToken(_ generator: inout SeededGenerator) -> String { token(&generator) }
}
