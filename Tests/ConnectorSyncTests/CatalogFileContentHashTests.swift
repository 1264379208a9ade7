import ConnectorModel
import ConnectorStore
import Foundation
import Testing

@testable import ConnectorSync

/// A file's content hash is stored with its row and compared on every later sync: it must not change between
/// versions, or every stored file would count as updated once. These are the values the releases before this one
/// computed and stored.
@Suite struct CatalogFileContentHashTests {
    static let full = FileMetadata(
        id: "1AbC-dEf_ghIJklMNopQRstuVWxyz0123", name: "Plan \"B\" é.pdf", path: "Projects/Plan \"B\" é.pdf",
        mimeType: "application/pdf", size: 482_133, checksums: ["sha256": "ab", "md5": "cd", "quickXorHash": "ef=="],
        createdAt: Date(timeIntervalSince1970: 1_709_287_200.125), modifiedAt: Date(timeIntervalSince1970: 1_709_287_260),
        version: "17", webLink: "https://drive.google.com/file/d/1AbC/view",
        exportLinks: ["text/plain": "https://x/plain", "application/pdf": "https://x/pdf"], parents: ["p1", "p2"],
        extras: #"{"eTag":"\"{1},2\""}"#)

    @Test func theContentHashIsTheOneEarlierVersionsStored() {
        #expect(CatalogFile.contentHash(of: Self.full) == "b1298b82186f626bbe86c6cf99a10f0a")
        #expect(CatalogFile.contentHash(of: FileMetadata(id: "x", name: "x", path: "x")) == "0584ae39cb70df246750092176e4e99b")
        var one = Self.full
        one.checksums = ["md5": "cd"]
        one.exportLinks = [:]
        one.parents = []
        one.extras = nil
        one.createdAt = nil
        #expect(CatalogFile.contentHash(of: one) == "64411ba36f06e31b1d0d1fc76f7a85c3")
    }
}
