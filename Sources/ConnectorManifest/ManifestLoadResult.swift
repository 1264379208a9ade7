import ConnectorModel

/// What loading a set of manifests found: each document's verdict and the endpoints and sinks declared.
public struct ManifestLoadResult: Sendable {
    /// Every document read, plus an entry for each file or path that could not be read at all.
    public var entries: [ValidatedDocument]
    /// The files read, in the order they were found (empty when the result was not made by a load).
    public var inputs: [ManifestInput] = []

    /// Creates a result.
    public init(entries: [ValidatedDocument]) {
        self.entries = entries
    }

    /// Manifests counted: documents read, and files or paths that failed as a whole.
    public var manifestCount: Int { entries.filter(\.countsAsManifest).count }
    /// Manifests with no error.
    public var validCount: Int { entries.filter { $0.countsAsManifest && $0.isValid }.count }
    /// Manifests with at least one error.
    public var invalidCount: Int { manifestCount - validCount }
    /// True when there is no error anywhere: the input may be applied.
    public var isValid: Bool { entries.allSatisfy(\.isValid) }

    /// Every diagnostic, ordered by file, line and column.
    public var diagnostics: [Diagnostic] { entries.flatMap(\.diagnostics).sorted() }

    /// The endpoints declared, in file order; empty unless every manifest is valid (atomic input).
    public var endpoints: [Endpoint] {
        guard isValid else { return [] }
        return entries.compactMap(\.endpoint)
    }

    /// The sinks declared, in file order; empty unless every manifest is valid (atomic input).
    public var sinks: [Sink] {
        guard isValid else { return [] }
        return entries.compactMap(\.sink)
    }
}

/// The verdict on one document, or on a file or path that failed as a whole.
public struct ValidatedDocument: Sendable {
    /// The file as the user named it.
    public var file: String
    /// 0-based index among the documents of the file; nil for a whole-file failure.
    public var index: Int?
    /// The line the document starts on.
    public var line: Int
    /// `metadata.name`, when there is one.
    public var name: String?
    /// `kind`, when there is one.
    public var kind: String?
    /// Problems, ordered by position.
    public var diagnostics: [Diagnostic]
    /// The endpoint, when the document is a valid Endpoint.
    public var endpoint: Endpoint?
    /// The sink, when the document is a valid Sink.
    public var sink: Sink?

    /// True when none of the diagnostics is an error.
    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }

    /// False for entries that only carry warnings about the input as a whole (e.g. no manifests found).
    var countsAsManifest: Bool { index != nil || !isValid }

    init(document: ManifestDocument, diagnostics: [Diagnostic], endpoint: Endpoint?, sink: Sink? = nil) {
        file = document.file
        index = document.index
        line = document.line
        name = document.name
        kind = document.value["kind"]?.stringValue
        self.diagnostics = diagnostics
        self.endpoint = endpoint
        self.sink = sink
    }

    init(failedFile diagnostic: Diagnostic) {
        self.init(failedFile: [diagnostic], line: diagnostic.location.line)
    }

    init(failedFile diagnostics: [Diagnostic], line: Int) {
        file = diagnostics.first?.location.file ?? "-"
        index = nil
        self.line = line
        self.diagnostics = diagnostics
    }
}
