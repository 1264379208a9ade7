import ConnectorJSON
import Foundation
import Testing

@Suite("JSONParser")
struct JSONParserTests {
    @Test("records the position of every value and key")
    func positions() throws {
        let text = """
            {
              "spec": {
                "schedule": {"interval": "15m"},
                "tags": ["a", 2]
              }
            }
            """
        let document = try JSONParser.parse(text)
        #expect(document.positions[.root] == TextPosition(line: 1, column: 1))
        #expect(document.positions[JSONPointer("/spec")!] == TextPosition(line: 2, column: 11))
        #expect(document.keyPositions[JSONPointer("/spec")!] == TextPosition(line: 2, column: 3))
        #expect(document.positions[JSONPointer("/spec/schedule/interval")!] == TextPosition(line: 3, column: 30))
        #expect(document.keyPositions[JSONPointer("/spec/schedule/interval")!] == TextPosition(line: 3, column: 18))
        #expect(document.positions[JSONPointer("/spec/tags/1")!] == TextPosition(line: 4, column: 19))
        #expect(document.position(of: JSONPointer("/spec/schedule/missing")!) == TextPosition(line: 3, column: 5))
    }

    @Test("columns count Unicode scalars, and CRLF is one line break")
    func unicodeColumns() throws {
        let document = try JSONParser.parse("{\"é🙂\": \"ü\", \"b\": 1}\r\n")
        #expect(document.positions[JSONPointer("/é🙂")!] == TextPosition(line: 1, column: 8))
        #expect(document.keyPositions[JSONPointer("/b")!] == TextPosition(line: 1, column: 13))
        let crlf = try JSONParser.parse("[\r\n1,\r\n2]")
        #expect(crlf.positions[JSONPointer("/1")!] == TextPosition(line: 3, column: 1))
    }

    @Test(
        "syntax errors say what was expected and where",
        arguments: [
            ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}' after an object member, found '\"'"),
            ("[1, 2,]", 1, 7, "expected a value after ',' (trailing commas are not allowed)"),
            ("{\"a\": 1,}", 1, 9, "expected a member name after ',' (trailing commas are not allowed)"),
            ("[1 2]", 1, 4, "expected ',' or ']' after an array element, found '2'"),
            ("{'a': 1}", 1, 2, "expected a member name in double quotes or '}', found \"'\""),
            ("{\"a\" 1}", 1, 6, "expected ':' after the member name \"a\", found '1'"),
            ("", 1, 1, "expected a JSON value, found the end of the input"),
            ("\n  \"abc", 2, 3, "unterminated string (missing the closing '\"')"),
            ("[01]", 1, 2, "numbers must not have leading zeros"),
            ("[1.]", 1, 4, "expected a digit after the decimal point, found ']'"),
            ("[-]", 1, 3, "expected a digit after '-', found ']'"),
            ("\"a\\qb\"", 1, 3, "invalid escape sequence '\\q' in a string"),
            ("\"a\nb\"", 1, 3, "line break inside a string (write it as \\n)"),
            ("[tru]", 1, 2, "expected a JSON value, found 't' (did you mean true?)"),
            ("{} x", 1, 4, "unexpected 'x' after the end of the JSON value"),
            ("// comment\n{}", 1, 1, "expected a JSON value, found '/'"),
            ("\"\\uD800\"", 1, 2, "unpaired surrogate \\uD800 in a string"),
            ("[1e999]", 1, 2, "the number 1e999 is too large to represent"),
        ])
    func syntaxErrors(text: String, line: Int, column: Int, message: String) {
        #expect(throws: JSONSyntaxError(position: TextPosition(line: line, column: column), message: message)) {
            try JSONParser.parse(text)
        }
    }

    @Test("duplicate keys are an error naming both positions")
    func duplicateKeys() {
        let text = "{\n  \"name\": 1,\n  \"other\": 2,\n  \"name\": 3\n}"
        let expected = JSONSyntaxError(
            position: TextPosition(line: 4, column: 3),
            message: "duplicate key \"name\" (first defined at line 2, column 3)"
        )
        #expect(throws: expected) { try JSONParser.parse(text) }
        #expect(throws: expected) { try JSONParser.parseValue(text) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{\"a\": {\"b\": 1, \"b\": 2}}") }
    }

    @Test("nesting is limited, and deep input never overflows the stack")
    func nestingLimit() throws {
        let atLimit = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try JSONParser.parse(atLimit).value.arrayValue?.count == 1)
        let overLimit = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(
            throws: JSONSyntaxError(
                position: TextPosition(line: 1, column: 513),
                message: "nesting is deeper than the limit of 512 arrays and objects"
            )
        ) { try JSONParser.parse(overLimit) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{\"a\": {\"b\": []}}", maxDepth: 2) }
        #expect(try JSONParser.parse("{\"a\": {\"b\": 1}}", maxDepth: 2).value["a"]?["b"] == 1)
        let hostile = String(repeating: "{\"a\":", count: 200_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(hostile) }
        // The parser itself keeps no per-level call frames, even far past the default limit.
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parseValue(hostile, maxDepth: 1_000_000) }
    }

    @Test("numbers keep integers exact")
    func numbers() throws {
        let value = try JSONParser.parseValue("[0, -0, 42, -9223372036854775808, 9223372036854775808, 1.5, 1e2, 2.0]")
        #expect(value == [0, 0, 42, .integer(Int.min), .number(9_223_372_036_854_775_808), 1.5, 100, 2])
        #expect(value[0].map { if case .integer = $0 { true } else { false } } == true)
        #expect(value[4].map { if case .number = $0 { true } else { false } } == true)
        #expect(value[7]?.isInteger == true)
    }

    @Test("strings decode escapes and surrogate pairs")
    func strings() throws {
        let value = try JSONParser.parseValue(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\uD83D\uDE00", "plain é"]"#)
        #expect(value == ["a\"b\\c/d\u{08}\u{0C}\n\r\t", "é😀", "plain é"])
    }

    @Test("a byte order mark is ignored and objects keep their member order")
    func orderAndBOM() throws {
        let document = try JSONParser.parse("\u{FEFF}{\"z\": 1, \"a\": 2, \"m\": 3}")
        #expect(document.value.objectValue?.keys == ["z", "a", "m"])
        #expect(document.positions[JSONPointer("/z")!] == TextPosition(line: 1, column: 7))
    }

    @Test("Data input must be UTF-8")
    func dataInput() throws {
        #expect(try JSONParser.parse(Data("[true, null]".utf8)).value == [true, nil])
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Data([0x5B, 0xFF, 0x5D])) }
    }
}
