import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL

/// Why one attempt produced no usable response.
struct AttemptFailure: Error, Sendable {
    /// ``HTTPError/Code/transport``, ``HTTPError/Code/timeout``, ``HTTPError/Code/cancelled``,
    /// ``HTTPError/Code/bodyTooLarge`` or ``HTTPError/Code/invalidRequest``.
    var code: HTTPError.Code
    /// The status, when the head arrived before the failure.
    var status: Int?
    /// Our explanation.
    var message: String?
    /// The underlying error's description (redacted later by ``HTTPError``).
    var underlying: String?
}

extension ProviderHTTPClient {
    /// Sends one attempt and reads the whole body, bounded by the configured maximum.
    func perform(_ spec: HTTPRequestSpec, target: RequestTarget, token: AccessToken?) async -> Result<HTTPResponseData, AttemptFailure> {
        let request = makeRequest(spec, token: token)
        let limit = spec.maxResponseBytes ?? configuration.maxBodyBytes
        do {
            let response = try await httpClient.execute(
                request, deadline: .now() + TimeAmount(configuration.requestTimeout), logger: nil
            )
            let status = Int(response.status.code)
            if let declared = response.headers.first(name: "content-length").flatMap(Int.init), declared > limit {
                // Dropping the response without reading the body makes AsyncHTTPClient close the connection.
                return .failure(Self.tooLarge(status: status, limit: limit, declared: declared))
            }
            var body: [UInt8] = []
            for try await chunk in response.body {
                guard body.count + chunk.readableBytes <= limit else {
                    return .failure(Self.tooLarge(status: status, limit: limit, declared: nil))
                }
                body.append(contentsOf: chunk.readableBytesView)
            }
            let headers = response.headers.map { ($0.name, $0.value) }
            return .success(HTTPResponseData(status: status, headers: headers, body: body))
        } catch {
            return .failure(Self.classify(error))
        }
    }

    private func makeRequest(_ spec: HTTPRequestSpec, token: AccessToken?) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: spec.url)
        request.method = spec.method
        for (name, value) in spec.headers {
            if token != nil, name.lowercased() == "authorization" { continue }
            request.headers.add(name: name, value: value)
        }
        if let token {
            request.headers.replaceOrAdd(name: "Authorization", value: token.authorizationHeaderValue)
        }
        if !request.headers.contains(name: "User-Agent") {
            request.headers.add(name: "User-Agent", value: configuration.userAgent)
        }
        if let body = spec.body {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }

    private static func tooLarge(status: Int, limit: Int, declared: Int?) -> AttemptFailure {
        let size = declared.map { "\($0) bytes" } ?? "more than \(limit) bytes"
        return AttemptFailure(
            code: .bodyTooLarge, status: status,
            message: "the response body (\(size)) exceeds the \(limit)-byte limit")
    }

    /// Sorts an AsyncHTTPClient or NIO error into a failure code.
    static func classify(_ error: any Error) -> AttemptFailure {
        let description = String(describing: error)
        if error is CancellationError || Task.isCancelled {
            return AttemptFailure(code: .cancelled, underlying: description)
        }
        if let tlsError = error as? NIOSSLError, case .handshakeFailed = tlsError {
            return AttemptFailure(
                code: .untrustedCertificate,
                message:
                    "the server's TLS certificate was refused (not signed by a trusted authority, expired, or for another host; a proxy's authority can be added with --ca-bundle)",
                underlying: description)
        }
        guard let clientError = error as? HTTPClientError else {
            // NIO channel, connection and parser errors: the connection failed or was cut.
            return AttemptFailure(code: .transport, message: "the connection failed", underlying: description)
        }
        switch clientError {
        case .cancelled:
            return AttemptFailure(code: .cancelled, underlying: description)
        case .connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded, .getConnectionFromPoolTimeout,
            .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout:
            return AttemptFailure(code: .timeout, message: "the request timed out", underlying: description)
        case .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath, .alreadyShutdown, .traceRequestWithBody,
            .identityCodingIncorrectlyPresent,
            .invalidRedirectConfiguration, .invalidHTTPVersionConfiguration:
            return AttemptFailure(code: .invalidRequest, message: "the request could not be sent", underlying: description)
        default:
            if description.contains("unsupportedScheme") {
                return AttemptFailure(code: .invalidRequest, message: "the request could not be sent", underlying: description)
            }
            return AttemptFailure(code: .transport, message: "the connection failed", underlying: description)
        }
    }
}
