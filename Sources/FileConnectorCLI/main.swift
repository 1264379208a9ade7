import ArgumentParser
import CMallocTuning
import Foundation

// Blocks of 256 KiB and more (a sync's decoded pages and response bodies) get mappings of their own, given back when
// freed: a 100,000-file Drive sync peaks about 3 MiB lower, at no measurable cost in time.
fc_malloc_fixed_mmap_threshold(256 * 1024)

// The entry point: put global options where ArgumentParser expects them, parse, and run the
// command (async commands through their async `run()`).
let arguments = GlobalOptionPlacement.normalize(Array(CommandLine.arguments.dropFirst()))
LogSetup.bootstrap(arguments: arguments)
do {
    var command = try FileConnectorCommand.parseAsRoot(arguments)
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.runAsynchronously()
    } else {
        try command.run()
    }
} catch {
    // A usage error (unknown option, bad value) exits 1 like every other invalid input (docs/cli.md, exit statuses), not
    // ArgumentParser's 64; help and version requests still exit 0.
    if FileConnectorCommand.exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((FileConnectorCommand.fullMessage(for: error) + "\n").utf8))
        exit(1)
    }
    FileConnectorCommand.exit(withError: error)
}

extension AsyncParsableCommand {
    /// Calls the async `run()` requirement (an existential call would pick the synchronous one).
    mutating func runAsynchronously() async throws {
        let run: (inout Self) async throws -> Void = { try await $0.run() }
        try await run(&self)
    }
}
