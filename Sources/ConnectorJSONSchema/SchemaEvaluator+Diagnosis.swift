import ConnectorJSON
import Foundation

extension SchemaEvaluator {
    /// Reports why no branch of an `anyOf`/`oneOf` matched, as one error rather than every
    /// branch's complaints:
    ///
    /// 1. the schema's `x-expected` text, when it has one;
    /// 2. when every branch rejects the value's type: the union of the accepted types;
    /// 3. when exactly one branch accepts the type: that branch's own errors;
    /// 4. when every remaining branch fails a `const`/`enum` at the same place
    ///    (a discriminator such as `provider`): the accepted values, at that place;
    /// 5. when exactly one remaining branch passes its discriminators: that branch's errors;
    /// 6. when every remaining branch misses the same required property: that property
    ///    (or, when missing properties are their only problem, the alternatives);
    /// 7. otherwise: "does not match any of the allowed forms".
    func explainNoMatch(
        _ children: [Int], keyword: String, _ frame: NodeFrame, _ instance: JSONValue, _ context: inout EvaluationContext
    ) {
        if frame.node.expected != nil {
            fail(&context, frame, keyword: keyword, instance, "")
            return
        }
        let branches = children.enumerated().map { index, child in
            branchErrors(child, under: [.key(keyword), .index(index)], instance, &context)
        }
        let here = context.instancePointer
        let typeMismatches = branches.map { errors in
            errors.first { $0.allowedTypes != nil && $0.error.instanceLocation == here }?.allowedTypes
        }
        let typeCandidates = branches.indices.filter { typeMismatches[$0] == nil }
        if typeCandidates.isEmpty {
            let accepted = typeMismatches.reduce(JSONTypeSet()) { $0.union($1 ?? []) }
            fail(
                &context, frame, keyword: keyword, instance,
                "expected \(accepted.phrase), got \(ValueDescription.kind(of: instance))", allowedTypes: accepted)
            return
        }
        if typeCandidates.count == 1, !branches[typeCandidates[0]].isEmpty {
            context.errors.append(contentsOf: branches[typeCandidates[0]])
            return
        }
        let candidates = typeCandidates.map { branches[$0] }
        if let discriminator = commonDiscriminator(candidates) {
            let allowed = discriminator.allowed
            let expectation = allowed.count == 1 ? ValueDescription.literal(allowed[0]) : "one of \(ValueDescription.list(allowed))"
            let error = ValidationError(
                instanceLocation: discriminator.location, keywordLocation: context.keywordLocation(keyword),
                keyword: keyword, message: "expected \(expectation), got \(discriminator.found)"
            )
            context.errors.append(
                ErrorRecord(
                    error: error, allowedValues: allowed, allowedTypes: nil, missingProperty: nil, found: discriminator.found
                ))
            return
        }
        let plausible = candidates.filter { errors in !errors.contains { $0.allowedValues != nil } }
        if plausible.count == 1, !plausible[0].isEmpty {
            context.errors.append(contentsOf: plausible[0])
            return
        }
        if let message = missingPropertiesMessage(candidates, at: here) {
            fail(&context, frame, keyword: keyword, instance, message, valueLevel: false)
            return
        }
        fail(&context, frame, keyword: keyword, instance, "does not match any of the allowed forms")
    }

    /// Runs one branch collecting its errors, and takes them back out of the context.
    private func branchErrors(
        _ child: Int, under tokens: [PathToken], _ instance: JSONValue, _ context: inout EvaluationContext
    ) -> [ErrorRecord] {
        let mark = context.errors.count
        context.keywordPath.append(contentsOf: tokens)
        var none: EvaluatedLocations?
        _ = evaluate(child, instance, &context, &none)
        context.keywordPath.removeLast(tokens.count)
        let errors = Array(context.errors[mark...])
        context.errors.removeSubrange(mark...)
        return errors
    }

    /// A location where every branch failed a `const`/`enum`, with all accepted values there.
    private func commonDiscriminator(
        _ branches: [[ErrorRecord]]
    ) -> (location: JSONPointer, allowed: [JSONValue], found: String)? {
        guard let first = branches.first else { return nil }
        for candidate in first where candidate.allowedValues != nil {
            let location = candidate.error.instanceLocation
            var allowed: [JSONValue] = []
            var everyBranch = true
            for errors in branches {
                guard let record = errors.first(where: { $0.allowedValues != nil && $0.error.instanceLocation == location }) else {
                    everyBranch = false
                    break
                }
                for value in record.allowedValues ?? [] where !allowed.contains(value) {
                    allowed.append(value)
                }
            }
            if everyBranch {
                return (location, allowed, candidate.found)
            }
        }
        return nil
    }

    /// When every branch misses the same required property of this object: that property.
    /// When each branch fails only because of missing properties: the alternatives.
    private func missingPropertiesMessage(_ branches: [[ErrorRecord]], at location: JSONPointer) -> String? {
        let missingPerBranch = branches.map { errors in
            errors.filter { $0.error.instanceLocation == location }.compactMap(\.missingProperty)
        }
        guard let first = missingPerBranch.first else { return nil }
        if let shared = first.first(where: { name in missingPerBranch.allSatisfy { $0.contains(name) } }) {
            return "missing required property \(ValueDescription.quoted(shared))"
        }
        let onlyMissing = branches.allSatisfy { errors in
            !errors.isEmpty && errors.allSatisfy { $0.missingProperty != nil && $0.error.instanceLocation == location }
        }
        guard onlyMissing else { return nil }
        var alternatives: [String] = []
        for missing in missingPerBranch {
            if let name = missing.first, !alternatives.contains(name) { alternatives.append(name) }
        }
        let names = alternatives.map(ValueDescription.quoted)
        let joined = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "") : names.joined()
        return "missing required property: expected one of \(joined)"
    }
}
