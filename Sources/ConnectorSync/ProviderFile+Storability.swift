import ConnectorModel
import ConnectorProvider

extension ProviderFile {
    /// Why the catalog cannot keep this file as the provider described it, or nil when it can: an empty id, or a NUL
    /// character in any text (PostgreSQL's text type cannot hold one, and SQLite's readers stop at it). Such a
    /// file is skipped with this reason in the run's problems, never stored cut short.
    var unstorableReason: String? {
        if id.isEmpty { return "a file without an id (\(Self.displayed(path))) was skipped" }
        let texts = [id, name, path, mimeType ?? "", version ?? "", webLink ?? "", extras ?? ""] + parents
            + checksums.flatMap { [$0.key, $0.value] } + exportLinks.flatMap { [$0.key, $0.value] }
        guard texts.contains(where: { $0.utf8.contains(0) }) else { return nil }
        return "file \(Self.displayed(id)) at \(Self.displayed(path)) was skipped: its metadata contains a NUL character, which the catalog cannot store"
    }

    /// Text for a problem message: quoted, with control characters and NUL escaped, and at most 200 characters.
    static func displayed(_ text: String) -> String {
        let quoted = text.debugDescription
        return quoted.count > 200 ? String(quoted.prefix(199)) + "…\"" : quoted
    }
}
