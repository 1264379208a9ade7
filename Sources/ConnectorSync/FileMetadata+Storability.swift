import ConnectorModel
import ConnectorProvider
import Foundation

extension FileMetadata {
    /// Why the catalog cannot keep this file as the provider described it, or nil when it can: an empty id, or a NUL
    /// character in any text (PostgreSQL's text type cannot hold one, and SQLite's readers stop at it). Such a
    /// file is skipped with this reason in the run's problems, never stored cut short.
    var unstorableReason: String? {
        if id.isEmpty { return "a file without an id (\(Self.displayed(path))) was skipped" }
        guard containsNUL else { return nil }
        return
            "file \(Self.displayed(id)) at \(Self.displayed(path)) was skipped: its metadata contains a NUL character, which the catalog cannot store"
    }

    /// Whether any text of the metadata holds a NUL; checked field by field without gathering them (it runs for every
    /// file of every sync).
    private var containsNUL: Bool {
        Self.containsNUL(id) || Self.containsNUL(name) || Self.containsNUL(path) || Self.containsNUL(mimeType)
            || Self.containsNUL(version) || Self.containsNUL(webLink) || Self.containsNUL(extras)
            || parents.contains(where: Self.containsNUL)
            || checksums.contains { Self.containsNUL($0.key) || Self.containsNUL($0.value) }
            || exportLinks.contains { Self.containsNUL($0.key) || Self.containsNUL($0.value) }
    }

    private static func containsNUL(_ text: String?) -> Bool {
        text.map(containsNUL) ?? false
    }

    private static func containsNUL(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let start = bytes.baseAddress else { return false }
            return memchr(start, 0, bytes.count) != nil
        } ?? text.utf8.contains(0)
    }

    /// Text for a problem message: quoted, with control characters and NUL escaped, and at most 200 characters.
    static func displayed(_ text: String) -> String {
        let quoted = text.debugDescription
        return quoted.count > 200 ? String(quoted.prefix(199)) + "…\"" : quoted
    }
}
