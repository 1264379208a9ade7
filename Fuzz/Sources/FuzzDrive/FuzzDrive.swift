import ConnectorJSON
import ConnectorModel
import ConnectorProvider
import Foundation
import FuzzSupport

@testable import ConnectorProviderGoogleDrive

/// Google Drive's `files.list` and `changes.list` bodies, read as `DriveAPI` reads them: the hand-written
/// ``DriveJSONReader`` first, `JSONDecoder` when it gives up; then every file mapped to the catalog's record, the
/// change feed's page builder fed, and the ids quoted into a `files.list` query.
///
/// Input: byte 0 bit 0 picks the response (`files.list` or `changes.list`), the next byte the page size of the
/// builder; the rest is the body. Checked: when both the reader and `JSONDecoder` accept a body that is strict
/// JSON without duplicate member names (which JSON leaves undefined: the reader keeps the last, `JSONDecoder`
/// the first), they read the same values.
@_cdecl("FuzzDrive_main")
public func fuzzDriveMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzerDriver.run(argc, argv, testOneInput: fuzzDrive)
}

let root = CatalogFolder(id: "root", name: "Shared", path: "Shared", parentID: nil)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDrive(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(FuzzerDriver.bytes(data, size))
    let mode = input.byte()
    let pageSize = Int(input.byte() % 8)
    let body = Array(input.rest)
    if mode & 1 == 0 {
        let fast = try? DriveJSONReader.fileList(body)
        let slow = try? JSONDecoder().decode(DriveFileList.self, from: Data(body))
        if let fast, let slow, isStrictJSON(body), summary(fast) != summary(slow) {
            fatalError("DriveJSONReader and JSONDecoder disagree on files.list:\n\(summary(fast))\n\(summary(slow))")
        }
        guard let list = fast ?? slow else { return 0 }
        var ids: [String] = []
        for file in list.files ?? [] {
            ids.append(file.id)
            if file.isFolder {
                _ = CatalogFolder(id: file.id, name: file.name ?? file.id, path: root.childPath(file.name ?? file.id), parentID: root.id)
            } else {
                _ = file.metadata(path: root.childPath(file.name ?? file.id))
            }
        }
        _ = DriveQuery.children(of: ids)
        _ = DriveQuery.encode([("pageToken", list.nextPageToken ?? "")])
    } else {
        let fast = try? DriveJSONReader.changeList(body)
        let slow = try? JSONDecoder().decode(DriveChangeList.self, from: Data(body))
        if let fast, let slow, isStrictJSON(body), summary(fast) != summary(slow) {
            fatalError("DriveJSONReader and JSONDecoder disagree on changes.list:\n\(summary(fast))\n\(summary(slow))")
        }
        guard let list = fast ?? slow else { return 0 }
        var builder = ChangePageBuilder(pageSize: pageSize)
        for change in list.changes ?? [] {
            guard change.changeType != "drive", let id = change.fileId ?? change.file?.id else { continue }
            guard let file = change.file, change.removed != true, file.trashed != true else {
                builder.removeFile(id)
                continue
            }
            let path = root.childPath(file.name ?? id)
            if file.isFolder {
                builder.upsert(CatalogFolder(id: id, name: file.name ?? id, path: path, parentID: root.id))
            } else {
                builder.upsert(file.metadata(path: path))
            }
        }
        _ = builder.finish(resumeToken: list.nextPageToken, nextChangeToken: list.newStartPageToken)
    }
    return 0
}

/// Whether `body` is JSON by RFC 8259 with unique member names (``JSONParser`` rejects duplicates).
func isStrictJSON(_ body: [UInt8]) -> Bool {
    (try? JSONParser.parse(Data(body))) != nil
}

/// Every value read from a `files.list` body, as text that compares equal exactly when the values do.
func summary(_ list: DriveFileList) -> String {
    "next=\(String(reflecting: list.nextPageToken)) incomplete=\(String(reflecting: list.incompleteSearch)) "
        + "files=\(list.files.map { $0.map(summary) }.map { "\($0)" } ?? "nil")"
}

func summary(_ list: DriveChangeList) -> String {
    let changes = list.changes.map { changes in
        changes.map { change in
            "[\(String(reflecting: change.changeType)) \(String(reflecting: change.removed)) "
                + "\(String(reflecting: change.fileId)) \(change.file.map(summary) ?? "nil")]"
        }
    }
    return "next=\(String(reflecting: list.nextPageToken)) start=\(String(reflecting: list.newStartPageToken)) "
        + "changes=\(changes.map { "\($0)" } ?? "nil")"
}

func summary(_ file: DriveFile) -> String {
    let links = file.exportLinks.map {
        $0.sorted { $0.key < $1.key }.map { "\(String(reflecting: $0.key)):\(String(reflecting: $0.value))" }
    }
    let fields: [String] = [
        String(reflecting: file.id), String(reflecting: file.name), String(reflecting: file.mimeType),
        String(reflecting: file.size?.value), String(reflecting: file.md5Checksum), String(reflecting: file.sha256Checksum),
        String(reflecting: file.createdTime), String(reflecting: file.modifiedTime), String(reflecting: file.version?.value),
        String(reflecting: file.webViewLink), links.map { "\($0)" } ?? "nil", String(reflecting: file.parents),
        String(reflecting: file.trashed), String(reflecting: file.driveId),
        String(reflecting: file.shortcutDetails?.targetId), String(reflecting: file.shortcutDetails?.targetMimeType),
        String(reflecting: file.shortcutDetails == nil),
    ]
    return "{" + fields.joined(separator: " ") + "}"
}
