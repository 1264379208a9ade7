import Foundation

/// Percent-encoding for the URLs and forms the provider builds (links Graph returns are called verbatim).
enum GraphURL {
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    /// Path segments may keep `!`, `,` and `'` (drive ids start with `b!`; site ids hold commas).
    private static let segment = unreserved.union(CharacterSet(charactersIn: "!,'()*@"))

    /// One path segment, escaped.
    static func escapedSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: segment) ?? text
    }

    /// A path of segments (`Drawings/2024`), each escaped, joined with `/`.
    static func escapedPath(_ segments: [String]) -> String {
        segments.map(escapedSegment).joined(separator: "/")
    }

    /// A form field or query value, escaped (`application/x-www-form-urlencoded` without `+` for spaces).
    static func formEscaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
