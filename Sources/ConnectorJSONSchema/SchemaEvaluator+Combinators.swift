import ConnectorJSON
import Foundation

extension SchemaEvaluator {
    /// `allOf`, `anyOf`, `oneOf`, `not` and `if`/`then`/`else`.
    func evaluateCombinator(
        _ keyword: SchemaKeyword, _ frame: NodeFrame, _ instance: JSONValue,
        _ context: inout EvaluationContext, _ annotations: inout EvaluatedLocations?
    ) -> Bool {
        switch keyword.kind {
        case .allOf(let children):
            var valid = true
            for (index, child) in children.enumerated()
            where !evaluateInPlace(child, under: .key(keyword.name), .index(index), instance: instance, &context, &annotations) {
                valid = false
                if !context.collectsErrors { break }
            }
            return valid
        case .anyOf(let children):
            return evaluateAlternatives(children, exactlyOne: false, keyword: keyword.name, frame, instance, &context, &annotations)
        case .oneOf(let children):
            return evaluateAlternatives(children, exactlyOne: true, keyword: keyword.name, frame, instance, &context, &annotations)
        case .not(let child):
            let collects = context.collectsErrors
            context.collectsErrors = false
            var none: EvaluatedLocations?
            let matched = evaluateInPlace(child, under: .key(keyword.name), instance: instance, &context, &none)
            context.collectsErrors = collects
            if matched {
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected a value that does not match the \"not\" schema, got \(ValueDescription.short(instance))")
                return false
            }
            return true
        case .conditional(let conditional):
            let collects = context.collectsErrors
            context.collectsErrors = false
            let holds = evaluateInPlace(conditional.condition, under: .key("if"), instance: instance, &context, &annotations)
            context.collectsErrors = collects
            if holds, let then = conditional.then {
                return evaluateInPlace(then, under: .key("then"), instance: instance, &context, &annotations)
            }
            if !holds, let otherwise = conditional.otherwise {
                return evaluateInPlace(otherwise, under: .key("else"), instance: instance, &context, &annotations)
            }
            return true
        default:
            return true
        }
    }

    /// `anyOf` (`exactlyOne == false`) or `oneOf`. Branches are first tried without collecting
    /// errors; only when the keyword fails are they re-run to explain the failure in one error.
    private func evaluateAlternatives(
        _ children: [Int], exactlyOne: Bool, keyword: String, _ frame: NodeFrame, _ instance: JSONValue,
        _ context: inout EvaluationContext, _ annotations: inout EvaluatedLocations?
    ) -> Bool {
        let collects = context.collectsErrors
        context.collectsErrors = false
        var matches: [Int] = []
        for (index, child) in children.enumerated() {
            if evaluateInPlace(child, under: .key(keyword), .index(index), instance: instance, &context, &annotations) {
                matches.append(index)
            }
            // Annotations need every branch evaluated; otherwise stop once the outcome is known.
            if annotations == nil && (exactlyOne ? matches.count > 1 : !matches.isEmpty) { break }
        }
        context.collectsErrors = collects
        if exactlyOne ? matches.count == 1 : !matches.isEmpty {
            return true
        }
        guard collects else { return false }
        if matches.count > 1 {
            let numbers = matches.map(String.init)
            let listed = numbers.dropLast().joined(separator: ", ") + " and " + (numbers.last ?? "")
            fail(
                &context, frame, keyword: keyword, instance,
                "expected exactly one of the allowed forms to match, but forms \(listed) \(numbers.count == 2 ? "both" : "all") match")
            return false
        }
        explainNoMatch(children, keyword: keyword, frame, instance, &context)
        return false
    }
}
