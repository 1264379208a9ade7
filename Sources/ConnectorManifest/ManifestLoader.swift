import ConnectorJSON
import ConnectorModel

/// The manifest pipeline: paths → files → located documents → kind, schema and semantic checks →
/// endpoints and sinks. Every problem in every file is collected; nothing stops at the first error.
public struct ManifestLoader: Sendable {
    private let parser: ManifestParser
    private let schema: ManifestSchemaValidator
    private let semantics = EndpointSemanticChecks()

    /// Creates a loader.
    /// - Parameter environment: the variables `${NAME}` is replaced from (usually the process environment).
    /// - Throws: when the bundled schema does not compile (a build defect the test suite rules out).
    public init(environment: [String: String]) throws {
        parser = ManifestParser(substitution: VariableSubstitution(environment: environment))
        schema = try ManifestSchemaValidator()
    }

    /// Loads and checks every manifest under `paths` (files, directories, or `-`), and builds the typed ``Endpoint``
    /// or ``Sink`` of each document that passed: `validate`, `plan` and `reconcile` all go through this one path, so a document
    /// one accepts is one the others apply.
    public func load(paths: [String]) -> ManifestLoadResult {
        let (documents, failures, inputs) = parser.parse(paths: paths)
        var result = ManifestLoadResult(entries: failures + check(documents))
        result.inputs = inputs
        return result
    }

    private func check(_ documents: [ManifestDocument]) -> [ValidatedDocument] {
        let duplicateNames = NameUniquenessCheck().diagnostics(for: documents)
        let secrets = InlineSecretCheck()
        let indexed = Array(documents.enumerated()).map { IndexedDocument(index: $0.offset, document: $0.element) }
        return indexed.concurrentMap { item in
            let (index, document) = (item.index, item.document)
            var diagnostics = document.loadProblems
            let isSink = document.value["kind"]?.stringValue == ManifestKind.sink.rawValue
            let kindProblems = document.hasStructuralProblem ? [] : DocumentKindCheck().diagnostics(for: document)
            diagnostics += kindProblems
            if kindProblems.isEmpty, !document.hasStructuralProblem {
                let secretDiagnostics = secrets.diagnostics(for: document)
                let secretPointers = secretDiagnostics.compactMap(\.pointer)
                // A schema message may quote the offending value; never quote a secret.
                diagnostics += schema.diagnostics(for: document).filter { diagnostic in
                    !secretPointers.contains { diagnostic.pointer?.hasPrefix($0) ?? false }
                }
                diagnostics += secretDiagnostics
                diagnostics += isSink ? SinkSemanticChecks().diagnostics(for: document) : semantics.diagnostics(for: document)
                diagnostics += duplicateNames[index] ?? []
            }
            var endpoint: Endpoint?
            var sink: Sink?
            if !diagnostics.contains(where: { $0.severity == .error }) {
                let failure: ManifestDecoding.DecodingFailure?
                if isSink {
                    (sink, failure) = Self.split(ManifestDecoding.sink(from: document))
                } else {
                    (endpoint, failure) = Self.split(ManifestDecoding.endpoint(from: document))
                }
                if let failure { diagnostics.append(failure.diagnostic) }
            }
            return ValidatedDocument(document: document, diagnostics: diagnostics.sorted(), endpoint: endpoint, sink: sink)
        }
    }
}

extension ManifestLoader {
    /// A decoding's value or its failure.
    fileprivate static func split<Value>(
        _ result: Result<Value, ManifestDecoding.DecodingFailure>
    ) -> (Value?, ManifestDecoding.DecodingFailure?) {
        switch result {
        case .success(let value): (value, nil)
        case .failure(let failure): (nil, failure)
        }
    }
}

/// A document with its position in the load, for checking documents concurrently.
private struct IndexedDocument: Sendable {
    var index: Int
    var document: ManifestDocument
}
