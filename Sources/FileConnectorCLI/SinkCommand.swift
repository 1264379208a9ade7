import ArgumentParser
import ConnectorSinks
import ConnectorStore

/// `file-connector sink resume NAME | new-secret`: what a sink's operator does by hand.
struct SinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sink",
        abstract: "Resume a dead-lettered sink, or make a signing secret for a new one.",
        discussion: "Sinks are declared as manifests (kind: Sink, docs/events.md); `get sinks` shows where they stand.",
        subcommands: [Resume.self, NewSecret.self]
    )

    /// `sink resume NAME`: clears the sink's failures and dead letter; the daemon delivers again from its cursor.
    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resume",
            abstract: "Clear a sink's failures and dead letter, so the daemon delivers again from its cursor.",
            discussion: "A new generation of the sink's spec (a reconcile that changes it) does the same.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The sink's name.")
        var name: String

        func run() async throws {
            let name = self.name
            let (known, description) = try await CommandRuntime.run(global) { runtime in
                guard try await runtime.store.sinks().contains(where: { $0.name == name }) else {
                    return (false, runtime.store.description)
                }
                try await runtime.store.resumeSinkDelivery(name)
                return (true, runtime.store.description)
            }
            guard known else {
                Terminal.error("no sink named \"\(name)\" in store \(description)")
                throw ExitCode.failure
            }
            Terminal.write("sink \(name): failures and dead letter cleared; delivery resumes from its cursor\n")
        }
    }

    /// `sink new-secret`: prints a new Standard Webhooks signing secret.
    struct NewSecret: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new-secret",
            abstract: "Print a new random signing secret (whsec_ and 32 bytes in base64) for a sink and its receiver.",
            discussion:
                "Store it where the sink's webhook.signingSecret points (an environment variable or a file), and give it to the receiver.")

        func run() throws {
            Terminal.write(WebhookSecret.generate() + "\n")
        }
    }
}
