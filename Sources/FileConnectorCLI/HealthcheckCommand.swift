import ArgumentParser
import AsyncHTTPClient
import Foundation

/// `file-connector healthcheck`: asks a running daemon's `/healthz` and exits 0 when it answers 200, for container
/// health checks in images without curl (the Dockerfile's `HEALTHCHECK`).
struct HealthcheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 when the daemon's health endpoint answers 200, 1 otherwise.")

    @Option(help: ArgumentHelp("The URL to ask.", valueName: "url"))
    var url = "http://127.0.0.1:8080/healthz"

    @Option(help: ArgumentHelp("Give up after this many seconds.", valueName: "seconds"))
    var timeout = 5

    func validate() throws {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw ValidationError("--url: expected an http:// or https:// URL, got \"\(url)\"")
        }
        guard timeout > 0 else { throw ValidationError("--timeout: expected a positive number of seconds") }
    }

    func run() async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        let status: UInt
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(Int64(timeout)))
            status = response.status.code
        } catch {
            FileHandle.standardError.write(Data("healthcheck: \(url) did not answer: \(error)\n".utf8))
            throw ExitCode.failure
        }
        guard status == 200 else {
            FileHandle.standardError.write(Data("healthcheck: \(url) answered \(status)\n".utf8))
            throw ExitCode.failure
        }
        print("ok")
    }
}
