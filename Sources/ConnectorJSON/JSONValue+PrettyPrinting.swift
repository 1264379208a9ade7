extension JSONValue {
    /// Indented JSON (two spaces, members in insertion order), for `--output json`.
    public func prettyJSONString() -> String {
        prettyJSONString(nestedAt: "")
    }

    /// As ``prettyJSONString()`` for a value that sits at `indent` inside a larger document (its first line is not
    /// indented, the following ones are): lets a long array be written one element at a time.
    public func prettyJSONString(nestedAt indent: String) -> String {
        var output = ""
        writePretty(into: &output, indent: indent)
        return output
    }

    private func writePretty(into output: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .array(let elements) where !elements.isEmpty:
            output += "[\n"
            for (index, element) in elements.enumerated() {
                output += inner
                element.writePretty(into: &output, indent: inner)
                output += index == elements.count - 1 ? "\n" : ",\n"
            }
            output += indent + "]"
        case .object(let object) where !object.isEmpty:
            output += "{\n"
            for (index, member) in object.enumerated() {
                output += inner + JSONValue.string(member.key).jsonString() + ": "
                member.value.writePretty(into: &output, indent: inner)
                output += index == object.count - 1 ? "\n" : ",\n"
            }
            output += indent + "}"
        default:
            output += jsonString()
        }
    }
}
