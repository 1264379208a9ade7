import ConnectorModel
import Yams

/// Turns libyaml's terse errors into located, plain-words diagnostics.
enum YAMLErrorTranslation {
    static func diagnostic(for error: YamlError, file: String, text: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return Diagnostic(
                at: SourceLocation(file: file, line: mark.line, column: mark.column),
                code: "yaml-syntax", explain(problem: problem, context: context?.text, mark: mark, text: text))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? "?"
            var message = "duplicate key \"\(key)\""
            if let again = lineOfRepeatedKey(key, after: context.mark, in: text) {
                message += " (defined on line \(context.mark.line) and again on line \(again))"
            }
            return Diagnostic(
                at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                code: "duplicate-key", message + ": each key may appear once in a mapping")
        case .reader(let problem, _, _, _):
            return Diagnostic(at: SourceLocation(file: file), code: "encoding", "cannot read the text: \(problem)")
        default:
            return Diagnostic(at: SourceLocation(file: file), code: "yaml-syntax", "cannot parse the file as YAML")
        }
    }

    private static func explain(problem: String, context: String?, mark: Mark, text: String) -> String {
        if character(at: mark, in: text) == "\t" || problem.contains("tab") {
            return "a tab character is used for indentation; YAML allows only spaces"
        }
        switch problem {
        case "mapping values are not allowed in this context":
            return "unexpected ':' here: a value on this line is not indented under a key, or needs quotes"
        case "did not find expected key":
            return "expected a key at this indentation: check the indentation of this line and the one before"
        case "found undefined alias":
            return "the alias refers to an anchor (&name) that is not defined before it"
        case "found character that cannot start any token":
            return "a character that cannot start a YAML value; quote the value"
        default:
            let detail = context.map { " \($0)" } ?? ""
            return "invalid YAML: \(problem)\(detail)"
        }
    }

    private static func character(at mark: Mark, in text: String) -> Character? {
        guard mark.line >= 1 else { return nil }
        var line = 1
        var index = text.startIndex
        while line < mark.line, let newline = text[index...].firstIndex(of: "\n") {
            index = text.index(after: newline)
            line += 1
        }
        let scalars = text[index...].unicodeScalars
        guard let position = scalars.index(scalars.startIndex, offsetBy: mark.column - 1, limitedBy: scalars.endIndex),
            position < scalars.endIndex
        else { return nil }
        return Character(scalars[position])
    }

    /// The line where `key:` appears again at the same column after `mark`, in block style.
    private static func lineOfRepeatedKey(_ key: String, after mark: Mark, in text: String) -> Int? {
        let indent = String(repeating: " ", count: max(mark.column - 1, 0))
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where offset + 1 > mark.line {
            let trimmed = line.hasPrefix(indent) ? line.dropFirst(indent.count) : nil
            guard let rest = trimmed else { continue }
            if rest.hasPrefix("\(key):") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':") {
                return offset + 1
            }
        }
        return nil
    }
}
