import ConnectorModel
import ConnectorProvider
import ConnectorStore
import ConnectorTestSupport
import Foundation
import Testing

@testable import ConnectorSync

/// File names and metadata a hostile or careless provider may send, through the whole engine into both stores:
/// every name that a store can hold comes back byte for byte (the SQL is parameterised everywhere); a NUL, which
/// neither store can hold whole, makes the file skipped with a reason, never stored cut short.
@Suite struct HostileNameSyncTests {
    static let names = [
        #"it's "quoted"; DROP TABLE files; --"#, "line\nbreak\r\ttab", "\u{1B}[31mred\u{1B}[0m\u{1B}[2J\u{1B}[H", "\u{202E}fdp.exe",
        "\u{200B}zero\u{FEFF}width", "caf\u{E9} / cafe\u{301}", "\u{1F4C4}\u{1F469}\u{200D}\u{1F4BB}",
        String(repeating: "x", count: 10_000),
        "%_*?[]{}\\'\"`$(rm -rf /)", "\u{7F}\u{85}\u{2028}\u{2029}", "  leading and trailing  ", "../../etc/passwd",
    ]

    @Test(arguments: SyncEngineTests.StoreKind.allCases)
    func hostileNamesRoundTripAndNULIsSkippedWithAReason(kind: SyncEngineTests.StoreKind) async throws {
        try await SyncEngineTests().withStore(kind) { store, endpoint in
            var files = Self.names.enumerated().map { index, name in
                FileMetadata(
                    id: "id-\(index)-\(name)", name: name, path: "dir/\(name)", mimeType: "text/plain", size: Int64(index),
                    checksums: ["md5": name], version: name, webLink: "https://example.invalid/\(name)", exportLinks: [name: name],
                    parents: [name], extras: #"{"note":"\#(index)"}"#)
            }
            files.append(FileMetadata(id: "nul-name", name: "before\u{0}after", path: "dir/before\u{0}after"))
            files.append(FileMetadata(id: "nul\u{0}id", name: "plain", path: "dir/plain"))
            let source = InMemoryFileSource(files: files)
            let run = try await SyncEngineTests.engine(store, source).sync(endpoint, trigger: .manual)
            #expect(run.status == .succeeded && run.created == Self.names.count, "\(run)")
            #expect(run.error?.contains("2 entries skipped") == true && run.error?.contains("NUL") == true, "\(run.error ?? "")")
            #expect(
                run.error?.contains("\\0") == true || run.error?.contains("\\u{0}") == true, "the NUL is shown escaped: \(run.error ?? "")")

            let stored = Dictionary(
                uniqueKeysWithValues: try await store.files(endpoint: "photos", limit: nil).map { ($0.fileID, $0.metadata) })
            #expect(stored.count == Self.names.count, "the NUL files are not stored")
            for file in files where !file.id.contains("nul") {
                #expect(stored[file.id] == file, "\(file.name.prefix(40).debugDescription) reads back identical")
                #expect(stored[file.id]?.name.utf8.elementsEqual(file.name.utf8) == true)
            }

            // A second sync sees the same content: nothing is rewritten (the hashes of what was stored match).
            let again = try await SyncEngineTests.engine(store, source).sync(try await SyncEngineTests.current(store), trigger: .manual)
            #expect(again.updated == 0 && again.created == 0 && again.removed == 0, "\(again)")
        }
    }
}
