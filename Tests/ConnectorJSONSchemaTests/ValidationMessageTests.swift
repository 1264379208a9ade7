import ConnectorJSON
import ConnectorJSONSchema
import Foundation
import Testing

/// The wording and locations of validation errors, which end users read.
@Suite("Validation messages")
struct ValidationMessageTests {
    private func errors(_ schema: String, _ instance: String) throws -> [ValidationError] {
        let validator = try JSONSchemaValidator(schema: JSONParser.parseValue(schema))
        return validator.validate(try JSONParser.parseValue(instance))
    }

    private func messages(_ schema: String, _ instance: String) throws -> [String] {
        try errors(schema, instance).map(\.description)
    }

    @Test(
        "each keyword says what was expected and what was found",
        arguments: [
            (#"{"type": "string"}"#, "5", "(root): expected a string, got a number"),
            (#"{"type": ["string", "null"]}"#, "true", "(root): expected a string or null, got a boolean"),
            (#"{"type": "integer"}"#, "1.5", "(root): expected an integer, got a number"),
            (
                #"{"enum": ["local", "google-drive", "autodesk-acc"]}"#, #""dropbox""#,
                #"(root): expected one of "local", "google-drive", "autodesk-acc", got "dropbox""#
            ),
            (#"{"const": "v1"}"#, #""v2""#, #"(root): expected "v1", got "v2""#),
            (
                #"{"maxLength": 63}"#, "\"\(String(repeating: "a", count: 70))\"",
                "(root): expected at most 63 characters, got 70"
            ),
            (#"{"minLength": 1}"#, #""""#, "(root): expected at least 1 character, got 0"),
            (#"{"pattern": "^[a-z0-9]+$"}"#, #""Bad_Name""#, #"(root): expected a value matching ^[a-z0-9]+$, got "Bad_Name""#),
            (#"{"minimum": 1}"#, "0", "(root): expected a number at least 1, got 0"),
            (#"{"exclusiveMaximum": 10}"#, "10", "(root): expected a number less than 10, got 10"),
            (#"{"multipleOf": 5}"#, "7", "(root): expected a multiple of 5, got 7"),
            (#"{"minItems": 2}"#, "[1]", "(root): expected at least 2 items, got 1"),
            (#"{"uniqueItems": true}"#, "[1, 2, 1.0]", "(root): expected unique items, but items 0 and 2 are equal"),
            (#"{"maxProperties": 1}"#, #"{"a": 1, "b": 2}"#, "(root): expected at most 1 property, got 2"),
            (#"{"required": ["provider"]}"#, "{}", #"(root): missing required property "provider""#),
            (
                #"{"dependentRequired": {"a": ["b"]}}"#, #"{"a": 1}"#,
                #"(root): missing property "b", which is required when "a" is present"#
            ),
            (#"{"not": {"type": "string"}}"#, #""x""#, #"(root): expected a value that does not match the "not" schema, got "x""#),
            (#"{"contains": {"type": "string"}}"#, "[1]", #"(root): expected at least 1 item matching the "contains" schema, got 0"#),
            (
                #"{"propertyNames": {"pattern": "^[a-z]+$"}}"#, #"{"Foo": 1}"#,
                #"/Foo: invalid property name: expected a value matching ^[a-z]+$, got "Foo""#
            ),
            (#"{"prefixItems": [{}], "items": false}"#, "[1, 2]", "/1: item at index 1 is not allowed"),
            (#"{"properties": {"x": {"type": "object"}}}"#, #"{"x": [1]}"#, "/x: expected an object, got an array"),
            (#"{"type": "string"}"#, "{\"a\": 1}", "(root): expected a string, got an object"),
            (#"false"#, "1", "(root): no value is allowed here, got 1"),
        ])
    func keywordMessages(schema: String, instance: String, expected: String) throws {
        #expect(try messages(schema, instance) == [expected])
    }

    @Test("long strings are truncated in messages")
    func truncation() throws {
        let long = String(repeating: "x", count: 100)
        let message = try messages(#"{"enum": ["a"]}"#, "\"\(long)\"").first ?? ""
        #expect(message == "(root): expected \"a\", got \"\(String(repeating: "x", count: 57))...\"")
    }

    @Test("x-expected replaces the message of the schema that holds the failing keyword")
    func vendorExpected() throws {
        let schema = #"""
            {"properties": {"interval": {"type": "string", "pattern": "^[0-9]+[smhd]$", "minLength": 2,
                                          "x-expected": "a duration such as 15m"}},
             "required": ["interval", "other"]}
            """#
        #expect(
            try messages(schema, #"{"interval": "fast"}"#) == [
                #"(root): missing required property "other""#,
                #"/interval: expected a duration such as 15m, got "fast""#,
            ])
        #expect(
            try messages(schema, #"{"interval": "x", "other": 1}"#) == [
                #"/interval: expected a duration such as 15m, got "x""#
            ])
        #expect(
            try messages(schema, #"{"interval": 15, "other": 1}"#) == [
                "/interval: expected a duration such as 15m, got 15"
            ])
    }

    @Test("additionalProperties: false reports each extra property at its own pointer")
    func additionalProperties() throws {
        let found = try errors(
            #"{"properties": {"name": {}}, "additionalProperties": false}"#,
            #"{"name": 1, "foo": 2, "bar/baz": 3}"#
        )
        #expect(found.map(\.instanceLocation.description) == ["/foo", "/bar~1baz"])
        #expect(found.map(\.message) == [#"property "foo" is not allowed"#, #"property "bar/baz" is not allowed"#])
        #expect(found.map(\.keyword) == ["additionalProperties", "additionalProperties"])
        #expect(found.first?.keywordLocation == "/additionalProperties")
    }

    @Test("unevaluatedProperties: false reports extra properties the same way")
    func unevaluatedProperties() throws {
        let found = try errors(
            #"{"allOf": [{"properties": {"a": {}}}], "unevaluatedProperties": false}"#,
            #"{"a": 1, "b": 2}"#
        )
        #expect(found.map(\.description) == [#"/b: property "b" is not allowed"#])
        #expect(found.first?.keyword == "unevaluatedProperties")
    }

    @Test("all errors are collected, in document order")
    func allErrors() throws {
        let schema = #"""
            {"type": "object", "required": ["kind", "spec"],
             "properties": {
               "name": {"type": "string", "maxLength": 3},
               "spec": {"type": "object", "properties": {"retries": {"type": "integer"}, "tags": {"items": {"type": "string"}}}}
             }}
            """#
        let instance = #"{"spec": {"tags": ["ok", 2, false], "retries": "3"}, "name": "toolong"}"#
        #expect(
            try messages(schema, instance) == [
                #"(root): missing required property "kind""#,
                "/spec/tags/1: expected a string, got a number",
                "/spec/tags/2: expected a string, got a boolean",
                "/spec/retries: expected an integer, got a string",
                "/name: expected at most 3 characters, got 7",
            ])
    }

    @Test("keyword locations follow the evaluation path through $ref")
    func evaluationPath() throws {
        let schema = ##"{"$defs": {"port": {"type": "integer"}}, "properties": {"a~b": {"$ref": "#/$defs/port"}}}"##
        let found = try errors(schema, #"{"a~b": "x"}"#)
        #expect(found.first?.keywordLocation == "/properties/a~0b/$ref/type")
        #expect(found.first?.instanceLocation == JSONPointer(tokens: ["a~b"]))
        #expect(found.first?.keyword == "type")
    }
}

/// How failures of `anyOf`/`oneOf` are summarized.
@Suite("Alternative diagnosis")
struct AlternativeDiagnosisTests {
    private let locations = #"""
        {"$defs": {"location": {"anyOf": [
            {"type": "object", "required": ["provider", "path"], "properties": {"provider": {"const": "local"}, "path": {"type": "string"}}},
            {"type": "object", "required": ["provider", "driveId"], "properties": {"provider": {"const": "google-drive"}, "driveId": {"type": "string"}}},
            {"type": "object", "required": ["provider", "project"], "properties": {"provider": {"enum": ["autodesk-acc"]}}}
         ]}},
         "properties": {"source": {"$ref": "#/$defs/location"}}}
        """#

    private func messages(_ schema: String, _ instance: String) throws -> [String] {
        let validator = try JSONSchemaValidator(schema: JSONParser.parseValue(schema))
        return validator.validate(try JSONParser.parseValue(instance)).map(\.description)
    }

    @Test("a failed discriminator is reported once, at the discriminator, with every accepted value")
    func discriminator() throws {
        #expect(
            try messages(locations, #"{"source": {"provider": "dropbox", "path": "/x"}}"#) == [
                #"/source/provider: expected one of "local", "google-drive", "autodesk-acc", got "dropbox""#
            ])
    }

    @Test("when the discriminator selects a branch, that branch's errors are reported")
    func selectedBranch() throws {
        #expect(
            try messages(locations, #"{"source": {"provider": "google-drive", "driveId": 5}}"#) == [
                "/source/driveId: expected a string, got a number"
            ])
    }

    @Test("a missing discriminator is reported as a missing property")
    func missingDiscriminator() throws {
        #expect(try messages(locations, #"{"source": {}}"#) == [#"/source: missing required property "provider""#])
        #expect(try messages(locations, #"{"source": {"path": 5}}"#) == [#"/source: missing required property "provider""#])
        #expect(
            try messages(#"{"oneOf": [{"required": ["a"]}, {"required": ["b"]}]}"#, "{}") == [
                #"(root): missing required property: expected one of "a" or "b""#
            ])
    }

    @Test("type mismatches in every branch combine into one expected-types message")
    func typeUnion() throws {
        #expect(try messages(locations, #"{"source": 5}"#) == ["/source: expected an object, got a number"])
        #expect(
            try messages(#"{"anyOf": [{"type": "string"}, {"type": "array"}]}"#, "5") == [
                "(root): expected a string or an array, got a number"
            ])
        #expect(
            try messages(#"{"oneOf": [{"type": "string"}, {"type": "object", "required": ["a"]}]}"#, "{}") == [
                #"(root): missing required property "a""#
            ])
    }

    @Test("otherwise the value does not match any of the allowed forms")
    func fallback() throws {
        let schema = #"{"anyOf": [{"minLength": 5}, {"pattern": "^x"}]}"#
        let validator = try JSONSchemaValidator(schema: JSONParser.parseValue(schema))
        let found = validator.validate("abc")
        #expect(found.map(\.message) == ["does not match any of the allowed forms"])
        #expect(found.first?.keyword == "anyOf")
        #expect(found.first?.keywordLocation == "/anyOf")
        #expect(
            try messages(#"{"anyOf": [{"minLength": 5}, {"pattern": "^x"}], "x-expected": "a code"}"#, #""abc""#) == [
                #"(root): expected a code, got "abc""#
            ])
    }

    @Test("oneOf with several matches says which forms matched")
    func oneOfOverlap() throws {
        #expect(
            try messages(#"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#, "3") == [
                "(root): expected exactly one of the allowed forms to match, but forms 0 and 1 both match"
            ])
    }
}
