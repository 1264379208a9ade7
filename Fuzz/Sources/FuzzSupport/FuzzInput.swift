/// Takes structured values off the front of a fuzz input: selector bytes, then the rest as text.
public struct FuzzInput {
    private let bytes: [UInt8]
    private var index = 0

    /// Reads `bytes` from the start.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The next byte, or 0 when the input is used up.
    public mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    /// The next eight bytes as a little-endian integer (missing bytes read as 0).
    public mutating func int64() -> Int64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { value |= UInt64(byte()) << UInt64(shift) }
        return Int64(bitPattern: value)
    }

    /// The bytes not read yet.
    public var rest: ArraySlice<UInt8> { bytes[min(index, bytes.count)...] }

    /// The bytes not read yet, decoded as UTF-8 (invalid sequences become U+FFFD).
    public var restText: String { String(decoding: rest, as: UTF8.self) }
}
