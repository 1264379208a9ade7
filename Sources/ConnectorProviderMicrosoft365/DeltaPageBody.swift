import ConnectorProvider
import Foundation

/// A delta page as Graph sent it: its links are read first, by a scan that skips the items, so that the next page can
/// be asked for while this one's thousand items are decoded (a delta enumeration is sequential: each page names the
/// next). A body the scan cannot read is decoded whole at once, and its links come from that.
struct DeltaPageBody: Sendable {
    /// What the scan reads.
    struct Links: Sendable, Equatable {
        var nextLink: String?
        var deltaLink: String?
        /// Whether `value` holds any item (the page guard counts empty pages in a row).
        var hasItems = false
    }

    let links: Links
    private let url: String
    private let bytes: [UInt8]
    private let decoded: DriveItemPage?

    /// Reads the links of `bytes`, the body Graph answered `url` with.
    /// - Throws: ``ProviderError`` (`invalidResponse`) when neither reader can read the body.
    init(url: String, bytes: [UInt8]) throws {
        self.url = url
        if let links = try? DriveItemReader.links(bytes) {
            self.links = links
            self.bytes = bytes
            decoded = nil
        } else {
            let page = try Self.decode(bytes, url: url)
            links = Links(nextLink: page.nextLink, deltaLink: page.deltaLink, hasItems: !page.value.isEmpty)
            self.bytes = []
            decoded = page
        }
    }

    /// The page, items decoded.
    /// - Throws: ``ProviderError`` (`invalidResponse`) when neither reader can read the body.
    func page() throws -> DriveItemPage {
        if let decoded { return decoded }
        return try Self.decode(bytes, url: url)
    }

    private static func decode(_ bytes: [UInt8], url: String) throws -> DriveItemPage {
        try ResponseBody.decode(DriveItemPage.self, from: bytes, reader: DriveItemReader.page) { detail in
            GraphAPI.unreadable(url, detail: detail)
        }
    }
}
