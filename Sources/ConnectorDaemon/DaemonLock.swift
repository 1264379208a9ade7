import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock beside a SQLite store (`<store>.daemon-lock`) so a second `run` on the same file refuses to
/// start: two daemons would both schedule every sync. The kernel drops the lock when the process dies.
struct DaemonLock: Sendable {
    let descriptor: Int32

    /// Takes the lock for the store at `storePath`.
    /// - Throws: ``DaemonLockError`` naming the holder's pid when another daemon has it.
    init(storePath: String) throws {
        let path = storePath + ".daemon-lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DaemonLockError(message: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw DaemonLockError(
                message: """
                    another file-connector run\(holder.isEmpty ? "" : " (pid \(holder))") is using \(storePath); \
                    one daemon per SQLite store (use PostgreSQL for several replicas)
                    """)
        }
        ftruncate(descriptor, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
        self.descriptor = descriptor
    }

    /// Releases the lock.
    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// A second daemon on one SQLite store.
public struct DaemonLockError: Error, CustomStringConvertible {
    /// Which store, and the holder's pid when it wrote one.
    public var message: String
    /// The message.
    public var description: String { message }
}
