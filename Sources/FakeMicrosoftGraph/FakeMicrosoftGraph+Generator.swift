import Foundation
import NIOConcurrencyHelpers

/// Big libraries, cheap enough for benchmarks: items are built directly, with realistic names and sizes, each its own
/// change, and the ancestors updated once at the end.
extension FakeMicrosoftGraph {
    /// What a generated library holds.
    public struct GeneratedLibrary: Sendable {
        /// Folder ids, breadth first (the start folder not included).
        public var folders: [String]
        /// Leaf ids (files, and a notebook every 500th) in creation order.
        public var files: [String]
    }

    /// Generates `files` files below `parent` (nil: the root) in a tree of folders with `filesPerFolder` files and
    /// `subfoldersPerFolder` subfolders each, breadth first, reproducibly for a `seed` (names and sizes; ids come from
    /// the fake's own generator). Every 500th leaf is a OneNote notebook (listed in `files`).
    @discardableResult
    public func generateLibrary(
        drive: String, under parent: String? = nil, files: Int, filesPerFolder: Int = 100, subfoldersPerFolder: Int = 10,
        seed: UInt64 = 1
    ) -> GeneratedLibrary {
        let now = clock()
        let nowText = Self.timestamp(now)
        return state.withLockedValue { state in
            guard let rootID = state.drives[drive]?.rootID else { preconditionFailure("unknown drive \(drive)") }
            let start = parent ?? rootID
            let names = FakeGraphIDs(seed: seed)
            var library = GeneratedLibrary(folders: [], files: [])
            library.files.reserveCapacity(files)
            var queue = [start]
            var index = 0
            var made = 0
            var total: Int64 = 0
            var folderSizes: [String: Int64] = [:]
            while made < files, index < queue.count {
                let folder = queue[index]
                index += 1
                for _ in 0..<subfoldersPerFolder where queue.count * filesPerFolder < files + filesPerFolder {
                    let name = Self.folderName(queue.count, random: names)
                    let record = Self.newRecord(
                        name: name, parentID: folder, drive: drive, kind: .folder, now: now, nowText: nowText,
                        state: &state
                    ) { _, _ in }
                    Self.bump(record.id, now: now, in: &state)
                    queue.append(record.id)
                    library.folders.append(record.id)
                }
                for _ in 0..<min(filesPerFolder, files - made) {
                    made += 1
                    let notebook = made % 500 == 0
                    let name = notebook ? "Project Notebook \(made / 500)" : Self.fileName(made, random: names)
                    let record = Self.newRecord(
                        name: name, parentID: folder, drive: drive, kind: notebook ? .notebook : .file, now: now,
                        nowText: nowText, state: &state
                    ) { record, ids in
                        let (size, hash) = Self.content(nil, ids: ids)
                        record.size = Int64(size)
                        if !notebook {
                            record.mimeType = Self.mimeType(for: name)
                            record.quickXorHash = hash
                        }
                    }
                    Self.bump(record.id, now: now, in: &state)
                    library.files.append(record.id)
                    total += record.size
                    folderSizes[folder, default: 0] += record.size
                }
            }
            // Folder sizes bottom-up (children come after parents in `library.folders`), then the chain above `start`.
            for folder in library.folders.reversed() {
                let size = folderSizes[folder, default: 0]
                state.items[folder]?.size = size
                if let parentID = state.items[folder]?.parentID, parentID != start { folderSizes[parentID, default: 0] += size }
            }
            Self.touchAncestors(from: start, sizeDelta: total, now: now, in: &state)
            return library
        }
    }

    private static let disciplines = [
        ("A", "Architectural"), ("S", "Structural"), ("M", "Mechanical"), ("E", "Electrical"), ("P", "Plumbing"), ("C", "Civil"),
        ("FP", "Fire Protection"), ("L", "Landscape"),
    ]
    private static let sheets = [
        "Floor Plan", "Reflected Ceiling Plan", "Building Sections", "Exterior Elevations", "Wall Sections", "Details",
        "Door and Window Schedules", "Foundation Plan", "Framing Plan", "Roof Plan", "Site Plan", "Riser Diagram",
    ]
    private static let folderKinds = [
        "Drawings", "Submittals", "RFIs", "Specifications", "Meeting Minutes", "Correspondence", "Shop Drawings", "Photos",
        "Permits", "Closeout",
    ]
    private static let extensions = ["pdf", "pdf", "pdf", "dwg", "docx", "xlsx", "pptx", "png"]

    /// `03 Structural Submittals - Phase 2`.
    static func folderName(_ number: Int, random: FakeGraphIDs) -> String {
        let discipline = disciplines[number % disciplines.count].1
        let kind = folderKinds[random.below(folderKinds.count)]
        return String(format: "%02d", number % 100) + " \(discipline) \(kind) - Phase \(number % 4 + 1)"
    }

    /// `A-201 Level 2 Floor Plan - Rev C (1234).pdf`: as long as real names, unique by the number.
    static func fileName(_ number: Int, random: FakeGraphIDs) -> String {
        let (prefix, _) = disciplines[random.below(disciplines.count)]
        let sheet = sheets[random.below(sheets.count)]
        let revision = ["A", "B", "C", "D", "E"][random.below(5)]
        let ext = extensions[random.below(extensions.count)]
        return "\(prefix)-\(100 + number % 900) Level \(number % 12 + 1) \(sheet) - Rev \(revision) (\(number)).\(ext)"
    }
}
