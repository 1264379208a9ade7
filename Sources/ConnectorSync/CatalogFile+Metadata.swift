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
        var input = ContentHashInput()
        input.add(file.name)
        input.add(file.path)
        input.add(file.mimeType)
        input.add(file.size.map { String($0) })
        input.add(file.checksums)
        input.add(file.createdAt.map { String($0.timeIntervalSince1970) })
        input.add(file.modifiedAt.map { String($0.timeIntervalSince1970) })
        input.add(file.version)
        input.add(file.webLink)
        input.add(file.exportLinks)
        for parent in file.parents {
            input.append(parent)
            input.bytes.append(0x1E)
        }
        input.bytes.append(0x1F)
        input.add(file.extras)
        var hasher = SHA256()
        input.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes { hexEncoded(UnsafeRawBufferPointer(rebasing: $0.prefix(16))) }
    }
}

/// The bytes a content hash is taken over: fields ended by 0x1F (nil as one 0x00), map entries `key=value` ended by
/// 0x1E in key order. (A struct rather than closures over a local buffer: a captured buffer is checked for exclusive
/// access at run time on every append.)
private struct ContentHashInput {
    var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(512)
    }

    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes.append(contentsOf: text.utf8) }
    }

    mutating func add(_ text: String?) {
        if let text { append(text) } else { bytes.append(0) }
        bytes.append(0x1F)
    }

    mutating func add(_ map: [String: String]) {
        // Most maps are checksums of one or two entries: those are put in key order without sorting an array.
        switch map.count {
        case 0:
            break
        case 1:
            for (key, value) in map { entry(key, value) }
        case 2:
            var entries = map.makeIterator()
            if let first = entries.next(), let second = entries.next() {
                let (low, high) = first.key < second.key ? (first, second) : (second, first)
                entry(low.key, low.value)
                entry(high.key, high.value)
            }
        default:
            for (key, value) in map.sorted(by: { $0.key < $1.key }) { entry(key, value) }
        }
        bytes.append(0x1F)
    }

    private mutating func entry(_ key: String, _ value: String) {
        append(key)
        bytes.append(0x3D)
        append(value)
        bytes.append(0x1E)
    }
}
