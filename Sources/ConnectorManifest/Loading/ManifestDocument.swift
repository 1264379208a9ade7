import ConnectorJSONSchema
import ConnectorModel

/// One document of a manifest file, as JSON with the position of every value.
public struct ManifestDocument: Sendable {
    /// The file as the user named it.
    public var file: String
    /// 0-based index among the documents of the file.
    public var index: Int
    /// The line the document starts on.
    public var line: Int
    /// The value and its positions.
    public var json: JSONDocument
    /// Problems found while reading this document (duplicate keys, substitution), before any check.
    public var loadProblems: [Diagnostic] = []

    /// Creates a document.
    public init(file: String, index: Int, line: Int, json: JSONDocument) {
        self.file = file
        self.index = index
        self.line = line
        self.json = json
    }

    /// The value.
    public var value: JSONValue { json.value }

    /// Where `pointer` is in the file: the member's key, the value, or the nearest ancestor that exists.
    public func location(of pointer: JSONPointer) -> SourceLocation {
        guard let position = json.position(of: pointer) else { return SourceLocation(file: file, line: line, column: 1) }
        return SourceLocation(file: file, line: position.line, column: position.column)
    }

    /// `metadata.name`, when it is a string.
    public var name: String? { value["metadata"]?["name"]?.stringValue }
}
