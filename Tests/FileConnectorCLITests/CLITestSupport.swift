import ConnectorTestSupport
import Foundation
import Testing

/// Runs the built binary; fails the test when it cannot be found.
func fileConnector(
    _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
    standardInput: String? = nil, prefix: [String] = []
) async throws -> CommandRunner.Outcome {
    try await CommandRunner().run(arguments, in: directory, environment: environment, standardInput: standardInput, prefix: prefix)
}

/// `setpriv` arguments that run a command as the unprivileged `nobody` user, for faults root cannot see
/// (an unreadable file, a read-only store). Nil when already unprivileged.
func asNobody() -> [String]? {
    guard getuid() == 0 else { return nil }
    return ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
}

/// Runs a copy of the binary (placed in `directory`, which `nobody` can read, unlike perhaps the
/// checkout) as `nobody` when running as root, else as the current user.
func fileConnectorAsNobody(
    _ arguments: [String], copyingInto directory: TemporaryDirectory, in workingDirectory: String? = nil
) async throws -> CommandRunner.Outcome {
    try directory.makeDirectory("bin")
    let runner = try CommandRunner().copied(into: directory.url("bin"))
    return try await runner.run(arguments, in: workingDirectory, prefix: asNobody() ?? [])
}
