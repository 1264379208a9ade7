import ConnectorJSON
import ConnectorJSONSchema
import ConnectorModel

/// Filter rules the schema cannot express: size bounds in order, globs that parse, and a `modifiedAfter` the sync
/// reads as the same time the schema's `date-time` format accepts.
struct FilterCheck {
    func diagnostics(for document: ManifestDocument) -> [Diagnostic] {
        let filtersPointer = JSONPointer(tokens: ["spec", "filters"])
        guard let filters = document.value["spec"]?["filters"]?.objectValue else { return [] }
        var diagnostics: [Diagnostic] = []
        if let minimum = filters["minSizeBytes"]?.intValue, let maximum = filters["maxSizeBytes"]?.intValue,
            minimum > maximum
        {
            let pointer = filtersPointer.appending("maxSizeBytes")
            diagnostics.append(
                Diagnostic(
                    at: document.location(of: pointer), pointer: pointer, code: "filters",
                    "maxSizeBytes (\(maximum)) is smaller than minSizeBytes (\(minimum)): no file could pass"))
        }
        // Text that is no date-time at all fails the schema's format, which reports it.
        if let text = filters["modifiedAfter"]?.stringValue, FormatChecker.isValid(text, format: "date-time") == true,
            Timestamp.parse(text) == nil
        {
            let pointer = filtersPointer.appending("modifiedAfter")
            diagnostics.append(
                Diagnostic(
                    at: document.location(of: pointer), pointer: pointer, code: "filters",
                    "expected an RFC 3339 time such as 2024-01-01T00:00:00Z, got \"\(text)\""))
        }
        for key in ["include", "exclude"] {
            for (index, element) in (filters[key]?.arrayValue ?? []).enumerated() {
                guard let glob = element.stringValue, let problem = Self.globProblem(glob) else { continue }
                let pointer = filtersPointer.appending(key).appending(index)
                diagnostics.append(
                    Diagnostic(
                        at: document.location(of: pointer), pointer: pointer, code: "filters",
                        "expected a glob such as **/*.pdf, got \"\(glob)\": \(problem)"))
            }
        }
        return diagnostics
    }

    /// Why a glob cannot be used, or nil when it is fine.
    static func globProblem(_ glob: String) -> String? {
        if glob.hasPrefix("/") { return "globs match paths relative to the root, so they do not start with /" }
        var inClass = false
        var escaped = false
        for character in glob {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "[" where !inClass: inClass = true
            case "]" where inClass: inClass = false
            default: break
            }
        }
        if inClass { return "a [ is never closed" }
        if escaped { return "it ends with a lone \\" }
        return nil
    }
}
