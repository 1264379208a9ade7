import ConnectorJSON
import ConnectorModel

/// Finds secret values written into a manifest: PEM blocks, `private_key` / `client_secret` /
/// token fields, bearer tokens, JWTs and Google keys, anywhere in the document.
///
/// The diagnostics describe what was found and never repeat the value.
public struct InlineSecretCheck: Sendable {
    /// Key names (lowercased, without `_` and `-`) whose values are secrets.
    static let secretKeys: Set<String> = [
        "privatekey", "clientsecret", "password", "passwd", "secret", "token", "accesstoken",
        "refreshtoken", "apikey", "authorization", "bearertoken", "idtoken", "privatekeyid",
    ]

    /// Creates the check.
    public init() {}

    /// One secret found: where, and what kind (never the value).
    public struct Finding: Sendable, Equatable {
        /// Where the secret is.
        public var pointer: JSONPointer
        /// What it looks like, in words.
        public var kind: String
    }

    /// Every secret in `document`.
    public func findings(in value: JSONValue) -> [Finding] {
        var findings: [Finding] = []
        visit(value, at: .root, into: &findings)
        return findings
    }

    /// Diagnostics for every secret in `document`.
    public func diagnostics(for document: ManifestDocument) -> [Diagnostic] {
        findings(in: document.value).map { finding in
            Diagnostic(
                at: document.location(of: finding.pointer), pointer: finding.pointer, code: "inline-secret",
                "this looks like an inline secret (\(finding.kind)); keep secrets out of manifests and reference them with fromEnv or fromFile (an endpoint's spec.credentials, a sink's spec.webhook.signingSecret)"
            )
        }
    }

    private func visit(_ value: JSONValue, at pointer: JSONPointer, into findings: inout [Finding]) {
        switch value {
        case .object(let object):
            for (key, member) in object {
                let memberPointer = pointer.appending(key)
                let normalized = key.lowercased().filter { $0 != "_" && $0 != "-" }
                if Self.secretKeys.contains(normalized), !Self.isEmpty(member) {
                    findings.append(Finding(pointer: memberPointer, kind: "a \(key) field with a value"))
                    continue
                }
                visit(member, at: memberPointer, into: &findings)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                visit(element, at: pointer.appending(index), into: &findings)
            }
        case .string(let text):
            if let kind = Self.secretKind(of: text) {
                findings.append(Finding(pointer: pointer, kind: kind))
            }
        default:
            break
        }
    }

    private static func isEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .string(let text): text.isEmpty
        default: false
        }
    }

    /// What kind of secret `text` looks like, or nil.
    static func secretKind(of text: String) -> String? {
        let bytes = text.utf8
        if contains(text, "-----BEGIN ") {
            return contains(text, "PRIVATE KEY") ? "a PEM private key" : "a PEM block"
        }
        if contains(text, "\"private_key\"") || contains(text, "\"client_secret\"") {
            return "a credential document pasted as a string"
        }
        if hasPrefixIgnoringCase(text, "bearer "), bytes.count > 10 { return "a bearer token" }
        if hasPrefixIgnoringCase(text, "basic "), bytes.count > 10 { return "an HTTP Basic credential" }
        if text.hasPrefix("ya29.") { return "a Google OAuth access token" }
        if text.hasPrefix("whsec_"), bytes.count > 12 { return "a Standard Webhooks signing secret" }
        if text.hasPrefix("AIza"), text.count == 39 { return "a Google API key" }
        if isJWT(text) { return "a JSON Web Token" }
        return nil
    }

    /// Byte-wise substring search: every string of every manifest goes through here, so it avoids
    /// the generic (and far slower) `Collection.firstRange(of:)`.
    private static func contains(_ text: String, _ needle: StaticString) -> Bool {
        var text = text
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        return text.withUTF8 { haystack in
            guard let first = pattern.first, haystack.count >= pattern.count else { return false }
            var index = 0
            let last = haystack.count - pattern.count
            while index <= last {
                if haystack[index] == first {
                    var matched = 1
                    while matched < pattern.count, haystack[index + matched] == pattern[matched] { matched += 1 }
                    if matched == pattern.count { return true }
                }
                index += 1
            }
            return false
        }
    }

    private static func hasPrefixIgnoringCase(_ text: String, _ prefix: String) -> Bool {
        guard text.utf8.count >= prefix.utf8.count else { return false }
        return zip(text.utf8, prefix.utf8).allSatisfy { a, b in a | 0x20 == b | 0x20 }
    }

    private static func isJWT(_ text: String) -> Bool {
        guard text.hasPrefix("eyJ") else { return false }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].hasPrefix("eyJ") else { return false }
        return parts.allSatisfy { part in
            part.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "=")
            }
        }
    }
}
