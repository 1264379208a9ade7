import ConnectorJSON
import Foundation

extension SchemaEvaluator {
    /// `type`, `enum`, `const`, numeric bounds, string length, `pattern` and `format`.
    func evaluateValueAssertion(
        _ keyword: SchemaKeyword, _ frame: NodeFrame, _ instance: JSONValue, _ context: inout EvaluationContext
    ) -> Bool {
        switch keyword.kind {
        case .type(let types):
            guard types.admits(instance) else {
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected \(types.phrase), got \(ValueDescription.kind(of: instance))", allowedTypes: types)
                return false
            }
        case .enumeration(let values, let members):
            guard members.contains(instance) else {
                let expectation =
                    values.count == 1
                    ? ValueDescription.literal(values[0])
                    : "one of \(ValueDescription.list(values))"
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected \(expectation), got \(ValueDescription.short(instance))", allowedValues: values)
                return false
            }
        case .constant(let value):
            guard instance == value else {
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected \(ValueDescription.literal(value)), got \(ValueDescription.short(instance))", allowedValues: [value])
                return false
            }
        case .multipleOf(let divisor):
            guard instance.isNumber else { return true }
            guard JSONValue.isMultiple(instance, of: divisor) else {
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected a multiple of \(divisor.jsonString()), got \(instance.jsonString())")
                return false
            }
        case .minimum(let limit, let exclusive):
            guard let order = JSONValue.compareNumbers(instance, limit) else { return true }
            guard exclusive ? order > 0 : order >= 0 else {
                let relation = exclusive ? "greater than" : "at least"
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected a number \(relation) \(limit.jsonString()), got \(instance.jsonString())")
                return false
            }
        case .maximum(let limit, let exclusive):
            guard let order = JSONValue.compareNumbers(instance, limit) else { return true }
            guard exclusive ? order < 0 : order <= 0 else {
                let relation = exclusive ? "less than" : "at most"
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected a number \(relation) \(limit.jsonString()), got \(instance.jsonString())")
                return false
            }
        case .minLength(let limit):
            guard case .string(let text) = instance, text.utf8.count / 4 < limit else { return true }
            let length = text.unicodeScalars.count
            guard length >= limit else {
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected at least \(ValueDescription.count(limit, "character", "characters")), got \(length)")
                return false
            }
        case .maxLength(let limit):
            guard case .string(let text) = instance, text.utf8.count > limit else { return true }
            let length = text.unicodeScalars.count
            guard length <= limit else {
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected at most \(ValueDescription.count(limit, "character", "characters")), got \(length)")
                return false
            }
        case .pattern(let pattern):
            guard case .string(let text) = instance else { return true }
            guard pattern.matches(text) else {
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected a value matching \(pattern.source), got \(ValueDescription.short(instance))")
                return false
            }
        case .format(let format):
            guard case .string(let text) = instance else { return true }
            guard FormatChecker.isValid(text, as: format) else {
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected \(FormatChecker.phrase(for: format)), got \(ValueDescription.short(instance))")
                return false
            }
        default:
            return true
        }
        return true
    }
}
