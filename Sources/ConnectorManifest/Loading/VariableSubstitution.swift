/// Replaces `${NAME}` and `${NAME:-default}` in manifest strings from the environment,
/// as Flux's post-build substitution does; `$${` stands for a literal `${`.
///
/// An unset variable without a default is an error rather than an empty string, so a typo in CI
/// cannot silently point an endpoint somewhere else.
public struct VariableSubstitution: Sendable {
    /// The variables available, usually the process environment.
    public var environment: [String: String]

    /// Creates a substitution over `environment`.
    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// Why a string could not be substituted.
    public struct Failure: Error, Equatable, Sendable {
        /// Plain words, naming the variable.
        public var message: String
    }

    /// True when `text` contains something to substitute or an escape to undo.
    public static func mayApply(to text: String) -> Bool {
        // Every scalar of every manifest passes here: a byte scan, not Foundation's `contains` (a bridge to NSString).
        var afterDollar = false
        for byte in text.utf8 {
            if afterDollar && byte == UInt8(ascii: "{") { return true }
            afterDollar = byte == UInt8(ascii: "$")
        }
        return false
    }

    /// The text with every reference replaced.
    public func apply(to text: String) -> Result<String, Failure> {
        guard Self.mayApply(to: text) else { return .success(text) }
        var output = ""
        var rest = text[...]
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let afterDollar = rest[rest.index(after: dollar)...]
            if afterDollar.hasPrefix("${") {
                output += "${"
                rest = afterDollar.dropFirst(2)
                continue
            }
            guard afterDollar.hasPrefix("{") else {
                output += "$"
                rest = afterDollar
                continue
            }
            let body = afterDollar.dropFirst()
            guard let close = body.firstIndex(of: "}") else {
                return .failure(Failure(message: "unterminated ${ in \"\(text)\": expected ${NAME} or ${NAME:-default}"))
            }
            let reference = body[..<close]
            let name: Substring
            let fallback: Substring?
            if let separator = reference.range(of: ":-") {
                name = reference[..<separator.lowerBound]
                fallback = reference[separator.upperBound...]
            } else {
                name = reference
                fallback = nil
            }
            guard Self.isVariableName(name) else {
                return .failure(
                    Failure(
                        message:
                            "\"${\(reference)}\" is not a variable reference: expected ${NAME} or ${NAME:-default} with NAME of letters, digits and _"
                    ))
            }
            if let value = environment[String(name)], !(value.isEmpty && fallback != nil) {
                output += value
            } else if let fallback {
                output += fallback
            } else {
                return .failure(Failure(message: "environment variable \(name) is not set (write ${\(name):-default} to give a default)"))
            }
            rest = body[body.index(after: close)...]
        }
        output += rest
        return .success(output)
    }

    private static func isVariableName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
