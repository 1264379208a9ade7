import NIOCore
import NIOHTTP1

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
    import NIOConcurrencyHelpers
#endif

extension FaultInjectingHTTPServer {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
    typealias Writer = NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>

    /// Reads requests from one connection and answers each as scripted, until a reply closes it or the peer leaves.
    func serve(_ connection: Connection) async {
        let channel = connection.channel
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body = []
                case .body(let buffer):
                    body.append(contentsOf: buffer.readableBytesView)
                case .end:
                    guard let requestHead = head else { continue }
                    let request = record(
                        RecordedRequest(
                            method: requestHead.method.rawValue, uri: requestHead.uri,
                            headers: requestHead.headers.map { ($0.name, $0.value) }, body: body
                        )
                    )
                    let reply = await nextReply(for: request)
                    let keepOpen = try await write(reply, to: outbound, channel: channel)
                    if !keepOpen || !requestHead.isKeepAlive { return }
                }
            }
        }
    }

    /// Performs `reply`; returns whether the connection may serve another request.
    private func write(_ reply: ServerReply, to outbound: Writer, channel: any Channel) async throws -> Bool {
        switch reply {
        case .response(let status, let headers, let body):
            var head = Self.head(status: status, headers: headers)
            if !head.headers.contains(name: "content-length") {
                head.headers.add(name: "Content-Length", value: "\(body.count)")
            }
            try await outbound.write(.head(head))
            if !body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
            try await outbound.write(.end(nil))
            return true

        case .delayed(let delay, let then):
            try await Task.sleep(for: delay)
            return try await write(then, to: outbound, channel: channel)

        case .closeConnection(let abortive):
            if abortive, let provider = channel as? any SocketOptionProvider {
                try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
            }
            try? await channel.close()
            return false

        case .truncated(let status, let headers, let body, let declaredLength):
            var head = Self.head(status: status, headers: headers)
            head.headers.replaceOrAdd(name: "Content-Length", value: "\(declaredLength)")
            try await outbound.write(.head(head))
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
            // Give the bytes a moment to leave before the FIN, so the client sees a short body, not a reset.
            try await Task.sleep(for: .milliseconds(20))
            try? await channel.close()
            return false

        case .stream(let status, let headers, let chunk, let count, let interval, let declareLength):
            var head = Self.head(status: status, headers: headers)
            if declareLength { head.headers.replaceOrAdd(name: "Content-Length", value: "\(chunk.count * count)") }
            // Written straight to the channel, awaiting each write, so that `streamedBodyBytes` counts bytes the
            // socket accepted (the async writer would count bytes merely queued on the event loop).
            try await channel.writeAndFlush(HTTPServerResponsePart.head(head)).get()
            let buffer = ByteBuffer(bytes: chunk)
            for _ in 0..<count {
                if let interval { try await Task.sleep(for: interval) }
                try await channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(buffer))).get()
                state.withLockedValue { $0.streamedBodyBytes += chunk.count }
            }
            try await channel.writeAndFlush(HTTPServerResponsePart.end(nil)).get()
            return true
        }
    }

    private static func head(status: Int, headers: [(String, String)]) -> HTTPResponseHead {
        HTTPResponseHead(
            version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: HTTPHeaders(headers)
        )
    }
}
