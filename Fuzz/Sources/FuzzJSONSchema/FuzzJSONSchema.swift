import ConnectorManifest
import Foundation
import FuzzSupport

@testable import ConnectorJSON
@testable import ConnectorJSONSchema

/// The JSON parser and the JSON Schema validator.
///
/// Input: byte 0 picks the mode (bits 0-1) and options (bit 2: format assertion; bit 3: draft-07 when a schema
/// has no `$schema`).
/// - 0 and 3: the rest is JSON, an instance validated against the bundled Endpoint schema (format assertion on, as
///   manifests are).
/// - 1: the rest is JSON, a schema compiled and used on fixed instances.
/// - 2: byte 1 picks a format (`date-time`, `idn-hostname`, ...); the rest is a string checked against it.
///
/// Checked: `validate` finds no error exactly when `isValid` is true; a parsed value printed compactly or
/// pretty parses back to an equal value.
@_cdecl("FuzzJSONSchema_main")
public func fuzzJSONSchemaMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzerDriver.run(argc, argv, testOneInput: fuzzJSONSchema)
}

/// The Endpoint schema, compiled as ``EndpointSchemaValidator`` compiles it.
let endpointValidator: JSONSchemaValidator = {
    do {
        var registry = SchemaRegistry.standard
        for schema in BundledSchema.allCases {
            registry = registry.adding(try JSONParser.parse(schema.text).value, uri: schema.uri)
        }
        return try JSONSchemaValidator(
            schema: try JSONParser.parse(BundledSchema.endpoint.text).value, baseURI: BundledSchema.endpoint.uri,
            registry: registry, options: .init(formatAssertion: true))
    } catch {
        fatalError("the bundled schema does not compile: \(error)")
    }
}()

/// Instances for fuzzed schemas: one of each kind, and an Endpoint manifest.
let instances: [JSONValue] = [
    .null, .bool(true), .integer(0), .integer(-7), .number(2.5), .number(1e300), .string(""), .string("2024-02-29T12:00:00Z"),
    .string("user@example.com"), .string("a\u{0}b\u{1F600}"), .array([]), .array([.integer(1), .integer(1), .string("x")]),
    .object([:]),
    (try? JSONParser.parseValue(
        #"""
        {"apiVersion": "fileconnector/v1", "kind": "Endpoint", "metadata": {"name": "photos", "labels": {"team": "a"}},
         "spec": {"provider": "local", "local": {"path": "./data"}, "schedule": {"interval": "15m"},
                  "filters": {"include": ["**/*.jpg"], "maxSize": 1048576}}}
        """#)) ?? .null,
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONSchema(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(FuzzerDriver.bytes(data, size))
    let mode = input.byte()
    let options = JSONSchemaValidator.Options(
        formatAssertion: mode & 4 != 0, defaultDialect: mode & 8 != 0 ? .draft07 : .draft2020_12)
    if mode & 3 == 2 {
        checkFormat(KnownFormat.allCases[Int(input.byte()) % KnownFormat.allCases.count], input.restText, options: options)
        return 0
    }
    let document: JSONDocument
    do {
        document = try JSONParser.parse(Data(input.rest))
    } catch {
        _ = "\(error)"
        return 0
    }
    checkRoundTrip(document.value)
    if mode & 3 != 1 {
        check(endpointValidator, on: document.value)
        return 0
    }
    let validator: JSONSchemaValidator
    do {
        validator = try JSONSchemaValidator(schema: document.value, options: options)
    } catch {
        _ = "\(error)"
        return 0
    }
    for instance in instances { check(validator, on: instance) }
    return 0
}

/// One format on one string, asserted (`{"format": name}` with format assertion) and as an annotation.
func checkFormat(_ format: KnownFormat, _ text: String, options: JSONSchemaValidator.Options) {
    var asserting = options
    asserting.formatAssertion = true
    for options in [asserting, options] {
        do {
            let validator = try JSONSchemaValidator(schema: ["format": .string(format.rawValue)], options: options)
            check(validator, on: .string(text))
        } catch {
            fatalError("{\"format\": \"\(format.rawValue)\"} does not compile: \(error)")
        }
    }
}

func check(_ validator: JSONSchemaValidator, on instance: JSONValue) {
    let errors = validator.validate(instance)
    for error in errors { _ = error.description }
    guard errors.isEmpty == validator.isValid(instance) else {
        fatalError("validate found \(errors.count) errors but isValid says \(validator.isValid(instance)) for \(instance)")
    }
}

func checkRoundTrip(_ value: JSONValue) {
    for text in [value.jsonString(), value.jsonString(sortedKeys: true), value.prettyJSONString()] {
        guard let again = try? JSONParser.parseValue(text), again == value else {
            fatalError("\(value) printed as \(text) does not parse back to an equal value")
        }
    }
}
