/// The `filter[<field>]-<op>=v1,v2` query parameters of a Data Management list request, evaluated as the
/// filtering guide describes: values of one filter are ORed, different filters ANDed, comparisons are
/// lexicographic and case-sensitive, and the `attributes.` / `meta.` prefixes may be left out.
struct FakeFilter: Sendable {
    enum Operation: String, Sendable {
        case eq, lt, le, ge, gt, starts, ends, contains
    }

    struct Clause: Sendable {
        var field: String
        var operation: Operation
        var values: [String]
    }

    /// The clauses in query order.
    var clauses: [Clause] = []

    /// Parses the filters among `query`; nil with the offending key when an operator is unknown.
    static func parse(_ query: [(String, String)]) -> Result<FakeFilter, FakeFilterError> {
        var filter = FakeFilter()
        for (key, value) in query where key.hasPrefix("filter[") {
            guard let close = key.firstIndex(of: "]") else { return .failure(FakeFilterError(key: key)) }
            var field = String(key[key.index(key.startIndex, offsetBy: 7)..<close])
            for prefix in ["attributes.", "meta."] where field.hasPrefix(prefix) { field.removeFirst(prefix.count) }
            let rest = key[key.index(after: close)...]
            var operation = Operation.eq
            if !rest.isEmpty {
                guard rest.hasPrefix("-"), let parsed = Operation(rawValue: String(rest.dropFirst())) else {
                    return .failure(FakeFilterError(key: key))
                }
                operation = parsed
            }
            let values = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            filter.clauses.append(Clause(field: field, operation: operation, values: values))
        }
        return .success(filter)
    }

    /// Whether a filter on `hidden` was given (which shows hidden entries as `includeHidden` does).
    var mentionsHidden: Bool { clauses.contains { $0.field == "hidden" } }

    /// Whether an entry whose fields are read by `value` passes every clause; a missing field fails its clause.
    func accepts(_ value: (String) -> String?) -> Bool {
        for clause in clauses {
            guard let actual = value(clause.field) else { return false }
            if !clause.values.contains(where: { Self.compare(actual, clause.operation, $0) }) { return false }
        }
        return true
    }

    private static func compare(_ actual: String, _ operation: Operation, _ expected: String) -> Bool {
        switch operation {
        case .eq: actual == expected
        case .lt: actual < expected
        case .le: actual <= expected
        case .ge: actual >= expected
        case .gt: actual > expected
        case .starts: actual.hasPrefix(expected)
        case .ends: actual.hasSuffix(expected)
        case .contains: actual.contains(expected)
        }
    }
}

/// A filter parameter the fake does not understand (answered with 400 BAD_INPUT).
struct FakeFilterError: Error, Sendable {
    var key: String
}
