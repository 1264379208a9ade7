/// An int64 that Google sends as a JSON string (`"size": "482133"`, its JSON mapping of int64) or, from some
/// servers, as a number (`"expires_in": 3599`).
struct FlexibleInt64: Decodable, Sendable, Hashable {
    /// The value.
    let value: Int64

    init(_ value: Int64) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self), let number = Int64(text) {
            value = number
        } else {
            value = try container.decode(Int64.self)
        }
    }
}
