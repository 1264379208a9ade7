import Foundation

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
            throw CocoaError(.fileNoSuchFile, userInfo: [
                NSLocalizedDescriptionKey: "file-connector binary not found; looked at \(candidates)",
            ])
        }
        executable = found
    }

    /// Runs the binary with `arguments`, in `directory`, with `environment` added to a minimal one.
    public func run(
        _ arguments: [String],
        in directory: String? = nil,
        environment: [String: String] = [:],
        standardInput: String? = nil,
        prefix: [String] = []
    ) throws -> Outcome {
        let process = Process()
        if prefix.isEmpty {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: prefix[0])
            process.arguments = Array(prefix.dropFirst()) + [executable] + arguments
        }
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "NO_COLOR": "1"]
        base.merge(environment) { _, new in new }
        process.environment = base
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe()
        let error = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input
        try process.run()
        if let standardInput { input.fileHandleForWriting.write(Data(standardInput.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes while the process runs so a large output cannot block it.
        let outputData = ReadAll(output.fileHandleForReading)
        let errorData = ReadAll(error.fileHandleForReading)
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData.wait(), as: UTF8.self),
            standardError: String(decoding: errorData.wait(), as: UTF8.self))
    }
}

/// Reads a pipe to its end on a background thread.
private final class ReadAll: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
