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
        buffer.reserveCapacity(256)
        func add(_ text: String?) {
            if let text { buffer.append(contentsOf: text.utf8) } else { buffer.append(0) }
            buffer.append(0x1F)
        }
        func add(_ map: [String: String]) {
            for key in map.keys.sorted() {
                buffer.append(contentsOf: key.utf8)
                buffer.append(0x3D)
                buffer.append(contentsOf: (map[key] ?? "").utf8)
                buffer.append(0x1E)
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
            buffer.append(contentsOf: parent.utf8)
            buffer.append(0x1E)
        }
        buffer.append(0x1F)
        add(file.extras)
        return SHA256.hash(data: buffer).withUnsafeBytes { hexEncoded(UnsafeRawBufferPointer(rebasing: $0.prefix(16))) }
    }
}
