import ConnectorJSON
import Foundation
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    @Test("numbers compare by value: 1 == 1.0, and hash alike")
    func numericEquality() {
        #expect(JSONValue.integer(1) == JSONValue.number(1.0))
        #expect(JSONValue.number(1.0).hashValue == JSONValue.integer(1).hashValue)
        #expect(JSONValue.integer(1) != JSONValue.number(1.5))
        #expect(JSONValue.integer(9_007_199_254_740_993) != JSONValue.number(9_007_199_254_740_992))
        #expect(JSONValue.bool(false) != JSONValue.integer(0))
        #expect(JSONValue.number(1.0).isInteger)
        #expect(JSONValue.number(1.0).intValue == 1)
        #expect(Set<JSONValue>([1, 1.0, 2]).count == 2)
    }

    @Test("object equality ignores member order; arrays do not")
    func objectEquality() {
        let first: JSONValue = ["a": 1, "b": ["c": [1, 2]]]
        let second: JSONValue = ["b": ["c": [1, 2]], "a": 1.0]
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(JSONValue.array([1, 2]) != JSONValue.array([2, 1]))
        #expect(first != ["a": 1])
        let large = JSONValue.object(JSONObject((0..<20).map { ("k\($0)", JSONValue.integer($0)) }))
        let largeReversed = JSONValue.object(JSONObject((0..<20).reversed().map { ("k\($0)", JSONValue.integer($0)) }))
        #expect(large == largeReversed)
        #expect(large["k17"] == 17)
    }

    @Test("strings compare by code points")
    func codePointEquality() {
        #expect(JSONValue.string("\u{E9}") != JSONValue.string("e\u{301}"))
        #expect(JSONValue.string("abc") == "abc")
    }

    @Test("writeString round-trips every ASCII byte and Unicode text through Foundation's parser, escaping what is invisible")
    func writeStringRoundTrips() throws {
        let ascii = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        let samples = [
            ascii, "\"{6F0B0E12-1C4F-4B5A-9D1E-0A7C3B2E9F10},3\"", "plain", "", "back\\slash", "é😀 and \"quotes\"",
            "bidi \u{202E}override\u{2028}", "tab\tand\u{7F}del",
        ]
        for sample in samples {
            var written = ""
            JSONValue.writeString(sample, into: &written)
            let parsed = try JSONSerialization.jsonObject(with: Data("[\(written)]".utf8)) as? [String]
            #expect(parsed == [sample], "\(written)")
            #expect(!written.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{202E}" || $0 == "\u{2028}" })
            var bytes: [UInt8] = [0x5B]
            JSONValue.writeString(sample, into: &bytes)
            #expect(bytes == Array("[\(written)".utf8), "the byte form writes the same bytes after others: \(written)")
        }
        var del = ""
        JSONValue.writeString("\u{7F}", into: &del)
        #expect(del == #""\u007f""#)
    }

    @Test("jsonString is compact and deterministic")
    func serialization() {
        let value: JSONValue = ["b": [1, 2.5, true, nil], "a": "x\"y\n\u{01}", "c": 1.0, "é": [:]]
        #expect(value.jsonString(sortedKeys: false) == #"{"b":[1,2.5,true,null],"a":"x\"y\n\u0001","c":1,"é":{}}"#)
        #expect(value.jsonString(sortedKeys: true) == #"{"a":"x\"y\n\u0001","b":[1,2.5,true,null],"c":1,"é":{}}"#)
        let reordered: JSONValue = ["é": [:], "c": 1, "a": "x\"y\n\u{01}", "b": [1, 2.5, true, nil]]
        #expect(reordered.jsonString(sortedKeys: true) == value.jsonString(sortedKeys: true))
        #expect(JSONValue.number(1e300).jsonString() == "1e+300")
    }

    @Test("serialized text parses back to an equal value")
    func roundTrip() throws {
        let text = #"{"name":"a/b~c","list":[1,-2.25,{"deep":[null,false]}],"unicode":"é😀\t"}"#
        let value = try JSONParser.parseValue(text)
        #expect(value.jsonString() == text)
        #expect(try JSONParser.parseValue(value.jsonString(sortedKeys: true)) == value)
    }

    @Test("accessors return payloads only for the matching kind")
    func accessors() {
        let value: JSONValue = ["s": "text", "n": 3, "f": 2.5, "b": true, "a": [1], "o": ["k": nil]]
        #expect(value["s"]?.stringValue == "text")
        #expect(value["n"]?.intValue == 3)
        #expect(value["f"]?.intValue == nil)
        #expect(value["f"]?.doubleValue == 2.5)
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?[0] == 1)
        #expect(value["a"]?[5] == nil)
        #expect(value["o"]?["k"]?.isNull == true)
        #expect(value["o"]?.objectValue?.keys == ["k"])
        #expect(value["s"]?.intValue == nil)
        #expect(value["missing"] == nil)
        #expect(value["f"]?.typeName == "number")
        #expect(JSONValue.number(4.0).typeName == "integer")
    }

    @Test("JSONObject keeps insertion order and supports removal")
    func objectMutation() {
        var object: JSONObject = ["z": 1, "a": 2]
        object["m"] = 3
        object["z"] = 10
        #expect(object.keys == ["z", "a", "m"])
        #expect(object.values == [10, 2, 3])
        object["a"] = nil
        #expect(object.keys == ["z", "m"])
        #expect(!object.contains("a"))
        #expect(Array(object).map(\.key) == ["z", "m"])
    }
}
