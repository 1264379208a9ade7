import ConnectorJSON
import Foundation

extension SchemaEvaluator {
    /// `items`/`prefixItems`/`additionalItems`, `contains`, `minItems`, `maxItems`,
    /// `uniqueItems` and `unevaluatedItems`.
    func evaluateArrayKeyword(
        _ keyword: SchemaKeyword, _ frame: NodeFrame, _ instance: JSONValue,
        _ context: inout EvaluationContext, _ annotations: inout EvaluatedLocations?
    ) -> Bool {
        guard case .array(let elements) = instance else { return true }
        switch keyword.kind {
        case .items(let applicators):
            return evaluateItems(applicators, frame, elements, &context, &annotations)
        case .contains(let rule):
            return evaluateContains(rule, frame, instance, elements, &context, &annotations)
        case .minItems(let limit):
            guard elements.count >= limit else {
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected at least \(ValueDescription.count(limit, "item", "items")), got \(elements.count)")
                return false
            }
        case .maxItems(let limit):
            guard elements.count <= limit else {
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected at most \(ValueDescription.count(limit, "item", "items")), got \(elements.count)")
                return false
            }
        case .uniqueItems:
            guard elements.count > 1 else { return true }
            var firstIndex: [JSONValue: Int] = [:]
            for (index, element) in elements.enumerated() {
                if let earlier = firstIndex[element] {
                    fail(
                        &context, frame, keyword: keyword.name, instance,
                        "expected unique items, but items \(earlier) and \(index) are equal")
                    return false
                }
                firstIndex[element] = index
            }
        case .unevaluatedItems(let child):
            let evaluated = annotations ?? EvaluatedLocations()
            if evaluated.allItems { return true }
            var valid = true
            for (index, element) in elements.enumerated() where !evaluated.includesItem(index) {
                if !applyToItem(child, under: [.key(keyword.name)], index: index, element, frame, &context) {
                    valid = false
                    if !context.collectsErrors { break }
                }
            }
            if valid { annotations?.allItems = true }
            return valid
        default:
            return true
        }
        return true
    }

    private func evaluateItems(
        _ applicators: SchemaKeyword.ItemApplicators, _ frame: NodeFrame, _ elements: [JSONValue],
        _ context: inout EvaluationContext, _ annotations: inout EvaluatedLocations?
    ) -> Bool {
        var valid = true
        for (index, element) in elements.enumerated() {
            let ok: Bool
            if index < applicators.prefix.count {
                ok = applyToItem(
                    applicators.prefix[index], under: [.key(applicators.prefixKeyword), .index(index)],
                    index: index, element, frame, &context)
            } else if let rest = applicators.rest {
                ok = applyToItem(rest, under: [.key(applicators.restKeyword)], index: index, element, frame, &context)
            } else {
                break
            }
            if !ok {
                valid = false
                if !context.collectsErrors { break }
            }
        }
        if applicators.rest != nil {
            annotations?.allItems = true
        } else {
            let covered = min(applicators.prefix.count, elements.count)
            if let current = annotations?.itemPrefix, current < covered {
                annotations?.itemPrefix = covered
            }
        }
        return valid
    }

    /// Evaluates `child` against element `index`; a `false` schema reports the item as not allowed.
    private func applyToItem(
        _ child: Int, under tokens: [PathToken], index: Int, _ element: JSONValue, _ frame: NodeFrame,
        _ context: inout EvaluationContext
    ) -> Bool {
        context.keywordPath.append(contentsOf: tokens)
        context.instancePath.append(.index(index))
        defer {
            context.instancePath.removeLast()
            context.keywordPath.removeLast(tokens.count)
        }
        if schema.nodes[child].isFalse {
            fail(
                &context, frame, keyword: tokens.first?.text ?? "items", element,
                "item at index \(index) is not allowed", valueLevel: false, appendsKeyword: false)
            return false
        }
        var none: EvaluatedLocations?
        return evaluate(child, element, &context, &none)
    }

    private func evaluateContains(
        _ rule: SchemaKeyword.ContainsRule, _ frame: NodeFrame, _ instance: JSONValue, _ elements: [JSONValue],
        _ context: inout EvaluationContext, _ annotations: inout EvaluatedLocations?
    ) -> Bool {
        let collects = context.collectsErrors
        context.collectsErrors = false
        context.keywordPath.append(.key("contains"))
        var matches = 0
        for (index, element) in elements.enumerated() {
            context.instancePath.append(.index(index))
            var none: EvaluatedLocations?
            let matched = evaluate(rule.schema, element, &context, &none)
            context.instancePath.removeLast()
            if matched {
                matches += 1
                annotations?.items.insert(index)
                if annotations == nil && rule.maximum == nil && matches >= rule.minimum { break }
            }
        }
        context.keywordPath.removeLast()
        context.collectsErrors = collects
        if matches < rule.minimum {
            fail(
                &context, frame, keyword: rule.hasExplicitMinimum ? "minContains" : "contains", instance,
                "expected at least \(ValueDescription.count(rule.minimum, "item", "items")) matching the \"contains\" schema, got \(matches)"
            )
            return false
        }
        if let maximum = rule.maximum, matches > maximum {
            fail(
                &context, frame, keyword: "maxContains", instance,
                "expected at most \(ValueDescription.count(maximum, "item", "items")) matching the \"contains\" schema, got \(matches)")
            return false
        }
        return true
    }
}
