import ConnectorModel

/// Paths → located documents: walking, reading, and YAML or JSON parsing, without any checks.
/// Files and paths that cannot be read come back as failed entries.
struct ManifestParser: Sendable {
    private let walker = ManifestPathWalker()
    private let fileReader = ManifestFileReader()
    private let yamlReader: YAMLDocumentReader
    private let jsonReader: JSONManifestReader

    init(substitution: VariableSubstitution?) {
        yamlReader = YAMLDocumentReader(substitution: substitution)
        jsonReader = JSONManifestReader(substitution: substitution)
    }

    func parse(paths: [String]) -> (documents: [ManifestDocument], failures: [ValidatedDocument], inputs: [ManifestInput]) {
        let (inputs, walkProblems) = walker.inputs(for: paths)
        var failures = walkProblems.map { ValidatedDocument(failedFile: $0) }
        var documents: [ManifestDocument] = []
        for (fileDocuments, problems) in inputs.concurrentMap({ parse($0) }) {
            documents += fileDocuments
            if !problems.isEmpty {
                failures.append(ValidatedDocument(failedFile: problems, line: problems.first?.location.line ?? 0))
            }
        }
        if inputs.isEmpty, walkProblems.isEmpty {
            failures.append(
                ValidatedDocument(
                    failedFile: Diagnostic(
                        .warning, at: SourceLocation(file: paths.joined(separator: " ")), code: "no-manifests",
                        "no manifests found (*.yaml, *.yml, *.json)")))
        }
        return (documents, failures, inputs)
    }

    /// Reads one file into documents; problems that spoil the whole file come back separately.
    func parse(_ input: ManifestInput) -> (documents: [ManifestDocument], problems: [Diagnostic]) {
        let text: String
        switch fileReader.read(input) {
        case .success(let read): text = read
        case .failure(let diagnostic): return ([], [diagnostic])
        }
        let isJSON = input.displayPath.lowercased().hasSuffix(".json")
        var (documents, problems) =
            isJSON
            ? jsonReader.documents(in: text, file: input.displayPath)
            : yamlReader.documents(in: text, file: input.displayPath)
        if documents.isEmpty, problems.isEmpty {
            return (
                [],
                [
                    Diagnostic(
                        at: input.fileLocation, code: "empty", "the file has no documents: expected at least one manifest")
                ]
            )
        }
        // Problems inside a document (a bad substitution, a duplicate key) belong to that document.
        var fileProblems: [Diagnostic] = []
        for problem in problems {
            if problem.code != "yaml-syntax",
                let owner = documents.lastIndex(where: { $0.line <= problem.location.line })
            {
                documents[owner].loadProblems.append(problem)
            } else {
                fileProblems.append(problem)
            }
        }
        return (documents, fileProblems)
    }
}
