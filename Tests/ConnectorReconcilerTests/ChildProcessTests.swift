import ConnectorProcess
import ConnectorTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The child processes the binary (git) and the tests start, checked against what the kernel and the shell report.
@Suite struct ChildProcessTests {
    static func shell(_ script: String, directory: String? = nil) throws -> (Int32, String) {
        let (status, output) = try ChildProcess.output(of: "/bin/sh", arguments: ["-c", script], directory: directory)
        return (status, String(decoding: output, as: UTF8.self))
    }

    @Test func aChildGetsOnlyItsThreeStandardDescriptors() throws {
        // A descriptor this process opened without close-on-exec, as Foundation and C libraries often do.
        let open = Glibc.open("/dev/null", O_RDONLY)
        #expect(open > 2)
        defer { close(open) }
        // The kernel's list of the child's descriptors: 0, 1, 2, and the one ls reads the list through.
        let (status, output) = try Self.shell("ls /proc/self/fd")
        #expect(status == 0)
        let descriptors = output.split(separator: "\n").compactMap { Int32($0) }
        #expect(descriptors.count == 4 && Array(descriptors.prefix(3)) == [0, 1, 2], "\(descriptors)")
        #expect(!descriptors.dropLast().contains(open))
    }

    @Test func exitStatusesAndSignalsComeBackAsFoundationGaveThem() throws {
        #expect(try Self.shell("exit 3").0 == 3)
        #expect(try Self.shell("kill -TERM $$").0 == SIGTERM)
        let child = try ChildProcess.spawn("/bin/sleep", arguments: ["30"])
        kill(child.processIdentifier, SIGKILL)
        #expect(child.wait() == SIGKILL)
    }

    @Test func theEnvironmentDirectoryAndStandardInputAreTheGivenOnes() throws {
        let directory = try TemporaryDirectory()
        let input = try ChildPipe()
        let output = try ChildPipe()
        let child = try ChildProcess.spawn(
            "/bin/sh", arguments: ["-c", "echo \"$ONLY\" \"${HOME:-unset}\"; pwd; cat"], environment: ["ONLY": "this"],
            directory: directory.path, standardInput: input.reading, standardOutput: output.writing)
        input.closeReading()
        output.closeWriting()
        input.write(Array("from the pipe".utf8))
        input.closeWriting()
        let printed = String(decoding: output.readAll(), as: UTF8.self)
        #expect(child.wait() == 0)
        let real = URL(fileURLWithPath: directory.path).resolvingSymlinksInPath().path
        #expect(printed == "this unset\n\(real)\nfrom the pipe", "\(printed)")
    }

    @Test func aChildStartsWithNoSignalBlockedWhateverTheCallingThreadBlocks() throws {
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let (_, output) = try Self.shell("grep SigBlk /proc/self/status")
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("0000000000000000"), "\(output)")
    }

    @Test func aProgramThatIsNotThereIsAnErrorNamingIt() {
        #expect {
            _ = try ChildProcess.spawn("/nonexistent/program", arguments: [])
        } throws: { error in
            (error as? ChildProcess.SpawnError)?.code == ENOENT && "\(error)".contains("/nonexistent/program")
        }
    }
}
