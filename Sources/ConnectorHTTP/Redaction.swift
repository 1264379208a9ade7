/// Removes secrets from headers, URLs and free text before they reach a log line or an error description.
///
/// Every log line and every ``HTTPError`` this module produces passes through these functions; providers should use
/// them too when they log anything derived from a request or response.
public enum Redaction {
    /// The text that replaces a secret value.
    public static let placeholder = "<redacted>"

    /// Header names whose values are always secret (compared case-insensitively).
    public static let sensitiveHeaderNames: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-goog-api-key",
        "x-amz-security-token",
    ]

    /// Query keys whose values are secret (compared case-insensitively after percent-decoding).
    public static let sensitiveQueryKeys: Set<String> = [
        "access_token", "refresh_token", "id_token", "token", "key", "api_key", "apikey", "signature", "sig", "code",
        "client_secret", "password", "assertion", "x-amz-signature", "x-amz-credential", "x-amz-security-token",
    ]

    /// Whether the header `name` carries a secret.
    /// - Parameter name: A header name in any case.
    public static func isSensitiveHeader(_ name: String) -> Bool {
        sensitiveHeaderNames.contains(name.lowercased())
    }

    /// Whether the query parameter `key` carries a secret: a listed key, or one ending in `_token`, `secret`,
    /// `signature` or `password` (so `pageToken` stays readable while `upload_token` does not).
    /// - Parameter key: A query key, percent-encoded or not.
    public static func isSensitiveQueryKey(_ key: String) -> Bool {
        let lowered = (key.removingPercentEncodingLeniently()).lowercased()
        if sensitiveQueryKeys.contains(lowered) { return true }
        return ["_token", "secret", "signature", "password"].contains { lowered.hasSuffix($0) }
    }

    /// The headers with every sensitive value replaced by ``placeholder``.
    /// - Parameter headers: Headers in order.
    public static func headers(_ headers: [(String, String)]) -> [(String, String)] {
        headers.map { isSensitiveHeader($0.0) ? ($0.0, placeholder) : $0 }
    }

    /// The URL with user information and sensitive query values replaced by ``placeholder``.
    ///
    /// `https://u:p@host/a?access_token=x&q=1` becomes `https://<redacted>@host/a?access_token=<redacted>&q=1`.
    /// - Parameter url: An absolute or relative URL.
    public static func url(_ url: String) -> String {
        var rest = Substring(url)
        var fragment: Substring?
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var result = redactUserInfo(String(rest))
        if let query {
            result += "?" + redactQuery(query)
        }
        if fragment != nil {
            result += "#" + placeholder
        }
        return result
    }

    /// The query string (without `?`) with sensitive values replaced by ``placeholder``.
    /// - Parameter query: A query such as `a=1&access_token=x`.
    public static func redactQuery(_ query: Substring) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let key = pair[..<equals]
            return isSensitiveQueryKey(String(key)) ? "\(key)=\(placeholder)" : String(pair)
        }.joined(separator: "&")
    }

    private static func redactUserInfo(_ base: String) -> String {
        guard let schemeEnd = base.range(of: "://") else { return base }
        let authorityStart = schemeEnd.upperBound
        let authorityEnd = base[authorityStart...].firstIndex(of: "/") ?? base.endIndex
        guard let at = base[authorityStart..<authorityEnd].lastIndex(of: "@") else { return base }
        return String(base[..<authorityStart]) + placeholder + String(base[at...])
    }
}

extension String {
    /// Percent-decodes the string, keeping it unchanged when it is not valid percent-encoding.
    func removingPercentEncodingLeniently() -> String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { return self }
            bytes.append(value)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
