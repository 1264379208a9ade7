import ConnectorJSON
import Foundation
import Testing

@Suite("JSONPointer")
struct JSONPointerTests {
    @Test("escapes ~ and / in text form and parses them back")
    func escaping() throws {
        let pointer = JSONPointer.root.appending("a/b").appending("m~n").appending(0)
        #expect(pointer.description == "/a~1b/m~0n/0")
        #expect(JSONPointer("/a~1b/m~0n/0") == pointer)
        #expect(pointer.tokens == ["a/b", "m~n", "0"])
        #expect(JSONPointer("/~01")?.tokens == ["~1"])
    }

    @Test("the root is the empty string; empty tokens are allowed")
    func root() {
        #expect(JSONPointer.root.description == "")
        #expect(JSONPointer("") == .root)
        #expect(JSONPointer("/")?.tokens == [""])
        #expect(JSONPointer("//x")?.tokens == ["", "x"])
        #expect(JSONPointer.root.parent == nil)
        #expect(JSONPointer("/spec/schedule/interval")?.parent?.description == "/spec/schedule")
    }

    @Test("rejects text that is not a pointer", arguments: ["spec", "/a~2", "/a~", "#/a"])
    func invalid(text: String) {
        #expect(JSONPointer(text) == nil)
    }

    @Test("resolves into values")
    func resolve() {
        let document: JSONValue = ["spec": ["list": ["x", ["y": true]]], "a/b": 1]
        #expect(JSONPointer("/spec/list/1/y")?.resolve(in: document) == true)
        #expect(JSONPointer("/a~1b")?.resolve(in: document) == 1)
        #expect(JSONPointer("/spec/list/01")?.resolve(in: document) == nil)
        #expect(JSONPointer("/spec/list/9")?.resolve(in: document) == nil)
        #expect(JSONPointer.root.resolve(in: document) == document)
    }
}
