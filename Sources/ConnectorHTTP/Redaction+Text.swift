extension Redaction {
    /// The text with anything that looks like a credential replaced by ``placeholder``.
    ///
    /// Covers `Bearer …` and `Basic …` credentials, JWT-shaped strings (`eyJ….….…`), Google access tokens (`ya29.…`)
    /// and refresh tokens (`1//…`), PEM private keys, `key=value` pairs and JSON members whose key names a secret
    /// (`access_token`, `client_secret`, `private_key`, …).
    /// - Parameter text: Free text such as an error message or a response excerpt.
    public static func text(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        var result = text
        result = result.replacing(
            /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/
        ) { _ in placeholder }
        result = result.replacing(
            #/
            (?i)
            ("(?:access_token|refresh_token|id_token|token|client_secret|private_key|password|assertion)" \s* : \s*)
            "(?:[^"\\]|\\.)*"
            /#
        ) { match in
            "\(match.output.1)\"\(placeholder)\""
        }
        result = result.replacing(
            #/
            (?i) \b
            ((?:access_token|refresh_token|id_token|token|client_secret|password|api_key|apikey|key|signature|sig|code|assertion)=)
            [^&\s"',;]+
            /#
        ) { match in
            "\(match.output.1)\(placeholder)"
        }
        result = result.replacing(/(?i)\b(bearer|basic)(\s+)[A-Za-z0-9._~+\/=-]+/) { match in
            "\(match.output.1)\(match.output.2)\(placeholder)"
        }
        result = result.replacing(/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)?/) { _ in placeholder }
        result = result.replacing(/ya29\.[A-Za-z0-9._-]+/) { _ in placeholder }
        result = result.replacing(/\b1\/\/[A-Za-z0-9._-]{8,}/) { _ in placeholder }
        return result
    }
}
