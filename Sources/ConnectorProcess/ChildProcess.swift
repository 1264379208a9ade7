import CChildProcess
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn`, every descriptor above its standard three closed in the child.
///
/// Not Foundation's `Process`: on Linux its `run()` lists `/proc/self/fd` to find what to close and copies each
/// directory entry's whole 256-byte name, reading past glibc's buffer; now and then that crashes the parent (seen in
/// this project's test process and its git lookups; swift-corelibs-foundation #5472, in Swift 6.3.1).
public struct ChildProcess: Sendable {
    /// The child's process id.
    public let processIdentifier: pid_t

    /// The child could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        /// The program.
        public var executable: String
        /// The `errno` value `posix_spawn` returned.
        public var code: Int32

        public var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    /// Starts `executable` (a path: no search of `PATH`) with `arguments`.
    /// - Parameters:
    ///   - environment: The child's whole environment; nil passes this process's.
    ///   - directory: The child's working directory; nil: this process's.
    ///   - standardInput: The descriptor the child reads as 0 (the caller keeps and closes its own); nil: `/dev/null`.
    ///   - standardOutput: The descriptor the child writes as 1; nil: `/dev/null`.
    ///   - standardError: The descriptor the child writes as 2; nil: `/dev/null`.
    ///   - ownProcessGroup: Puts the child in a process group of its own (a terminal's Ctrl-C does not reach it).
    /// - Throws: ``SpawnError``.
    public static func spawn(
        _ executable: String, arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
        standardInput: Int32? = nil, standardOutput: Int32? = nil, standardError: Int32? = nil, ownProcessGroup: Bool = false
    ) throws -> ChildProcess {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let pairs = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let envp = pairs.map { strdup($0) } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = argv.withUnsafeBufferPointer { argv in
            envp.withUnsafeBufferPointer { envp in
                fc_spawn(
                    &pid, executable, argv.baseAddress, envp.baseAddress, directory, standardInput ?? -1, standardOutput ?? -1,
                    standardError ?? -1, ownProcessGroup ? 1 : 0)
            }
        }
        guard result == 0 else { throw SpawnError(executable: executable, code: result) }
        return ChildProcess(processIdentifier: pid)
    }

    /// Waits for the child to end, blocking the calling thread: its exit status, or the number of the signal that
    /// ended it (as Foundation's `terminationStatus` gives it).
    public func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(processIdentifier, &status, 0) == -1 {
            guard errno == EINTR else { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : signal
    }

    /// Runs `executable` to its end and returns its exit status and standard output (standard input and error are
    /// `/dev/null`), blocking the calling thread.
    /// - Throws: ``SpawnError``, or the `pipe` error.
    public static func output(
        of executable: String, arguments: [String], directory: String? = nil
    ) throws -> (status: Int32, output: [UInt8]) {
        let pipe = try ChildPipe()
        let child: ChildProcess
        do {
            child = try spawn(executable, arguments: arguments, directory: directory, standardOutput: pipe.writing)
        } catch {
            pipe.closeReading()
            pipe.closeWriting()
            throw error
        }
        pipe.closeWriting()
        let output = pipe.readAll()
        pipe.closeReading()
        return (child.wait(), output)
    }
}
