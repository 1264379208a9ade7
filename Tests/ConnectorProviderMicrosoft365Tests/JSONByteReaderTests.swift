import ConnectorProvider
import Testing

/// The shared byte reader's own contracts, beyond what the page readers built on it check.
@Suite struct JSONByteReaderTests {
    /// Values read through ``JSONByteReader/RecentStrings`` are what ``JSONByteReader/string()`` reads; one equal to a
    /// value it remembers is that value's storage again; past its capacity, a value read once gives way to the next
    /// while one read again stays.
    @Test func recentStringsShareEqualValuesAndReadWhatStringReads() throws {
        let texts = [
            "https://contoso.sharepoint.com/sites/Engineering", "MeganB@contoso.onmicrosoft.com",
            "https://contoso.sharepoint.com/sites/Engineering", #"a \"quoted\" \u00e9 value that is long enough"#,
            #"a \"quoted\" \u00e9 value that is long enough"#, "caf\u{E9} au lait, long enough to be stored apart", "short",
            "AlexW@contoso.onmicrosoft.com", "https://contoso.sharepoint.com/sites/Engineering", "MeganB@contoso.onmicrosoft.com",
        ]
        let body = Array(("[" + texts.map { "\"\($0)\"" }.joined(separator: ",") + "]").utf8)
        var recent = JSONByteReader.RecentStrings(capacity: 2)
        let shared = try JSONByteReader.reading(body) { reader in try reader.array { try $0.string(&recent) } }
        let plain = try JSONByteReader.reading(body) { reader in try reader.array { try $0.string() } }
        #expect(shared == plain)
        #expect(plain[3] == #"a "quoted" é value that is long enough"#)
        func storage(_ text: String) -> UnsafeRawPointer? {
            text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
        }
        #expect(storage(shared[0]) == storage(shared[2]), "read again while remembered: shared")
        #expect(storage(plain[0]) != storage(plain[2]), "without a cache: made twice")
        #expect(storage(shared[3]) != storage(shared[4]), "escaped values are made anew")
        #expect(storage(shared[0]) == storage(shared[8]), "read again, so kept while others came and went")
        #expect(storage(shared[1]) != storage(shared[9]), "read once, then forgotten for a newer value: made again")
    }

    /// A member name compares with a literal byte for byte, escapes decoded.
    @Test func memberNamesCompareAsBytes() throws {
        let body = Array(#"{"id":1,"i\u0064":2,"\u00e9":3,"e\u0301":4,"":5}"#.utf8)
        var names: [String] = []
        var ids = 0
        try JSONByteReader.reading(body) { reader in
            try reader.object { reader, key in
                names.append(key.description)
                if key == "id" { ids += 1 }
                if key == "\u{E9}" { #expect(try reader.int64() == 3) } else { try reader.skip() }
            }
        }
        #expect(names == ["id", "id", "\u{E9}", "e\u{301}", ""])
        #expect(ids == 2)
    }
}
