/// A time zone name that is not an accepted IANA name, with close matches to suggest.
public struct UnknownTimeZoneError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The name as given.
    public var name: String
    /// Accepted names close to ``name``, best first; at most three, possibly none.
    public var suggestions: [String]

    /// Creates an error for `name`.
    public init(name: String, suggestions: [String]) {
        self.name = name
        self.suggestions = suggestions
    }

    /// The plain-words message, e.g. `unknown time zone "Europe/Berln"; did you mean "Europe/Berlin"?`
    public var message: String {
        var text = "unknown time zone \(name.quotedForMessage)"
        if Self.looksLikeAbbreviation(name) {
            text += " (abbreviations are ambiguous)"
        }
        let quoted = suggestions.map(\.quotedForMessage)
        if quoted.isEmpty {
            return text + "; expected an IANA name such as \"Europe/Berlin\" or \"UTC\""
        }
        return text + "; did you mean \(CronExpression.naturalList(quoted, conjunction: "or"))?"
    }

    /// The plain-words message.
    public var description: String { message }

    /// "CEST", "EST", "PST": two to five capital letters.
    private static func looksLikeAbbreviation(_ name: String) -> Bool {
        (2...5).contains(name.count) && name.allSatisfy { $0.isASCII && $0.isUppercase }
    }
}
