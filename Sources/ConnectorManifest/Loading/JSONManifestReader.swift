import ConnectorJSON
import ConnectorModel

/// Reads a `.json` manifest file: one document, strict RFC 8259, with positions.
///
/// `${VAR}` substitution applies to string values outside `spec.credentials`, as in YAML files.
public struct JSONManifestReader: Sendable {
    /// Deepest nesting accepted.
    public var maximumDepth: Int
    /// The substitution applied to string values; nil leaves `${...}` as written.
    public var substitution: VariableSubstitution?

    /// Creates a reader.
    public init(maximumDepth: Int = 64, substitution: VariableSubstitution? = nil) {
        self.maximumDepth = maximumDepth
        self.substitution = substitution
    }

    /// The file's document, or the diagnostics that explain why there is none.
    public func documents(in text: String, file: String) -> (documents: [ManifestDocument], diagnostics: [Diagnostic]) {
        let parsed: JSONDocument
        do {
            parsed = try JSONParser.parse(text, maxDepth: maximumDepth)
        } catch let error as JSONSyntaxError {
            return (
                [],
                [
                    Diagnostic(
                        at: SourceLocation(file: file, line: error.position.line, column: error.position.column),
                        code: "json-syntax", error.message)
                ]
            )
        } catch {
            return ([], [Diagnostic(at: SourceLocation(file: file), code: "json-syntax", "cannot parse the file as JSON")])
        }
        var document = ManifestDocument(file: file, index: 0, line: 1, json: parsed)
        var diagnostics: [Diagnostic] = []
        if let substitution {
            document.json.value = substitute(parsed.value, at: .root, using: substitution, document: document, into: &diagnostics)
        }
        return ([document], diagnostics)
    }

    private func substitute(
        _ value: JSONValue, at pointer: JSONPointer, using substitution: VariableSubstitution,
        document: ManifestDocument, into diagnostics: inout [Diagnostic]
    ) -> JSONValue {
        switch value {
        case .string(let text) where VariableSubstitution.mayApply(to: text):
            if pointer.hasPrefix(JSONPointer(tokens: ["spec", "credentials"])) {
                diagnostics.append(
                    Diagnostic(
                        at: document.location(of: pointer), pointer: pointer, code: "substitution",
                        "${...} substitution is not allowed in credentials: name the environment variable or file directly"))
                return value
            }
            switch substitution.apply(to: text) {
            case .success(let replaced): return .string(replaced)
            case .failure(let failure):
                diagnostics.append(
                    Diagnostic(
                        at: document.location(of: pointer), pointer: pointer, code: "substitution", failure.message))
                return value
            }
        case .array(let elements):
            return .array(
                elements.enumerated().map { index, element in
                    substitute(element, at: pointer.appending(index), using: substitution, document: document, into: &diagnostics)
                })
        case .object(let object):
            var result = JSONObject()
            for (key, member) in object {
                result[key] = substitute(member, at: pointer.appending(key), using: substitution, document: document, into: &diagnostics)
            }
            return .object(result)
        default:
            return value
        }
    }
}
