import ConnectorModel

/// Timestamps as the Data Management API writes them: UTC with seven fractional digits
/// (`2024-03-05T09:00:00.0000000Z`), from milliseconds since 1970.
enum FakeTime {
    /// `2024-03-05T09:00:00.1230000Z`.
    static func format(_ milliseconds: Int64) -> String {
        String(Timestamp.rfc3339Milliseconds(millisecondsSince1970: milliseconds).dropLast()) + "0000Z"
    }
}
