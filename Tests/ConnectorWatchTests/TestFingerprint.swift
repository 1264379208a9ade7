import Foundation

/// What the daemon's fingerprint closure does, for the tests: hashes the bytes of the manifest files
/// a set of paths leads to, the way the manifest loader picks them.
///
/// - A file path is read whatever its name; symlinks are followed (a ConfigMap key `M/app.yaml`
///   reads through `..data`).
/// - A directory is read recursively: `*.yaml`, `*.yml`, `*.json`; hidden names are skipped.
/// - A missing path counts as "missing", so deleting it is a change.
enum TestFingerprint {
    /// The fingerprint of `paths` now, as a hex string.
    static func of(_ paths: [String]) -> String? {
        var hash = FNV1a()
        for path in paths { visit(path, explicit: true, into: &hash) }
        return String(hash.value, radix: 16)
    }

    /// A fingerprint closure over `paths`.
    static func closure(_ paths: [String]) -> @Sendable () -> String? {
        { of(paths) }
    }

    private static func visit(_ path: String, explicit: Bool, into hash: inout FNV1a) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if explicit { hash.add("missing:\(path)") }
            return
        }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                visit(PathJoin.join(path, name), explicit: false, into: &hash)
            }
            return
        }
        let ext = (path as NSString).pathExtension.lowercased()
        guard explicit || ["yaml", "yml", "json"].contains(ext) else { return }
        hash.add("file:\(path)")
        hash.add(FileManager.default.contents(atPath: path) ?? Data("unreadable".utf8))
    }
}

/// 64-bit FNV-1a: enough to tell file contents apart in tests.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) { add(Data(text.utf8)) }

    mutating func add(_ data: Data) {
        for byte in data {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        value ^= 0xff
        value = value &* 0x0000_0100_0000_01B3
    }
}
