import Foundation

/// Reads a provider's JSON response body: with the provider's hand-written reader first when it has one for this
/// shape, else (or when that reader gives up) with `JSONDecoder`. A body neither can read is a ``ProviderError``
/// (``ProviderError/Code/invalidResponse``) that says where it failed and never quotes the body.
public enum ResponseBody {
    /// Decodes `body` as `Value`.
    /// - Parameters:
    ///   - type: The shape expected.
    ///   - body: The response body.
    ///   - reader: A faster reader of the same shape, if the provider has one.
    ///   - unreadable: The error message, given where decoding failed ("at files[2].size: expected Int64").
    /// - Throws: ``ProviderError`` with code `invalidResponse`.
    public static func decode<Value: Decodable>(
        _ type: Value.Type, from body: [UInt8], reader: (([UInt8]) throws -> Value)? = nil, unreadable: (String) -> String
    ) throws -> Value {
        if let reader, let value = try? reader(body) { return value }
        do {
            return try JSONDecoder().decode(Value.self, from: Data(body))
        } catch {
            let detail = (error as? DecodingError)?.locatedDescription ?? "unreadable"
            throw ProviderError(.invalidResponse, unreadable(detail))
        }
    }
}
