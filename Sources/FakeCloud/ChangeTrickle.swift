import FakeAutodeskAPS
import FakeGoogleDrive

/// A few changes at a time to the fakes' content, so incremental syncs during a soak have work: a Drive file modified,
/// one added and one trashed; an ACC item given a new version and one added.
struct ChangeTrickle {
    let drive: FakeGoogleDrive
    let roots: [String]
    let aps: FakeAutodeskAPS
    private var generator = SystemRandomNumberGenerator()
    private var count = 0

    init(drive: FakeGoogleDrive, roots: [String], aps: FakeAutodeskAPS) {
        self.drive = drive
        self.roots = roots
        self.aps = aps
    }

    mutating func apply() {
        count += 1
        if let root = roots.randomElement(using: &generator) {
            let files = drive.children(of: root).filter { $0.mimeType != "application/vnd.google-apps.folder" }
            if let file = files.randomElement(using: &generator) { drive.modify(file.id) }
            _ = drive.createFile(name: "new-\(count).pdf", parent: root)
            if files.count > 10, let doomed = files.randomElement(using: &generator) { drive.trash(doomed.id) }
        }
        if let item = aps.visibleItemIDs.randomElement(using: &generator) { _ = aps.addVersion(item: item) }
        if let folder = aps.folderIDs.randomElement(using: &generator) { _ = aps.addItem(folder: folder, name: "soak-\(count).dwg") }
    }
}
