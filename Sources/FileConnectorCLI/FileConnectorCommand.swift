import ArgumentParser

/// `file-connector`: keeps a catalog of file metadata from cloud storage, driven by manifests in git.
struct FileConnectorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "file-connector",
        abstract: "Keep a catalog of file metadata from cloud storage, driven GitOps-style by YAML manifests.",
        discussion: """
            Global options (--database, --log-format, --log-level) are accepted before or after \
            the command name. Exit status: 0 success, 1 invalid input or an error, 2 changes \
            pending (plan --detailed-exitcode), 3 applied but a sync failed.
            """,
        version: FileConnectorVersion.current,
        subcommands: [
            ValidateCommand.self, PlanCommand.self, ReconcileCommand.self, RunCommand.self, SyncCommand.self, GetCommand.self,
            SinkCommand.self, MigrateCommand.self,
            ScheduleCommand.self, SchemaCommand.self, HealthcheckCommand.self, VersionCommand.self,
        ]
    )
}
