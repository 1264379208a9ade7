import ConnectorTestSupport
import Foundation
import Testing

@testable import ConnectorReconciler

/// The version reader's file times, against Foundation's own reading of them.
@Suite struct ManifestVersionReaderTests {
    /// A file's, a directory's and a symlink's own modification time (not its target's) read as `FileManager` reads
    /// them, to the nanosecond it reports.
    @Test func modificationTimesAreFoundationsOwn() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("a/alpha.yaml", "kind: Endpoint\n")
        try directory.symlink("a/link.yaml", to: "alpha.yaml")
        // The link is made later than its target, so a reading that followed it would differ.
        Thread.sleep(forTimeInterval: 0.02)
        try directory.symlink("a/later.yaml", to: "alpha.yaml")
        for path in [file, directory.url("a"), directory.url("a/link.yaml"), directory.url("a/later.yaml")] {
            let foundation = try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
            let ours = try #require(ManifestVersionReader.modificationTime(path))
            #expect(abs(ours.timeIntervalSince(foundation)) < 1e-6, "\(path): \(ours) against \(foundation)")
        }
        #expect(ManifestVersionReader.modificationTime(directory.url("a/later.yaml")) != ManifestVersionReader.modificationTime(file))
        #expect(ManifestVersionReader.modificationTime(directory.url("missing")) == nil)
    }
}
