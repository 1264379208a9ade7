import ConnectorJSON
import Foundation

extension SchemaEvaluator {
    /// `required`, `properties`/`patternProperties`/`additionalProperties`, `propertyNames`,
    /// `minProperties`, `maxProperties`, dependencies and `unevaluatedProperties`.
    func evaluateObjectKeyword(
        _ keyword: SchemaKeyword, _ frame: NodeFrame, _ instance: JSONValue,
        _ context: inout EvaluationContext, _ annotations: inout EvaluatedLocations?
    ) -> Bool {
        guard case .object(let object) = instance else { return true }
        switch keyword.kind {
        case .required(let names):
            var valid = true
            for name in names where !object.contains(name) {
                valid = false
                guard context.collectsErrors else { break }
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "missing required property \(ValueDescription.quoted(name))", valueLevel: false, missingProperty: name)
            }
            return valid
        case .properties(let applicators):
            return evaluateProperties(applicators, frame, object, &context, &annotations)
        case .propertyNames(let child):
            return evaluatePropertyNames(child, object, &context)
        case .minProperties(let limit):
            guard object.count >= limit else {
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected at least \(ValueDescription.count(limit, "property", "properties")), got \(object.count)")
                return false
            }
        case .maxProperties(let limit):
            guard object.count <= limit else {
                fail(
                    &context, frame, keyword: keyword.name, instance,
                    "expected at most \(ValueDescription.count(limit, "property", "properties")), got \(object.count)")
                return false
            }
        case .dependentRequired(let rules):
            var valid = true
            for rule in rules where object.contains(rule.property) {
                for name in rule.requires where !object.contains(name) {
                    valid = false
                    guard context.collectsErrors else { return false }
                    fail(
                        &context, frame, keyword: keyword.name, instance,
                        "missing property \(ValueDescription.quoted(name)), which is required when \(ValueDescription.quoted(rule.property)) is present",
                        valueLevel: false, missingProperty: name)
                }
            }
            return valid
        case .dependentSchemas(let rules):
            var valid = true
            for rule in rules where object.contains(rule.property) {
                let ok = evaluateInPlace(
                    rule.schema, under: .key(keyword.name), .key(rule.property), instance: instance, &context, &annotations)
                if !ok {
                    valid = false
                    if !context.collectsErrors { break }
                }
            }
            return valid
        case .unevaluatedProperties(let child):
            let evaluated = annotations ?? EvaluatedLocations()
            if evaluated.allProperties { return true }
            var valid = true
            for (name, value) in object where !evaluated.includesProperty(name) {
                if !applyToProperty(child, under: [.key(keyword.name)], name: name, value, frame, &context) {
                    valid = false
                    if !context.collectsErrors { break }
                }
            }
            if valid { annotations?.allProperties = true }
            return valid
        default:
            return true
        }
        return true
    }

    private func evaluateProperties(
        _ applicators: SchemaKeyword.PropertyApplicators, _ frame: NodeFrame, _ object: JSONObject,
        _ context: inout EvaluationContext, _ annotations: inout EvaluatedLocations?
    ) -> Bool {
        var valid = true
        for (name, value) in object {
            var matched = false
            if let child = applicators.named[name] {
                matched = true
                if !applyToProperty(child, under: [.key("properties"), .key(name)], name: name, value, frame, &context) {
                    valid = false
                    if !context.collectsErrors { return false }
                }
            }
            for (pattern, child) in applicators.patterns where pattern.matches(name) {
                matched = true
                if !applyToProperty(child, under: [.key("patternProperties"), .key(pattern.source)], name: name, value, frame, &context) {
                    valid = false
                    if !context.collectsErrors { return false }
                }
            }
            if !matched, let additional = applicators.additional {
                matched = true
                if !applyToProperty(additional, under: [.key("additionalProperties")], name: name, value, frame, &context) {
                    valid = false
                    if !context.collectsErrors { return false }
                }
            }
            if matched {
                annotations?.properties.insert(name)
            }
        }
        return valid
    }

    /// Evaluates `child` against member `name`; a `false` schema reports the property as not allowed.
    private func applyToProperty(
        _ child: Int, under tokens: [PathToken], name: String, _ value: JSONValue, _ frame: NodeFrame,
        _ context: inout EvaluationContext
    ) -> Bool {
        context.keywordPath.append(contentsOf: tokens)
        context.instancePath.append(.key(name))
        defer {
            context.instancePath.removeLast()
            context.keywordPath.removeLast(tokens.count)
        }
        if schema.nodes[child].isFalse {
            fail(
                &context, frame, keyword: tokens.first?.text ?? "properties", value,
                "property \(ValueDescription.quoted(name)) is not allowed", valueLevel: false, appendsKeyword: false,
                isAboutKey: true)
            return false
        }
        var none: EvaluatedLocations?
        return evaluate(child, value, &context, &none)
    }

    /// Evaluates `child` against every member name; errors point at the member and say it is
    /// the name that is wrong.
    private func evaluatePropertyNames(_ child: Int, _ object: JSONObject, _ context: inout EvaluationContext) -> Bool {
        var valid = true
        context.keywordPath.append(.key("propertyNames"))
        for name in object.keys {
            context.instancePath.append(.key(name))
            let mark = context.errors.count
            var none: EvaluatedLocations?
            if !evaluate(child, .string(name), &context, &none) {
                valid = false
                for index in mark..<context.errors.count {
                    context.errors[index].error.message = "invalid property name: " + context.errors[index].error.message
                    context.errors[index].error.isAboutKey = true
                }
            }
            context.instancePath.removeLast()
            if !valid && !context.collectsErrors { break }
        }
        context.keywordPath.removeLast()
        return valid
    }
}
