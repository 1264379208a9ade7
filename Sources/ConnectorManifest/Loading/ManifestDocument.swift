import ConnectorJSON
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

    /// Where `pointer` is in the file: the value (what a message about it quotes), else the member's
    /// key, else the nearest ancestor that exists (a missing property is reported at its parent).
    public func location(of pointer: JSONPointer) -> SourceLocation {
        var current: JSONPointer? = pointer
        while let candidate = current {
            if let position = json.positions[candidate] ?? json.keyPositions[candidate] {
                return SourceLocation(file: file, line: position.line, column: position.column)
            }
            current = candidate.parent
        }
        return SourceLocation(file: file, line: line, column: 1)
    }

    /// Where the key of the member at `pointer` is (for problems about the member itself: a property that is not
    /// allowed, a block that does not apply), else ``location(of:)``.
    public func keyLocation(of pointer: JSONPointer) -> SourceLocation {
        if let position = json.keyPositions[pointer] {
            return SourceLocation(file: file, line: position.line, column: position.column)
        }
        return location(of: pointer)
    }

    /// Where a schema error is: at the key when it is about a member's name, else at the value.
    func location(of error: ValidationError) -> SourceLocation {
        error.isAboutKey ? keyLocation(of: error.instanceLocation) : location(of: error.instanceLocation)
    }

    /// Codes of loading problems that leave the document's structure unreliable; such a document
    /// gets no further checks, so its one real problem is not buried under follow-on errors.
    static let structuralProblems: Set<String> = ["too-deep", "alias-bomb", "non-string-key", "duplicate-key", "yaml-alias"]

    /// True when a loading problem makes further checks meaningless.
    var hasStructuralProblem: Bool {
        loadProblems.contains { Self.structuralProblems.contains($0.code) }
    }

    /// `metadata.name`, when it is a string.
    public var name: String? { value["metadata"]?["name"]?.stringValue }
}
