import Foundation

@testable import ConnectorWatch

/// Reads `/proc/self` to check that a stopped watcher left no thread or descriptor behind.
///
/// Other tests in the same process open and close descriptors concurrently, so a bare count of
/// open descriptors is not reliable. Instead each descriptor is identified by what it points to
/// (`socket:[inode]`, or `anon_inode:inotify` plus the inodes it watches); after `stop` every one
/// must be closed or point to something else, and the thread's `/proc/self/task/<tid>` must be gone.
enum ProcessResources {
    /// What descriptor `fd` refers to, or nil when it is closed.
    static func identity(of descriptor: Int32) -> String? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(descriptor)") else {
            return nil
        }
        guard target.contains("inotify"),
            let info = try? String(contentsOfFile: "/proc/self/fdinfo/\(descriptor)", encoding: .utf8)
        else { return target }
        let watches = info.split(separator: "\n").filter { $0.hasPrefix("inotify") }.map { line in
            // Keep the watched inode and device, not the changing mask.
            line.split(separator: " ").filter { $0.hasPrefix("ino:") || $0.hasPrefix("sdev:") }.joined(separator: " ")
        }
        return ([target] + watches.sorted()).joined(separator: "|")
    }

    /// Identities of all the descriptors in `resources`.
    static func identities(_ resources: WatchResources) -> [Int32: String?] {
        Dictionary(uniqueKeysWithValues: resources.descriptors.map { ($0, identity(of: $0)) })
    }

    /// Whether the thread with kernel id `threadID` still exists in this process.
    static func threadExists(_ threadID: Int32) -> Bool {
        FileManager.default.fileExists(atPath: "/proc/self/task/\(threadID)")
    }

}
