import ConnectorProvider
import ConnectorStore
import Crypto
import Foundation

extension CatalogFile {
    /// The catalog record of a provider's file, with its content hash; times are set by the store.
    init(_ file: ProviderFile, endpoint: String, seenAt: Date) {
        self.init(
            endpoint: endpoint, fileID: file.id, name: file.name, path: file.path, mimeType: file.mimeType,
            size: file.size, checksums: file.checksums, createdAt: file.createdAt, modifiedAt: file.modifiedAt,
            version: file.version, webLink: file.webLink, exportLinks: file.exportLinks, parents: file.parents,
            extras: file.extras, state: "present", firstSeenAt: seenAt, lastSeenAt: seenAt,
            contentHash: Self.contentHash(of: file))
    }

    /// SHA-256 over every field the provider reports, in a fixed order with separators; stable across runs and versions.
    static func contentHash(of file: ProviderFile) -> String {
        var hasher = SHA256()
        func add(_ text: String?) {
            hasher.update(data: Data((text ?? "\u{0}").utf8))
            hasher.update(data: Data([0x1F]))
        }
        add(file.name)
        add(file.path)
        add(file.mimeType)
        add(file.size.map(String.init))
        add(file.checksums.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
        add(file.createdAt.map { String($0.timeIntervalSince1970) })
        add(file.modifiedAt.map { String($0.timeIntervalSince1970) })
        add(file.version)
        add(file.webLink)
        add(file.exportLinks.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
        add(file.parents.joined(separator: ","))
        add(file.extras)
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        for byte in hasher.finalize().prefix(16) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
