import ConnectorJSON

/// String building for the fake's JSON bodies: escaping (the project's JSON string writer) and percent-encoding
/// without Foundation (fast enough for the 50,000-item benchmark).
enum FakeJSON {
    /// `"text"` with JSON escapes.
    static func string(_ text: String) -> String {
        var out = ""
        JSONValue.writeString(text, into: &out)
        return out
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (so `:` `?` `=` `[` `]` `/` are encoded).
    static func percentEncode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        let hex = Array("0123456789ABCDEF")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            }
        }
        return out
    }

    /// Decodes `%XX` escapes (a path segment; `+` stays `+`).
    static func percentDecode(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count,
                let value = UInt8(String(decoding: input[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                output.append(value)
                index += 3
            } else {
                output.append(input[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `{"href":"…"}`.
    static func link(_ href: String) -> String { #"{"href":"# + string(href) + "}" }

    /// `{"type":"…","id":"…"}`.
    static func typeID(_ type: String, _ id: String) -> String { #"{"type":"# + string(type) + #","id":"# + string(id) + "}" }

    /// An `extension` object with an empty `data`.
    static func extensionObject(_ type: String, base: String) -> String {
        #"{"type":"# + string(type) + #","version":"1.0","schema":"# + link(base + "/schema/v1/versions/" + percentEncode(type) + "-1.0")
            + #","data":{}}"#
    }
}
