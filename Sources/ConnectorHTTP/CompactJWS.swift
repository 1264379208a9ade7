import ConnectorJSON
import Foundation

/// The compact serialization of a signed JWT (RFC 7515 §7.1): `base64url(header).base64url(claims).base64url(sig)`,
/// as the assertions of OAuth grants use it (a Google service account's, an Entra app's certificate).
public enum CompactJWS {
    /// Serializes `header` and `claims` (compact, keys sorted by their bytes, slashes unescaped) and signs the signing
    /// input with `sign`.
    ///
    /// The project's own JSON writer, not Foundation's `JSONSerialization`: sorting keys there compares them in a
    /// locale, which loaded ICU's locale and collation data (2.3 MiB resident) into every Drive sync for one token.
    /// - Parameters:
    ///   - header: The JOSE header (`alg`, `typ`, thumbprints).
    ///   - claims: The claims.
    ///   - sign: Signs the ASCII signing input `header.claims` and returns the raw signature.
    /// - Throws: The signing error.
    public static func serialize(header: JSONObject, claims: JSONObject, sign: (Data) throws -> Data) throws -> String {
        let headerPart = base64URL(Data(JSONValue.object(header).jsonString(sortedKeys: true).utf8))
        let claimsPart = base64URL(Data(JSONValue.object(claims).jsonString(sortedKeys: true).utf8))
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
