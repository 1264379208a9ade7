import ConnectorJSON
import ConnectorModel
import Yams

/// Converts one composed YAML node tree into a JSON value, recording positions and problems.
struct NodeConversion {
    let file: String
    let maximumDepth: Int
    let substitution: VariableSubstitution?
    var budget: NodeBudget
    var positions: [JSONPointer: TextPosition] = [:]
    var keyPositions: [JSONPointer: TextPosition] = [:]
    var diagnostics: [Diagnostic] = []

    init(file: String, maximumDepth: Int, substitution: VariableSubstitution?, budget: NodeBudget) {
        self.file = file
        self.maximumDepth = maximumDepth
        self.substitution = substitution
        self.budget = budget
    }

    private static let credentialsPointer = JSONPointer(tokens: ["spec", "credentials"])

    mutating func convert(_ node: Node, at pointer: JSONPointer, depth: Int) -> JSONValue {
        guard !budget.exhausted else { return .null }
        budget.remaining -= 1
        if budget.remaining < 0 {
            budget.exhausted = true
            report(
                node.mark, pointer, code: "alias-bomb",
                "the document expands to too many values (over the limit of nodes after expanding aliases); refusing a possible alias bomb")
            return .null
        }
        if let mark = node.mark {
            positions[pointer] = TextPosition(line: mark.line, column: mark.column)
        }
        switch node {
        case .scalar(let scalar):
            return convertScalar(scalar, at: pointer)
        case .sequence(let sequence):
            guard enter(depth: depth, node: node, pointer: pointer) else { return .null }
            var elements: [JSONValue] = []
            elements.reserveCapacity(sequence.count)
            for (index, element) in sequence.enumerated() {
                elements.append(convert(element, at: pointer.appending(index), depth: depth + 1))
            }
            return .array(elements)
        case .mapping(let mapping):
            guard enter(depth: depth, node: node, pointer: pointer) else { return .null }
            return convertMapping(mapping, at: pointer, depth: depth)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one cannot reach here.
            report(node.mark, pointer, code: "yaml-alias", "unresolved alias")
            return .null
        }
    }

    private mutating func enter(depth: Int, node: Node, pointer: JSONPointer) -> Bool {
        guard depth >= maximumDepth else { return true }
        report(
            node.mark, pointer, code: "too-deep",
            "nesting deeper than \(maximumDepth) levels: manifests are never this deep")
        return false
    }

    private mutating func convertMapping(_ mapping: Node.Mapping, at pointer: JSONPointer, depth: Int) -> JSONValue {
        var object = JSONObject()
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                report(
                    keyNode.mark, pointer, code: "non-string-key",
                    "a mapping key must be a string, got \(keyNode.isMappingOrSequenceDescription)")
                continue
            }
            let key = keyScalar.string
            if keyScalar.style == .plain, Self.isUntagged(keyScalar, orResolvedAs: Tag.Name.str.rawValue),
                CoreSchemaScalar.resolvePlain(key) != .string(key)
            {
                report(
                    keyNode.mark, pointer.appending(key), code: "non-string-key",
                    "the key \(key) is not a string in YAML (it reads as \(CoreSchemaScalar.resolvePlain(key).kindDescription)); quote it: \"\(key)\""
                )
                continue
            }
            let memberPointer = pointer.appending(key)
            if object.contains(key) {
                // Yams rejects repeated keys written alike; this catches `a:` beside `"a":`.
                let earlier = keyPositions[memberPointer]?.line ?? 0
                report(
                    keyNode.mark, memberPointer, code: "duplicate-key",
                    "duplicate key \"\(key)\" (first defined on line \(earlier))")
                continue
            }
            if let mark = keyNode.mark {
                keyPositions[memberPointer] = TextPosition(line: mark.line, column: mark.column)
            }
            object[key] = convert(valueNode, at: memberPointer, depth: depth + 1)
        }
        return .object(object)
    }

    /// True for a scalar written without a tag. Yams resolves a key's tag in place when it hashes the
    /// key (checking duplicates), so for keys the basic resolver's `str` counts as untagged too.
    private static func isUntagged(_ scalar: Node.Scalar, orResolvedAs resolved: String? = nil) -> Bool {
        let tag = scalar.tag.description
        return tag.isEmpty || tag == resolved
    }

    private mutating func convertScalar(_ scalar: Node.Scalar, at pointer: JSONPointer) -> JSONValue {
        let tag = scalar.tag.description
        var text = scalar.string
        if VariableSubstitution.mayApply(to: text), let substitution {
            if pointer.hasPrefix(Self.credentialsPointer) {
                report(
                    scalar.mark, pointer, code: "substitution",
                    "${...} substitution is not allowed in credentials: name the environment variable or file directly")
            } else {
                switch substitution.apply(to: text) {
                case .success(let replaced): text = replaced
                case .failure(let failure): report(scalar.mark, pointer, code: "substitution", failure.message)
                }
            }
        }
        let resolved: CoreSchemaScalar
        if tag.isEmpty {
            resolved = scalar.style == .plain ? CoreSchemaScalar.resolvePlain(text) : .string(text)
        } else if tag == "!" {
            resolved = .string(text)
        } else if let tagged = CoreSchemaScalar.resolveTagged(text, tag: tag) {
            resolved = tagged
        } else {
            report(
                scalar.mark, pointer, code: "yaml-tag",
                "unsupported tag \(tag) for \"\(text.prefix(40))\": manifests use plain YAML values")
            resolved = .string(text)
        }
        switch resolved {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .integer(let value): return .integer(value)
        case .number(let value):
            guard value.isFinite else {
                report(scalar.mark, pointer, code: "yaml-value", "\(text) is not a number JSON can hold")
                return .string(text)
            }
            return .number(value)
        case .string(let value): return .string(value)
        }
    }

    private mutating func report(_ mark: Mark?, _ pointer: JSONPointer, code: String, _ message: String) {
        diagnostics.append(
            Diagnostic(
                at: SourceLocation(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0),
                pointer: pointer, code: code, message))
    }
}

extension Node {
    fileprivate var isMappingOrSequenceDescription: String {
        switch self {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar: "a scalar"
        case .alias: "an alias"
        }
    }
}

extension CoreSchemaScalar {
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .number: "a number"
        case .string: "a string"
        }
    }
}
