import ConnectorJSON
import Foundation

/// Runs a `CompiledSchema` against an instance.
///
/// `evaluate` returns whether the instance is valid and, when the context collects errors,
/// records every failure. Annotations needed by `unevaluatedProperties`/`unevaluatedItems`
/// are only gathered when some enclosing node asks for them (`annotations != nil`).
struct SchemaEvaluator {
    let schema: CompiledSchema

    /// The node being evaluated, with the number of errors recorded before it started.
    struct NodeFrame {
        let node: SchemaNode
        let errorMark: Int
    }

    /// Evaluates node `id` against `instance`.
    func evaluate(
        _ id: Int, _ instance: JSONValue, _ context: inout EvaluationContext, _ annotations: inout EvaluatedLocations?
    ) -> Bool {
        let node = schema.nodes[id]
        if node.isFalse {
            if context.collectsErrors {
                let frame = NodeFrame(node: node, errorMark: context.errors.count)
                fail(
                    &context, frame, keyword: "false", instance,
                    "no value is allowed here, got \(ValueDescription.short(instance))", appendsKeyword: false)
            }
            return false
        }
        if node.keywords.isEmpty {
            return true
        }
        let frame = NodeFrame(node: node, errorMark: context.errors.count)
        guard !context.stackBudget.isExhausted else {
            fail(
                &context, frame, keyword: context.keywordPath.last?.text ?? "", instance,
                "the value is nested too deeply to validate", valueLevel: false, appendsKeyword: false)
            return false
        }
        let entersResource = context.dynamicScope.last != node.resource
        if entersResource { context.dynamicScope.append(node.resource) }
        var local: EvaluatedLocations? = (annotations != nil || node.tracksEvaluation) ? EvaluatedLocations() : nil
        var valid = true
        for keyword in node.keywords {
            guard evaluateKeyword(keyword, frame, instance, &context, &local) else {
                valid = false
                if !context.collectsErrors { break }
                // A wrong type makes the other assertions of the same schema noise.
                if case .type = keyword.kind { break }
                continue
            }
        }
        if entersResource { context.dynamicScope.removeLast() }
        if valid, let local, annotations != nil {
            annotations?.formUnion(local)
        }
        return valid
    }

    private func evaluateKeyword(
        _ keyword: SchemaKeyword, _ frame: NodeFrame, _ instance: JSONValue,
        _ context: inout EvaluationContext, _ annotations: inout EvaluatedLocations?
    ) -> Bool {
        switch keyword.kind {
        case .reference(let target):
            return follow(target, keyword: keyword.name, frame, instance, &context, &annotations)
        case .dynamicReference(let target, let anchor):
            var destination = target
            if let anchor {
                for resource in context.dynamicScope {
                    if let candidate = schema.dynamicAnchors[resource][anchor] {
                        destination = candidate
                        break
                    }
                }
            }
            return follow(destination, keyword: keyword.name, frame, instance, &context, &annotations)
        case .type, .enumeration, .constant, .multipleOf, .minimum, .maximum, .minLength, .maxLength, .pattern, .format:
            return evaluateValueAssertion(keyword, frame, instance, &context)
        case .items, .contains, .minItems, .maxItems, .uniqueItems, .unevaluatedItems:
            return evaluateArrayKeyword(keyword, frame, instance, &context, &annotations)
        case .required, .properties, .propertyNames, .minProperties, .maxProperties, .dependentRequired,
            .dependentSchemas, .unevaluatedProperties:
            return evaluateObjectKeyword(keyword, frame, instance, &context, &annotations)
        case .allOf, .anyOf, .oneOf, .not, .conditional:
            return evaluateCombinator(keyword, frame, instance, &context, &annotations)
        }
    }

    /// Follows `$ref`/`$dynamicRef` to `target`, refusing a cycle that would re-enter the same
    /// schema at the same instance location forever.
    private func follow(
        _ target: Int, keyword: String, _ frame: NodeFrame, _ instance: JSONValue,
        _ context: inout EvaluationContext, _ annotations: inout EvaluatedLocations?
    ) -> Bool {
        let depth = context.instancePath.count
        for active in context.activeReferences.reversed() {
            if active.depth != depth { break }
            if active.node == target {
                fail(
                    &context, frame, keyword: keyword, instance,
                    "the schema refers back to itself without moving into the value (an infinite \(keyword) loop)",
                    valueLevel: false)
                return false
            }
        }
        context.activeReferences.append((target, depth))
        context.keywordPath.append(.key(keyword))
        let valid = evaluate(target, instance, &context, &annotations)
        context.keywordPath.removeLast()
        context.activeReferences.removeLast()
        return valid
    }

    /// Evaluates `child` against the same instance under the path `tokens`.
    func evaluateInPlace(
        _ child: Int, under tokens: PathToken..., instance: JSONValue,
        _ context: inout EvaluationContext, _ annotations: inout EvaluatedLocations?
    ) -> Bool {
        context.keywordPath.append(contentsOf: tokens)
        let valid = evaluate(child, instance, &context, &annotations)
        context.keywordPath.removeLast(tokens.count)
        return valid
    }

    /// Records a failure of `keyword` (when errors are collected).
    ///
    /// - Parameters:
    ///   - valueLevel: whether the message is about the value itself, so the schema's
    ///     `x-expected` text replaces it (not for missing or disallowed properties).
    ///   - child: a member or element of the instance the error is about, if not the instance.
    ///   - appendsKeyword: whether `keyword` still has to be added to the evaluation path.
    ///   - isAboutKey: whether the error is about the member's name (see ``ValidationError/isAboutKey``).
    func fail(
        _ context: inout EvaluationContext, _ frame: NodeFrame, keyword: String, _ instance: JSONValue,
        _ message: @autoclosure () -> String, valueLevel: Bool = true, child: PathToken? = nil,
        appendsKeyword: Bool = true, allowedValues: [JSONValue]? = nil, allowedTypes: JSONTypeSet? = nil,
        missingProperty: String? = nil, isAboutKey: Bool = false
    ) {
        guard context.collectsErrors else { return }
        var pointer = context.instancePointer
        if let child { pointer = pointer.appending(child.text) }
        let found = ValueDescription.short(instance)
        var text: String
        if valueLevel, let expected = frame.node.expected {
            text = "expected \(expected), got \(found)"
            let start = min(max(frame.errorMark, 0), context.errors.count)
            if context.errors[start...].contains(where: { $0.error.instanceLocation == pointer && $0.error.message == text }) {
                return
            }
        } else {
            text = message()
        }
        let keywordLocation = context.keywordLocation(appendsKeyword ? keyword : nil)
        let error = ValidationError(
            instanceLocation: pointer, keywordLocation: keywordLocation, keyword: keyword, message: text, isAboutKey: isAboutKey)
        context.errors.append(
            ErrorRecord(
                error: error, allowedValues: allowedValues, allowedTypes: allowedTypes, missingProperty: missingProperty, found: found
            ))
    }
}
