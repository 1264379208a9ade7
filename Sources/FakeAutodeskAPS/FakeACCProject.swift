/// The content a ``FakeAutodeskAPS`` starts with: a hub, a project, nested folders and items with versions.
public struct FakeACCProject: Sendable {
    var project: FakeProject

    /// What to generate.
    public struct Shape: Sendable {
        /// Items in the project (hidden and deleted ones included).
        public var items: Int
        /// The seed: the same seed gives the same ids, names, sizes and times.
        public var seed: UInt64 = 42
        /// The top folders' names.
        public var topFolders = ["Project Files", "Plans"]
        /// Subfolders per folder.
        public var branching = 3
        /// Levels of subfolders below each top folder.
        public var depth = 2
        /// Versions per item are 1...maxVersions.
        public var maxVersions = 4
        /// Percent of items hidden (deleted from the UI without a Deleted tip: `hidden: true`).
        public var hiddenPercent = 3
        /// Percent of items deleted (a `versions:autodesk.core:Deleted` tip and `hidden: true`).
        public var deletedPercent = 2

        /// A shape with `items` items and the defaults.
        public init(items: Int) {
            self.items = items
        }
    }

    static let extensions = ["pdf", "dwg", "rvt", "ifc", "nwd", "docx", "xlsx", "jpg", "dwf", "rfa", "pdf", "dwg"]
    static let baseTime: Int64 = 1_704_067_200_000  // 2024-01-01T00:00:00Z

    /// Generates a project of `shape`: cheap enough for 50,000 items (versions are derived, not stored).
    public static func generate(_ shape: Shape) -> FakeACCProject {
        var random = SeededGenerator(seed: shape.seed)
        var project = FakeProject(hubID: "b." + FakeIdentifiers.guid(&random), projectID: "b." + FakeIdentifiers.guid(&random))
        project.rootFolder = project.addFolder(id: FakeIdentifiers.folderID(&random), name: "root", parent: nil, at: baseTime)
        var level: [Int] = []
        for name in shape.topFolders {
            let top = project.addFolder(id: FakeIdentifiers.folderID(&random), name: name, parent: project.rootFolder, at: baseTime)
            project.topFolders.append(top)
            level.append(top)
        }
        var all = level
        for depth in 0..<shape.depth {
            var next: [Int] = []
            for parent in level {
                for child in 0..<shape.branching {
                    let created = baseTime + Int64(depth * 1000 + child) * 60_000
                    let name = "\(project.folders[parent].name.prefix(1))\(depth + 1)-\(child + 1) Level"
                    next.append(project.addFolder(id: FakeIdentifiers.folderID(&random), name: name, parent: parent, at: created))
                }
            }
            all += next
            level = next
        }
        for number in 0..<shape.items {
            let folder = all[Int(random.next() % UInt64(all.count))]
            let ext = extensions[Int(random.next() % UInt64(extensions.count))]
            let versions = 1 + Int(random.next() % UInt64(max(1, shape.maxVersions)))
            let created = baseTime + Int64(number) * 1000 + Int64(random.next() % 86_400_000)
            let tipTime = created + Int64(versions - 1) * 3_600_000
            let roll = Int(random.next() % 100)
            var item = FakeItem(
                id: FakeIdentifiers.lineageID(&random), fileToken: FakeIdentifiers.fileToken(&random), folder: folder,
                name: number % 97 == 5 ? "README-\(number)" : "A-\(100 + number).\(ext)", versionCount: versions, created: created,
                modified: tipTime, tipTime: tipTime, baseSize: 10_000 + Int64(random.next() % 50_000_000), user: Int(random.next() % 4))
            if roll < shape.deletedPercent {
                item.deleted = true
                item.hidden = true
                item.versionCount += 1
                item.tipTime += 3_600_000
                item.modified = item.tipTime
            } else if roll < shape.deletedPercent + shape.hiddenPercent {
                item.hidden = true
            }
            project.addItem(item)
            project.bump(folder, to: item.modified)
        }
        return FakeACCProject(project: project)
    }
}
