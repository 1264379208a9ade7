import Crypto
import Foundation

/// A sink's signing secret, as Standard Webhooks writes it: `whsec_` and the key's bytes in base64 (at least 24
/// bytes; receivers use the same string with the specification's libraries). It never prints itself.
public struct WebhookSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The HMAC key.
    let key: SymmetricKey

    /// The fewest key bytes accepted (Standard Webhooks asks for 24 to 64).
    public static let shortestKey = 24

    /// Reads `whsec_<base64>`.
    /// - Throws: ``WebhookSecretError`` saying what the value should look like (never echoing it).
    public init(encoded: String) throws(WebhookSecretError) {
        let text = encoded.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("whsec_") else { throw WebhookSecretError("does not begin with whsec_") }
        guard let bytes = Data(base64Encoded: String(text.dropFirst(6))) else {
            throw WebhookSecretError("is not whsec_ followed by base64")
        }
        guard bytes.count >= Self.shortestKey, bytes.count <= 64 else {
            throw WebhookSecretError("holds \(bytes.count) key bytes; Standard Webhooks keys are 24 to 64")
        }
        key = SymmetricKey(data: bytes)
    }

    /// A new random secret of 32 bytes, in its `whsec_` form.
    public static func generate() -> String {
        "whsec_" + SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    public var description: String { "whsec_(redacted)" }
    public var debugDescription: String { description }
}

/// Why a signing secret could not be used; it never contains the secret.
public struct WebhookSecretError: Error, Sendable, CustomStringConvertible {
    /// What is wrong with it.
    public var message: String

    init(_ message: String) { self.message = message }

    public var description: String { "the signing secret \(message)" }
}
