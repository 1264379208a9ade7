import Foundation
import NIOConcurrencyHelpers

/// A fake paged file-listing API with a change feed, for the HTTP-provider benchmarks and tests.
///
/// Files are generated from their index, so a million-file catalog costs no memory; mutations are
/// kept in small tables. Routes (JSON):
/// - `GET /v1/files?pageToken=N&pageSize=S` → `{"files":[...],"nextPageToken":"M"}` (no token on the last page)
/// - `GET /v1/changes/start` → `{"token":"T"}`
/// - `GET /v1/changes?token=T` → `{"changes":[{"id":..,"removed":bool,"file":{..}}],"newToken":"T2"}`
public final class FakeCatalogAPI: Sendable {
    private struct State {
        var count: Int
        var versions: [Int: Int] = [:]
        var deleted: Set<Int> = []
        var log: [(sequence: Int, index: Int)] = []
        var sequence = 0
    }

    private let state: NIOLockedValueBox<State>

    /// A catalog of `count` files.
    public init(count: Int) {
        state = NIOLockedValueBox(State(count: count))
    }

    /// Changes `count` files: a third modified, a third deleted, a third added.
    public func mutate(_ count: Int) {
        state.withLockedValue { state in
            for step in 0..<count {
                state.sequence += 1
                switch step % 3 {
                case 0:
                    let index = (step * 7919) % state.count
                    state.versions[index, default: 1] += 1
                    state.log.append((state.sequence, index))
                case 1:
                    let index = (step * 104_729 + 1) % state.count
                    state.deleted.insert(index)
                    state.log.append((state.sequence, index))
                default:
                    state.count += 1
                    state.log.append((state.sequence, state.count - 1))
                }
            }
        }
    }

    /// The request handler to serve with ``FaultInjectingHTTPServer``.
    public var handler: FaultInjectingHTTPServer.Handler {
        { [self] request in reply(to: request) }
    }

    /// How many files are present now.
    public var presentCount: Int { state.withLockedValue { $0.count - $0.deleted.count } }

    private func reply(to request: RecordedRequest) -> ServerReply {
        switch request.path {
        case "/v1/files":
            let start = Int(request.queryValue("pageToken") ?? "0") ?? 0
            let size = min(max(Int(request.queryValue("pageSize") ?? "1000") ?? 1000, 1), 1000)
            return .json(state.withLockedValue { state in filesPage(state, start: start, size: size) })
        case "/v1/changes/start":
            return .json(state.withLockedValue { #"{"token":"\#($0.sequence)"}"# })
        case "/v1/changes":
            let since = Int(request.queryValue("token") ?? "") ?? -1
            return .json(state.withLockedValue { state in changesPage(state, since: since) })
        default:
            return .text(404, "no route")
        }
    }

    private func filesPage(_ state: State, start: Int, size: Int) -> String {
        var json = #"{"files":["#
        var index = start
        var written = 0
        while index < state.count, written < size {
            if !state.deleted.contains(index) {
                if written > 0 { json += "," }
                json += fileJSON(index, version: state.versions[index] ?? 1)
                written += 1
            }
            index += 1
        }
        json += "]"
        if index < state.count { json += #","nextPageToken":"\#(index)""# }
        return json + "}"
    }

    private func changesPage(_ state: State, since: Int) -> String {
        var json = #"{"changes":["#
        var first = true
        var seen = Set<Int>()
        for entry in state.log where entry.sequence > since && seen.insert(entry.index).inserted {
            if !first { json += "," }
            first = false
            if state.deleted.contains(entry.index) {
                json += #"{"id":"f\#(entry.index)","removed":true}"#
            } else {
                json +=
                    #"{"id":"f\#(entry.index)","removed":false,"file":\#(fileJSON(entry.index, version: state.versions[entry.index] ?? 1))}"#
            }
        }
        return json + #"],"newToken":"\#(state.sequence)"}"#
    }

    private func fileJSON(_ index: Int, version: Int) -> String {
        #"{"id":"f\#(index)","name":"file-\#(index).pdf","path":"d\#(index / 1000)/file-\#(index).pdf","size":\#((index * 7) % 100_000),"modified":\#(1_700_000_000 + index),"version":"\#(version)","md5":"\#(String(index, radix: 16))-\#(version)"}"#
    }
}
