import ConnectorModel
import ConnectorProvider
import ConnectorStore
import Crypto
import Foundation

extension CatalogFile {
    /// The catalog record of a file a provider reported, with its content hash; times are set by the store. The one
    /// place a file's metadata becomes a catalog record.
    init(_ file: FileMetadata, endpoint: String, seenAt: Date) {
        self.init(
            endpoint: endpoint, metadata: file, firstSeenAt: seenAt, lastSeenAt: seenAt, contentHash: Self.contentHash(of: file))
    }

    /// SHA-256 over every field the provider reports, in a fixed order with separators; stable across
    /// runs and versions. Built in one buffer: it runs for every file of every sync.
    static func contentHash(of file: FileMetadata) -> String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(512)
        func append(_ text: String) {
            if text.utf8.withContiguousStorageIfAvailable({ buffer.append(contentsOf: $0) }) == nil { buffer.append(contentsOf: text.utf8) }
        }
        func add(_ text: String?) {
            if let text { append(text) } else { buffer.append(0) }
            buffer.append(0x1F)
        }
        func add(_ map: [String: String]) {
            // By key; a map of one (most checksums) needs no sorting.
            if map.count == 1, let (key, value) = map.first {
                append(key)
                buffer.append(0x3D)
                append(value)
                buffer.append(0x1E)
            } else if !map.isEmpty {
                for (key, value) in map.sorted(by: { $0.key < $1.key }) {
                    append(key)
                    buffer.append(0x3D)
                    append(value)
                    buffer.append(0x1E)
                }
            }
            buffer.append(0x1F)
        }
        add(file.name)
        add(file.path)
        add(file.mimeType)
        add(file.size.map { String($0) })
        add(file.checksums)
        add(file.createdAt.map { String($0.timeIntervalSince1970) })
        add(file.modifiedAt.map { String($0.timeIntervalSince1970) })
        add(file.version)
        add(file.webLink)
        add(file.exportLinks)
        for parent in file.parents {
            append(parent)
            buffer.append(0x1E)
        }
        buffer.append(0x1F)
        add(file.extras)
        var hasher = SHA256()
        buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes { hexEncoded(UnsafeRawBufferPointer(rebasing: $0.prefix(16))) }
    }
}
