import ConnectorJSON
import ConnectorModel

/// The checks made before the schema: the document is a mapping of a known apiVersion and kind.
/// A document that fails here is not schema-checked, so the user sees one clear message.
struct DocumentKindCheck {
    static let apiVersion = "fileconnector/v1"
    static let kinds = ManifestKind.allCases.map(\.rawValue)

    func diagnostics(for document: ManifestDocument) -> [Diagnostic] {
        let start = SourceLocation(file: document.file, line: document.line, column: 1)
        guard case .object(let object) = document.value else {
            return [
                Diagnostic(
                    at: start, pointer: .root, code: "document-shape",
                    "expected a manifest (a mapping with apiVersion, kind, metadata and spec), got \(Self.describe(document.value))")
            ]
        }
        var diagnostics: [Diagnostic] = []
        let apiPointer = JSONPointer(tokens: ["apiVersion"])
        switch object["apiVersion"] {
        case .string(Self.apiVersion): break
        case .none:
            diagnostics.append(
                Diagnostic(
                    at: start, pointer: .root, code: "api-version",
                    "missing apiVersion: expected apiVersion: \(Self.apiVersion)"))
        case .some(let other):
            diagnostics.append(
                Diagnostic(
                    at: document.location(of: apiPointer), pointer: apiPointer, code: "api-version",
                    "unknown apiVersion \(Self.describe(other)): expected \(Self.apiVersion)"))
        }
        let kindPointer = JSONPointer(tokens: ["kind"])
        switch object["kind"] {
        case .string(let kind) where Self.kinds.contains(kind): break
        case .none:
            diagnostics.append(
                Diagnostic(
                    at: start, pointer: .root, code: "kind", "missing kind: expected kind: Endpoint or kind: Sink"))
        case .some(let other):
            diagnostics.append(
                Diagnostic(
                    at: document.location(of: kindPointer), pointer: kindPointer, code: "kind",
                    "unknown kind \(Self.describe(other)): expected one of \(Self.kinds.joined(separator: ", "))"))
        }
        return diagnostics
    }

    /// A short rendering of a value for messages.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .integer, .number: "the number \(value.jsonString())"
        case .string(let text): "\"\(text.count > 60 ? text.prefix(57) + "..." : text)\""
        case .array: "a list"
        case .object: "a mapping"
        }
    }
}
