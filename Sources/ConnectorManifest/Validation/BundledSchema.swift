import ConnectorJSON

/// The JSON Schemas shipped in `schemas/`, embedded in the binary so a lone binary validates (and prints them with
/// `file-connector schema`).
///
/// `schemas/` is the canonical copy; a test fails when the embedded bytes drift from it.
public enum BundledSchema: String, Sendable, CaseIterable {
    /// `endpoint.v1.schema.json`: the Endpoint manifest.
    case endpoint
    /// `sink.v1.schema.json`: the Sink manifest.
    case sink
    /// `definitions.v1.schema.json`: types shared by the manifest schemas.
    case definitions
    /// `event.v1.schema.json`: a change event, as `get changes`, the changes API and sinks give it.
    case event

    /// The file name in `schemas/`.
    public var fileName: String {
        switch self {
        case .endpoint: "endpoint.v1.schema.json"
        case .sink: "sink.v1.schema.json"
        case .definitions: "definitions.v1.schema.json"
        case .event: "event.v1.schema.json"
        }
    }

    /// The URI the schema is registered under, so relative `$ref`s between the files resolve offline.
    public var uri: String { "https://schemas.file-connector.invalid/\(fileName)" }

    /// One-line description for `file-connector schema`.
    public var summary: String {
        switch self {
        case .endpoint: "an Endpoint manifest (apiVersion fileconnector/v1, kind Endpoint)"
        case .sink: "a Sink manifest (apiVersion fileconnector/v1, kind Sink): a webhook receiver of change events"
        case .definitions: "types shared by the manifest schemas"
        case .event: "a change event (get changes --output json, GET /api/v1/changes; docs/events.md)"
        }
    }

    /// The schema's bytes, exactly as in `schemas/`.
    public var bytes: [UInt8] {
        switch self {
        case .endpoint: PackageResources.endpoint_v1_schema_json
        case .sink: PackageResources.sink_v1_schema_json
        case .definitions: PackageResources.definitions_v1_schema_json
        case .event: PackageResources.event_v1_schema_json
        }
    }

    /// The schema's text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
