import ArgumentParser
import ConnectorStore

/// Turns store errors into one line on stderr and exit status 1, with no stack trace.
enum CommandFailure {
    static func reporting<Result>(_ operation: () async throws -> Result) async throws -> Result {
        do {
            return try await operation()
        } catch let error as StoreError {
            Terminal.error(error.description)
            throw ExitCode.failure
        }
    }
}
