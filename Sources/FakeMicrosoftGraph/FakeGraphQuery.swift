import ConnectorHTTPTestSupport

/// The OData query options of a Graph request, and the raw ones links must carry on.
struct FakeGraphQuery {
    /// `$select` as sent, split on commas; nil when absent.
    var select: [String]?
    /// `$top`, if sent and a number.
    var top: Int?
    /// Whether `$top` was sent but is not a positive number.
    var badTop = false
    /// `token`, from `?token=` or `?(token='…')`.
    var token: String?
    /// `$skiptoken`.
    var skipToken: String?
    /// The raw `key=value` parts of the query other than `token`, `$skiptoken` and the `(token='…')` form, in order:
    /// what `@odata.nextLink`/`@odata.deltaLink` keep.
    var carried: [String] = []

    init(_ request: RecordedRequest) {
        guard let query = request.query else { return }
        for part in query.split(separator: "&") {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = (String(pieces[0]).removingPercentEncoding ?? String(pieces[0]))
            let value = pieces.count > 1 ? (String(pieces[1]).removingPercentEncoding ?? String(pieces[1])) : ""
            switch key {
            case "token": token = value
            case "$skiptoken", "$skipToken": skipToken = value
            case "$select":
                select = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                carried.append(String(part))
            case "$top":
                if let number = Int(value), number > 0 { top = number } else { badTop = true }
                carried.append(String(part))
            default:
                if key.hasPrefix("(token=") {
                    var text = Substring(key.dropFirst("(token=".count))
                    if text.hasSuffix(")") { text = text.dropLast() }
                    if text.hasPrefix("'"), text.hasSuffix("'"), text.count >= 2 { text = text.dropFirst().dropLast() }
                    token = String(text)
                } else {
                    carried.append(String(part))
                }
            }
        }
    }

    /// The carried options, `&`-joined (empty when none).
    var carriedText: String { carried.joined(separator: "&") }

    /// `$select` carried as-is, alone (for a `Location` header's fresh enumeration).
    var selectOnly: String { carried.filter { $0.hasPrefix("$select=") || $0.hasPrefix("%24select=") }.joined(separator: "&") }
}
