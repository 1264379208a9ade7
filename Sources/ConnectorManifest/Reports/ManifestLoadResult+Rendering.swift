import ConnectorJSON
import ConnectorModel

extension ManifestLoadResult {
    /// Compiler-style lines, one per problem, then `N manifests, N valid, N invalid`.
    /// - Parameter color: colour `error:` and `warning:` (only on a terminal).
    public func renderText(color: Bool = false) -> String {
        var lines = diagnostics.map { diagnostic in
            guard color else { return diagnostic.rendered }
            let label = diagnostic.severity == .error ? "\u{1B}[1;31merror\u{1B}[0m" : "\u{1B}[1;33mwarning\u{1B}[0m"
            return diagnostic.rendered.replacingFirst("\(diagnostic.severity.rawValue):", with: "\(label):")
        }
        lines.append(summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `N manifests, N valid, N invalid`.
    public var summaryLine: String {
        "\(manifestCount) manifest\(manifestCount == 1 ? "" : "s"), \(validCount) valid, \(invalidCount) invalid"
    }

    /// The stable JSON report documented in docs/cli.md (`validate --output json`).
    public func renderJSON() -> String {
        let manifests: [JSONValue] = entries.filter(\.countsAsManifest).map { entry in
            var object: JSONObject = ["file": .string(entry.file)]
            object["index"] = entry.index.map { .integer($0) } ?? .null
            object["line"] = .integer(entry.line)
            object["kind"] = entry.kind.map { .string($0) } ?? .null
            object["name"] = entry.name.map { .string($0) } ?? .null
            object["valid"] = .bool(entry.isValid)
            object["errors"] = .integer(entry.diagnostics.filter { $0.severity == .error }.count)
            return .object(object)
        }
        let report: JSONValue = [
            "summary": [
                "manifests": .integer(manifestCount),
                "valid": .integer(validCount),
                "invalid": .integer(invalidCount),
            ],
            "manifests": .array(manifests),
            "diagnostics": .array(diagnostics.map(\.jsonValue)),
        ]
        return report.prettyJSONString() + "\n"
    }
}

extension Diagnostic {
    /// `{"file", "line", "column", "pointer", "severity", "code", "message"}`.
    public var jsonValue: JSONValue {
        [
            "file": .string(location.file),
            "line": .integer(location.line),
            "column": .integer(location.column),
            "pointer": pointer.map { .string($0.description) } ?? .null,
            "severity": .string(severity.rawValue),
            "code": .string(code),
            "message": .string(message),
        ]
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
