import ArgumentParser
import ConnectorPlan
import ConnectorStore

/// Turns store and planning errors into one line on stderr and exit status 1, with no stack trace.
enum CommandFailure {
    static func reporting<Result>(_ operation: () async throws -> Result) async throws -> Result {
        do {
            return try await operation()
        } catch let error as StoreError {
            Terminal.error(error.description)
            throw ExitCode.failure
        } catch let error as PlanningError {
            Terminal.error(error.description)
            throw ExitCode.failure
        }
    }
}
