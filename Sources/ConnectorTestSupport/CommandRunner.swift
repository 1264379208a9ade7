import ConnectorProcess
import Foundation
import Synchronization

/// Runs the built `file-connector` binary as a user would, for end-to-end tests.
public struct CommandRunner: Sendable {
    /// What a run printed and how it ended.
    public struct Outcome: Sendable {
        /// Exit status.
        public var status: Int32
        /// Everything written to standard output.
        public var standardOutput: String
        /// Everything written to standard error.
        public var standardError: String
    }

    /// The binary to run.
    public var executable: String

    /// A runner for another program (`promtool`, say), which must exist.
    /// - Throws: ``CommandRunner/Missing`` when `executable` is not there: a missing tool fails the test, never skips it.
    public init(executable: String) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw Missing(description: "\(executable) is not installed (scripts/test.sh installs it)")
        }
        self.executable = executable
    }

    /// A tool the tests need is not installed.
    public struct Missing: Error, CustomStringConvertible {
        /// What is missing.
        public var description: String
    }

    /// Finds the binary: `FILE_CONNECTOR_BINARY`, else beside the test bundle, else `.build/debug`.
    public init() throws {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let explicit = environment["FILE_CONNECTOR_BINARY"] { candidates.append(explicit) }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var directory = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("file-connector").path)
            directory.deleteLastPathComponent()
        }
        candidates.append(RepositoryLayout.path(".build/debug/file-connector"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CocoaError(
                .fileNoSuchFile,
                userInfo: [
                    NSLocalizedDescriptionKey: "file-connector binary not found; looked at \(candidates)"
                ])
        }
        executable = found
    }

    /// A runner for a copy of the binary in `directory`, for running it as another user when the
    /// checkout itself is not readable by that user.
    public func copied(into directory: String) throws -> CommandRunner {
        var copy = self
        copy.executable = directory + "/file-connector"
        try? FileManager.default.removeItem(atPath: copy.executable)
        // A hard link where it can: a copy is written through a descriptor that a process forked meanwhile by another
        // test inherits until it execs, and running the copy while that descriptor is open fails ("Text file busy").
        do {
            try FileManager.default.linkItem(atPath: executable, toPath: copy.executable)
        } catch {
            try FileManager.default.copyItem(atPath: executable, toPath: copy.executable)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.executable)
        }
        return copy
    }

    /// Runs the binary with `arguments` to the end, waiting outside Swift's cooperative pool (see
    /// ``RunningCommand/finished()``), at most one command per core at a time across the test process.
    public func run(
        _ arguments: [String],
        in directory: String? = nil,
        environment: [String: String] = [:],
        standardInput: String? = nil,
        prefix: [String] = []
    ) async throws -> Outcome {
        try await CommandSlots.shared.withSlot {
            try await start(arguments, in: directory, environment: environment, standardInput: standardInput, prefix: prefix).finished()
        }
    }

    /// Starts the binary with `arguments`, in `directory`, with `environment` added to a minimal one
    /// (PATH, and NO_COLOR); `prefix` runs it through another program (e.g. `setpriv`).
    public func start(
        _ arguments: [String],
        in directory: String? = nil,
        environment: [String: String] = [:],
        standardInput: String? = nil,
        prefix: [String] = []
    ) throws -> RunningCommand {
        let (program, programArguments) =
            prefix.isEmpty ? (executable, arguments) : (prefix[0], prefix.dropFirst() + [executable] + arguments)
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "NO_COLOR": "1"]
        // A sanitized test run (scripts/sanitize.sh) passes its sanitizer options on to the binaries it starts.
        for name in ["ASAN_OPTIONS", "TSAN_OPTIONS"] {
            if let value = ProcessInfo.processInfo.environment[name] { base[name] = value }
        }
        base.merge(environment) { _, new in new }
        let (input, output, error) = (try ChildPipe(), try ChildPipe(), try ChildPipe())
        let child = try ChildProcess.spawn(
            program, arguments: Array(programArguments), environment: base, directory: directory, standardInput: input.reading,
            standardOutput: output.writing, standardError: error.writing, ownProcessGroup: true)
        input.closeReading()
        output.closeWriting()
        error.closeWriting()
        if let standardInput { input.write(Array(standardInput.utf8)) }
        input.closeWriting()
        return RunningCommand(child: child, output: ReadAll(output), error: ReadAll(error))
    }
}

/// A started `file-connector` process.
public final class RunningCommand: @unchecked Sendable {
    private let child: ChildProcess
    private let output: ReadAll
    private let error: ReadAll
    private var status: Int32 = 0
    private let exited = DispatchSemaphore(value: 0)
    /// Set, under the lock, once the child has ended and just before it is reaped.
    private let reaped = Mutex(false)

    /// Starts waiting for the child at once, on a thread of its own, so that it is reaped as soon as it ends (as
    /// Foundation's `Process` does): a killed child left a zombie would still look alive to `kill(pid, 0)`, and a
    /// daemon would not see that its lease holder is gone.
    fileprivate init(child: ChildProcess, output: ReadAll, error: ReadAll) {
        self.child = child
        self.output = output
        self.error = error
        Thread.detachNewThread { [self] in
            // Waits for the end without reaping, marks it, then reaps: a signal sent before the mark reaches the
            // child or its zombie, never a process that took its id afterwards.
            var info = siginfo_t()
            while waitid(P_PID, id_t(child.processIdentifier), &info, WEXITED | WNOWAIT) == -1, errno == EINTR {}
            reaped.withLock { $0 = true }
            status = child.wait()
            exited.signal()
        }
    }

    /// The process id (another process's once this one has ended: signal it with ``signal(_:)``).
    public var processIdentifier: Int32 { child.processIdentifier }

    /// Sends `signal` to the process unless it has ended: once reaped, its id may be reused by any process or thread
    /// (a test's cleanup killing a daemon that had already stopped could kill whatever took its id). Returns whether
    /// it was sent.
    @discardableResult
    public func signal(_ signal: Int32) -> Bool {
        reaped.withLock { reaped in !reaped && kill(child.processIdentifier, signal) == 0 }
    }

    /// Waits for the process on a thread of its own, outside Swift's cooperative pool, so that in-process servers
    /// the command talks to (fakes, a daemon's tasks) and every other test's tasks keep running meanwhile. The
    /// pool has one thread per core: a test blocking one while a command runs stalled the whole process's tasks
    /// on a two-core machine for seconds (seen as a pacing test's requests bunching at its fake).
    public func finished() async -> CommandRunner.Outcome {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.wait()) }
        }
    }

    /// Waits for the process to end and returns what it printed, blocking the calling thread.
    private func wait() -> CommandRunner.Outcome {
        exited.wait()
        exited.signal()
        return CommandRunner.Outcome(
            status: status, standardOutput: String(decoding: output.wait(), as: UTF8.self),
            standardError: String(decoding: error.wait(), as: UTF8.self))
    }
}

/// Reads a pipe to its end on a background thread, so a large output cannot block the process.
private final class ReadAll: @unchecked Sendable {
    private var bytes: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: ChildPipe) {
        Thread.detachNewThread { [self] in
            bytes = pipe.readAll()
            pipe.closeReading()
            done.signal()
        }
    }

    func wait() -> [UInt8] {
        done.wait()
        done.signal()
        return bytes
    }
}
