import ConnectorProvider
import Foundation

/// A delta page as Graph sent it, with the next link it seems to name read first, without the items, so that the next
/// page can be asked for while this one's thousand items are decoded (a delta enumeration is sequential: each page
/// names the next). The guess costs a few hundred bytes read instead of a scan of the whole page; the links that
/// count are those of the decoded page, and a guess they do not confirm is dropped (see ``DeltaListing``).
struct DeltaPageBody: Sendable {
    /// The next link read without the items (``DriveItemReader/nextLinkHint(_:)``), if the body seems to name one.
    let nextLinkHint: String?
    private let url: String
    private let bytes: [UInt8]

    /// The body Graph answered `url` with.
    init(url: String, bytes: [UInt8]) {
        self.url = url
        self.bytes = bytes
        nextLinkHint = DriveItemReader.nextLinkHint(bytes)
    }

    /// The page, items decoded.
    /// - Throws: ``ProviderError`` (`invalidResponse`) when neither reader can read the body.
    func page() throws -> DriveItemPage {
        try ResponseBody.decode(DriveItemPage.self, from: bytes, reader: DriveItemReader.page) { detail in
            GraphAPI.unreadable(url, detail: detail)
        }
    }
}
