import ConnectorJSON
import ConnectorJSONSchema
import Foundation
import Testing

@Suite("JSONSchemaValidator")
struct ValidatorBehaviorTests {
    private func schema(_ text: String) throws -> JSONValue {
        try JSONParser.parseValue(text)
    }

    @Test(
        "invalid schemas throw a SchemaError saying what and where",
        arguments: [
            (##"{"properties": {"a": {"$ref": "#/$defs/missing"}}}"##, SchemaError.Kind.unresolvableReference),
            (##"{"$ref": "https://example.com/unknown.json"}"##, .unresolvableReference),
            (##"{"$ref": "#nope"}"##, .unresolvableReference),
            (##"{"pattern": "([a-z]"}"##, .invalidPattern),
            (##"{"patternProperties": {"(?i)x": {}}}"##, .invalidPattern),
            (##"{"type": "text"}"##, .invalidKeyword),
            (##"{"minLength": -1}"##, .invalidKeyword),
            (##"{"required": "name"}"##, .invalidKeyword),
            (##"{"properties": {"a": 5}}"##, .invalidKeyword),
            (##"{"anyOf": []}"##, .invalidKeyword),
        ])
    func schemaErrors(text: String, kind: SchemaError.Kind) throws {
        let value = try schema(text)
        do {
            _ = try JSONSchemaValidator(schema: value)
            Issue.record("expected a SchemaError for \(text)")
        } catch let error as SchemaError {
            #expect(error.kind == kind)
            #expect(!error.message.isEmpty)
        }
    }

    @Test("an unresolvable reference names the reference and its location")
    func unresolvableMessage() throws {
        let value = try schema(##"{"properties": {"a": {"$ref": "#/$defs/missing"}}}"##)
        #expect(
            throws: SchemaError(
                kind: .unresolvableReference, schemaLocation: "#/properties/a/$ref",
                message: "cannot resolve \"#/$defs/missing\": nothing exists at #/$defs/missing"
            )
        ) { try JSONSchemaValidator(schema: value) }
    }

    @Test("$schema selects the dialect; defaultDialect applies without it")
    func dialects() throws {
        let tuple = try schema(#"{"items": [{"type": "integer"}], "additionalItems": false}"#)
        let draft7 = try JSONSchemaValidator(schema: tuple, options: .init(defaultDialect: .draft07))
        #expect(draft7.isValid([1]))
        #expect(!draft7.isValid([1, 2]))
        #expect(!draft7.isValid(["x"]))
        #expect(throws: SchemaError.self) { try JSONSchemaValidator(schema: tuple) }

        let declared = try schema(
            ##"{"$schema": "http://json-schema.org/draft-07/schema#", "$ref": "#/definitions/a", "type": "string", "definitions": {"a": {"minimum": 3}}}"##
        )
        let overriding = try JSONSchemaValidator(schema: declared)
        #expect(overriding.isValid(5), "draft-07 $ref ignores its sibling \"type\"")
        #expect(!overriding.isValid(2))
    }

    @Test("schemas can reference each other through a registry and the bundled metaschemas")
    func registry() throws {
        let registry = SchemaRegistry.standard.adding(
            try schema(#"{"$defs": {"name": {"type": "string", "maxLength": 5}}}"#), uri: "https://example.com/common.json"
        )
        let validator = try JSONSchemaValidator(
            schema: schema(#"{"properties": {"name": {"$ref": "common.json#/$defs/name"}}}"#),
            baseURI: "https://example.com/endpoint.json", registry: registry
        )
        #expect(validator.isValid(["name": "short"]))
        #expect(validator.validate(["name": "too long"]).map(\.keywordLocation) == ["/properties/name/$ref/maxLength"])

        let metaschema = try JSONSchemaValidator(schema: schema(#"{"$ref": "https://json-schema.org/draft/2020-12/schema"}"#))
        #expect(metaschema.isValid(["type": "string"]))
        #expect(!metaschema.isValid(["type": 5]))
        let draft7Metaschema = try JSONSchemaValidator(schema: schema(#"{"$ref": "http://json-schema.org/draft-07/schema#"}"#))
        #expect(!draft7Metaschema.isValid(["minLength": -1]))
        #expect(SchemaRegistry.standard.document(at: "https://json-schema.org/draft/2020-12/meta/applicator") != nil)
    }

    @Test("format is an annotation unless formatAssertion is on")
    func formatAssertion() throws {
        let value = try schema(#"{"format": "date-time"}"#)
        #expect(try JSONSchemaValidator(schema: value).isValid("yesterday"))
        let asserting = try JSONSchemaValidator(schema: value, options: .init(formatAssertion: true))
        #expect(asserting.validate("yesterday").map(\.message) == [#"expected an RFC 3339 date-time, got "yesterday""#])
        #expect(asserting.isValid("2024-02-29T10:00:00Z"))
        #expect(FormatChecker.isValid("PT15M", format: "duration") == true)
        #expect(FormatChecker.isValid("15m", format: "duration") == false)
        #expect(FormatChecker.isValid("anything", format: "no-such-format") == nil)
    }

    @Test("patterns follow ECMA-262, not ICU")
    func ecmaPatterns() throws {
        let digits = try JSONSchemaValidator(schema: schema(#"{"pattern": "^\\d+$"}"#))
        #expect(digits.isValid("123"))
        #expect(!digits.isValid("١٢٣"), "\\d is ASCII-only in ECMA-262")
        #expect(!digits.isValid("123\n"), "$ does not match before a trailing newline")
        let anything = try JSONSchemaValidator(schema: schema(#"{"pattern": "^[^]*$", "maxLength": 9}"#))
        #expect(anything.isValid("a\nb"))
        let word = try JSONSchemaValidator(schema: schema(#"{"pattern": "^\\w+$"}"#))
        #expect(!word.isValid("é"))
    }

    @Test(
        "common ECMA-262 pattern shapes compile and match",
        arguments: [
            (#"^[\w-.]+$"#, "a-b.c_d", "a b"),
            (#"^[^\d]+$"#, "abc", "a1"),
            (#"^[\s\S]{2}$"#, "a\n", "abc"),
            (#"^\u{1F600}$"#, "😀", "a"),
            (#"^(?<year>\d{4})-\k<year>$"#, "2024-2024", "2024-2025"),
            (#"^a{$"#, "a{", "a"),
            (#"^x{2,}$"#, "xxx", "x"),
            (#"^[a-z]+\.json$"#, "file.json", "file.yaml"),
            (#"^\p{Lu}"#, "Élan", "élan"),
        ])
    func patternShapes(pattern: String, matching: String, notMatching: String) throws {
        let value: JSONValue = ["pattern": .string(pattern)]
        let validator = try JSONSchemaValidator(schema: value)
        #expect(validator.isValid(.string(matching)))
        #expect(!validator.isValid(.string(notMatching)))
    }

    @Test("a $ref cycle that never enters the instance fails instead of hanging")
    func referenceLoop() throws {
        let validator = try JSONSchemaValidator(
            schema: schema(##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##))
        let found = validator.validate(1)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("infinite $ref loop") == true)
    }

    @Test("very deep instances against recursive schemas report an error instead of crashing")
    func deepInstance() throws {
        var value: JSONValue = 1
        for _ in 0..<5_000 {
            value = .array([value])
        }
        let validator = try JSONSchemaValidator(schema: schema(##"{"anyOf": [{"type": "integer"}, {"items": {"$ref": "#"}}]}"##))
        #expect(!validator.isValid(value))
        #expect(!validator.validate(value).isEmpty)
    }

    @Test("a validator is shareable across concurrent tasks")
    func concurrency() async throws {
        let validator = try JSONSchemaValidator(schema: schema(#"{"properties": {"n": {"type": "integer", "maximum": 100}}}"#))
        let invalidCount = await withTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                group.addTask { validator.validate(["n": .integer(index)]).count }
            }
            return await group.reduce(0, +)
        }
        #expect(invalidCount == 99)
    }

    @Test("annotations from in-place applicators feed unevaluatedItems")
    func unevaluatedItems() throws {
        let validator = try JSONSchemaValidator(
            schema: schema(#"{"allOf": [{"prefixItems": [true]}], "contains": {"type": "string"}, "unevaluatedItems": false}"#))
        #expect(validator.isValid([1, "a", "b"]))
        #expect(validator.validate([1, "a", 2]).map(\.description) == ["/2: item at index 2 is not allowed"])
    }
}
