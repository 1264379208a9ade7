/// The bearer token that guards `POST /api/v1/endpoints/{name}/sync` (env `FILE_CONNECTOR_API_TOKEN`).
///
/// Compared in constant time, so response timing tells nothing about how much of a guess was right; never logged.
struct APIToken: Sendable {
    private let bytes: [UInt8]

    /// The token; nil or empty disables the trigger.
    init?(_ value: String?) {
        guard let value, !value.isEmpty else { return nil }
        bytes = Array(value.utf8)
    }

    /// Whether `header` is `Bearer <the token>`.
    func accepts(authorization header: String?) -> Bool {
        guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return false }
        let offered = Array(header.utf8.dropFirst(7))
        // Same work whatever the length or the first differing byte.
        var difference: UInt8 = offered.count == bytes.count ? 0 : 1
        for index in 0..<bytes.count {
            difference |= bytes[index] ^ (index < offered.count ? offered[index] : 0)
        }
        return difference == 0
    }
}
