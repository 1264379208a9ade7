import ConnectorJSON

/// One object of the configuration reference: a heading with its field path, its description, the rules that span
/// its fields, and a table with a row per field.
struct ReferenceSection {
    private let path: String
    private let schema: JSONValue
    private let required: Set<String>
    private var rows: [String] = []

    /// What the manifest's headings start with: empty for the Endpoint, `Sink ` for the Sink (so anchors differ).
    private let kind: String

    init(path: String, schema: JSONValue, kind: String = "") {
        self.path = path
        self.kind = kind
        self.schema = schema
        required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
    }

    /// Adds the row of the field `name`; `resolved` is its schema with any `$ref` followed, `typeName` the shared
    /// type it refers to.
    mutating func add(name: String, path fieldPath: String, property: JSONValue, resolved: JSONValue, typeName: String?) {
        let type: String
        if resolved["properties"] != nil {
            type = "object, [below](#\(Self.anchor(kind + fieldPath)))"
        } else if let typeName {
            type = "[`\(typeName)`](#\(typeName.lowercased()))"
        } else {
            type = Self.typeText(resolved, path: fieldPath)
        }
        let notes = (typeName == nil ? Self.constraints(of: resolved) : []).map { " \($0)." }.joined()
        let description = Self.cell((resolved["description"]?.stringValue ?? "") + notes)
        rows.append("| `\(name)` | \(type) | \(required.contains(name) ? "yes" : "") | \(description) |")
    }

    var markdown: String {
        let heading = path.isEmpty ? "## The \(kind)manifest" : "## `\(kind)\(path)`"
        let rules = Self.objectRules(schema).map { "\n\n\($0)" } ?? ""
        let description = schema["description"]?.stringValue.map { "\n\n" + Self.cell($0) } ?? ""
        return heading + description + rules + "\n\n| Field | Type | Required | Description |\n|---|---|---|---|\n"
            + rows.joined(separator: "\n") + "\n"
    }

    /// The type of a field without a shared type: `string`, `list of string`, `map of string to string`, a constant.
    static func typeText(_ schema: JSONValue, path: String) -> String {
        if let constant = schema["const"] { return "`\(constant.compactText)`" }
        if let values = schema["enum"]?.arrayValue { return values.map { "`\($0.compactText)`" }.joined(separator: ", ") }
        let base = schema["type"]?.stringValue ?? "any"
        switch base {
        case "array":
            guard let items = schema["items"] else { return "list" }
            return items["properties"] != nil
                ? "list of objects, [below](#\(anchor(path + "[]")))" : "list of \(typeText(items, path: path))"
        case "object":
            guard let values = schema["additionalProperties"], values.objectValue != nil else { return "object" }
            return "map of string to \(typeText(values, path: path))"
        default:
            return base
        }
    }

    /// The value rules of a schema in words: range, length, pattern, format, uniqueness.
    static func constraints(of schema: JSONValue) -> [String] {
        var result: [String] = []
        if let expected = schema["x-expected"]?.stringValue { result.append("Expected: \(expected)") }
        let lower =
            schema["minimum"].map { "at least \($0.compactText)" } ?? schema["exclusiveMinimum"].map { "more than \($0.compactText)" }
        let bounds = [lower, schema["maximum"].map { "at most \($0.compactText)" }].compactMap { $0 }.joined(separator: ", ")
        if let first = bounds.first { result.append(first.uppercased() + bounds.dropFirst()) }
        if let low = schema["minLength"]?.intValue, let high = schema["maxLength"]?.intValue {
            result.append("\(low) to \(high) characters")
        } else if let low = schema["minLength"]?.intValue, low > 0 {
            result.append("Not empty")
        }
        if let pattern = schema["pattern"]?.stringValue { result.append("Pattern `\(pattern)`") }
        if let format = schema["format"]?.stringValue { result.append("Format \(format)") }
        if schema["uniqueItems"]?.boolValue == true { result.append("No duplicates") }
        if let count = schema["minItems"]?.intValue { result.append("At least \(count) item\(count == 1 ? "" : "s")") }
        return result
    }

    /// Rules across an object's fields: how many must be given.
    static func objectRules(_ schema: JSONValue) -> String? {
        switch (schema["minProperties"]?.intValue, schema["maxProperties"]?.intValue) {
        case (1?, 1?): "Give exactly one of its fields."
        case (1?, nil): "Give at least one of its fields."
        default: nil
        }
    }

    /// Text safe inside a Markdown table cell: one line, pipes escaped.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// The anchor GitHub gives the heading of `path`.
    static func anchor(_ path: String) -> String {
        path.lowercased().replacingOccurrences(of: " ", with: "-").filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }
}

extension JSONValue {
    /// Compact JSON text of a scalar: strings without quotes, numbers as written.
    fileprivate var compactText: String {
        switch self {
        case .string(let text): text
        case .integer(let value): String(value)
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .bool(let value): String(value)
        default: "\(self)"
        }
    }
}
