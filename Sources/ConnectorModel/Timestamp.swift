import Foundation

/// RFC 3339 timestamps in UTC, as plans, tables, JSON output and the SQLite store write them.
public enum Timestamp {
    /// `2026-11-29T01:27:05Z`.
    public static func rfc3339(_ date: Date) -> String {
        date.ISO8601Format()
    }

    /// `2026-11-29T01:27:05.123Z`: millisecond precision, sortable as text.
    public static func rfc3339Milliseconds(_ date: Date) -> String {
        date.ISO8601Format(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Parses either form (and offsets other than Z); nil when the text is not RFC 3339.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
