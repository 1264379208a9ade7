import Foundation

/// The compact serialization of a signed JWT (RFC 7515 §7.1): `base64url(header).base64url(claims).base64url(sig)`,
/// as the assertions of OAuth grants use it (a Google service account's, an Entra app's certificate).
public enum CompactJWS {
    /// Serializes `header` and `claims` (sorted keys, slashes unescaped) and signs the signing input with `sign`.
    /// - Parameters:
    ///   - header: The JOSE header (`alg`, `typ`, thumbprints).
    ///   - claims: The claims; values must be JSON-serializable.
    ///   - sign: Signs the ASCII signing input `header.claims` and returns the raw signature.
    /// - Throws: The serialization or signing error.
    public static func serialize(header: [String: String], claims: [String: Any], sign: (Data) throws -> Data) throws -> String {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        let headerPart = base64URL(try JSONSerialization.data(withJSONObject: header, options: options))
        let claimsPart = base64URL(try JSONSerialization.data(withJSONObject: claims, options: options))
        let signature = try sign(Data((headerPart + "." + claimsPart).utf8))
        return headerPart + "." + claimsPart + "." + base64URL(signature)
    }

    /// Unpadded base64url (RFC 4648 §5).
    public static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
