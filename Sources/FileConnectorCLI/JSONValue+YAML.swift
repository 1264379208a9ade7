import ConnectorJSON
import Yams

extension JSONValue {
    /// The value as YAML, members in order (for `get --output yaml`).
    func yamlString() -> String {
        (try? Yams.serialize(node: yamlNode)) ?? "# cannot render as YAML\n"
    }

    private var yamlNode: Node {
        switch self {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .integer(let number): return Node(String(number), Tag(.int))
        case .number: return Node(jsonString(), Tag(.float))
        case .string(let text): return Node(text, Tag(.str), .doubleQuoted)
        case .array(let elements): return Node(elements.map(\.yamlNode))
        case .object(let object): return Node(object.map { (Node($0.key), $0.value.yamlNode) })
        }
    }
}
