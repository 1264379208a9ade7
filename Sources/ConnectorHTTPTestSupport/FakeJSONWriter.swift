/// Writes JSON into a byte buffer by hand, for the fakes of cloud APIs: a benchmark renders a hundred thousand
/// items per listing, and a fake may splice in rows it rendered before as raw bytes.
public struct FakeJSONWriter {
    /// What was written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    /// An empty writer with room for `capacity` bytes.
    public init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// `"text"` with JSON escapes, as a String.
    public static func quoted(_ text: String) -> String {
        var writer = FakeJSONWriter(capacity: text.utf8.count + 2)
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// `{`, after a comma when a value came before.
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }
    /// `}`.
    public mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }
    /// `[`, after a comma when a value came before.
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }
    /// `]`.
    public mutating func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// A member name; the value written next belongs to it.
    public mutating func key(_ name: String) {
        separate()
        raw(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    /// `"name":"value"`.
    public mutating func member(_ name: String, _ value: String) {
        key(name)
        string(value)
    }
    /// `"name":123`.
    public mutating func member(_ name: String, number value: Int64) {
        key(name)
        literal(String(value))
    }
    /// `"name":true` or `"name":false`.
    public mutating func member(_ name: String, _ value: Bool) {
        key(name)
        literal(value ? "true" : "false")
    }
    /// `"name":{}`.
    public mutating func emptyObject(_ name: String) {
        key(name)
        beginObject()
        endObject()
    }

    /// A string value.
    public mutating func string(_ text: String) {
        separate()
        raw(text)
    }

    /// Raw JSON (a number or literal).
    public mutating func literal(_ text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
    }

    /// A complete JSON value rendered before (a cached row).
    public mutating func rawValue(_ json: [UInt8]) {
        separate()
        bytes.append(contentsOf: json)
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func raw(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escape and go in whole: byte by byte, this was a third of a fake's time in a listing.
        let whole = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            for byte in utf8 where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if whole == true {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0..<0x20:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
