import ConnectorModel
import Foundation

extension FileMetadata {
    /// The fields whose values differ from `old`'s, by the names a file's record has in JSON (``CatalogJSON/file(_:)``;
    /// `exportLinks`, `parents` and `extras` for the parts the record does not show), in that order. Times compare to
    /// the whole millisecond, as the stores keep them.
    public func changedFields(since old: FileMetadata) -> [String] {
        func time(_ date: Date?) -> Date? { date.map(Timestamp.wholeMilliseconds) }
        var changed: [String] = []
        if name != old.name { changed.append("name") }
        if path != old.path { changed.append("path") }
        if mimeType != old.mimeType { changed.append("mimeType") }
        if size != old.size { changed.append("size") }
        if checksums != old.checksums { changed.append("checksums") }
        if time(createdAt) != time(old.createdAt) { changed.append("createdAt") }
        if time(modifiedAt) != time(old.modifiedAt) { changed.append("modifiedAt") }
        if version != old.version { changed.append("version") }
        if webLink != old.webLink { changed.append("webLink") }
        if exportLinks != old.exportLinks { changed.append("exportLinks") }
        if parents != old.parents { changed.append("parents") }
        if extras != old.extras { changed.append("extras") }
        return changed
    }
}
