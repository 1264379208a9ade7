import ConnectorHTTPTestSupport
import ConnectorJSON
import FakeAutodeskAPS
import Foundation
import Testing

/// The fake's own contract: the documented token errors, paging limits, filters and end signal.
@Suite struct FakeAutodeskAPSTests {
    static func fake() -> FakeAutodeskAPS {
        var shape = FakeACCProject.Shape(items: 400)
        shape.depth = 1
        shape.branching = 2
        return FakeAutodeskAPS(project: .generate(shape))
    }

    static func body(_ reply: ServerReply) throws -> (Int, JSONValue) {
        guard case .response(let status, _, let body) = reply else { throw FakeReplyError() }
        return (status, try JSONParser.parseValue(String(decoding: body, as: UTF8.self)))
    }

    static func token(
        _ aps: FakeAutodeskAPS, id: String? = nil, secret: String? = nil, contentType: String = "application/x-www-form-urlencoded"
    ) async -> ServerReply {
        let basic =
            "Basic " + Data("\(id ?? aps.configuration.clientID):\(secret ?? aps.configuration.clientSecret)".utf8).base64EncodedString()
        return await aps.handler(
            RecordedRequest(
                method: "POST", uri: "/authentication/v2/token", headers: [("Content-Type", contentType), ("Authorization", basic)],
                body: Array("grant_type=client_credentials&scope=data%3Aread".utf8)))
    }

    static func get(_ aps: FakeAutodeskAPS, _ uri: String, token: String) async -> ServerReply {
        await aps.handler(RecordedRequest(method: "GET", uri: uri, headers: [("Authorization", "Bearer " + token)]))
    }

    @Test func theTokenEndpointAnswersAsDocumented() async throws {
        let aps = Self.fake()
        let (status, ok) = try Self.body(await Self.token(aps))
        #expect(status == 200 && ok["token_type"]?.stringValue == "Bearer" && ok["expires_in"]?.intValue == 3599)
        let (badStatus, bad) = try Self.body(await Self.token(aps, secret: "wrong"))
        #expect(badStatus == 401 && bad["errorCode"]?.stringValue == "AUTH-003" && bad["more info"] != nil)
        let (typeStatus, type) = try Self.body(await Self.token(aps, contentType: "application/json"))
        #expect(typeStatus == 400 && type["errorCode"]?.stringValue == "AUTH-007")
    }

    @Test func pagesAreLimitedTo200AndEndWithoutNext() async throws {
        let aps = Self.fake()
        let token = try #require(try Self.body(await Self.token(aps)).1["access_token"]?.stringValue)
        let folder = try #require(aps.topFolderIDs.first)
        let contents = "/data/v1/projects/\(aps.projectID)/folders/\(folder)/contents"
        let (tooBig, error) = try Self.body(await Self.get(aps, contents + "?page%5Blimit%5D=201", token: token))
        #expect(tooBig == 400 && error["errors"]?[0]?["code"]?.stringValue == "BAD_INPUT")

        var uri: String? = contents + "?page%5Blimit%5D=7&filter%5Btype%5D=items"
        var pages = 0
        var sawShortPage = false
        while let next = uri {
            let (status, page) = try Self.body(await Self.get(aps, next, token: token))
            #expect(status == 200)
            pages += 1
            let count = page["data"]?.arrayValue?.count ?? 0
            if page["links"]?["next"] != nil, count < 7 { sawShortPage = true }
            #expect(page["data"]?.arrayValue?.allSatisfy { $0["type"]?.stringValue == "items" } == true)
            uri = page["links"]?["next"]?["href"]?.stringValue
            #expect(uri.map { $0.hasPrefix("/data/v1/") } ?? true, "next links are relative on this endpoint")
        }
        #expect(pages > 2)
        #expect(sawShortPage, "a page cut before filtering is short before the end")
    }

    @Test func filtersCompareLexicographicallyAndHiddenNeedsIncludeHidden() async throws {
        let aps = Self.fake()
        let token = try #require(try Self.body(await Self.token(aps)).1["access_token"]?.stringValue)
        let hidden = Set(aps.itemIDs).subtracting(aps.visibleItemIDs)
        #expect(!hidden.isEmpty)
        var seenHidden = Set<String>()
        var seenDefault = Set<String>()
        for folder in aps.folderIDs {
            let base = "/data/v1/projects/\(aps.projectID)/folders/\(folder)/contents"
            let (_, all) = try Self.body(await Self.get(aps, base + "?includeHidden=true", token: token))
            seenHidden.formUnion(all["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
            let (_, visible) = try Self.body(await Self.get(aps, base, token: token))
            seenDefault.formUnion(visible["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
            let (_, future) = try Self.body(
                await Self.get(aps, base + "?filter%5BlastModifiedTime%5D-ge=2999-01-01T00%3A00%3A00", token: token))
            #expect(future["data"]?.arrayValue?.isEmpty == true)
        }
        #expect(hidden.isSubset(of: seenHidden))
        #expect(hidden.isDisjoint(with: seenDefault))
    }
}

struct FakeReplyError: Error {}

/// The busiest window the budget tests count with, against counting every window from every request by brute force.
@Suite struct FakeBusiestWindowTests {
    @Test func theBusiestWindowIsTheMostRequestsInAnyWindowFromARequest() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let times = (0..<Int.random(in: 0...60, using: &random)).map { _ in
                Duration.milliseconds(Int.random(in: 0...10_000, using: &random) / 250 * 250)  // ties on purpose
            }
            let length = Duration.milliseconds(Int.random(in: 1...8, using: &random) * 500)
            let sorted = times.sorted()
            let counts = sorted.indices.map { index in sorted[index...].prefix { $0 < sorted[index] + length }.count }
            let busiest = FakeAutodeskAPS.busiestWindow(times, length: length)
            #expect(busiest.count == (counts.max() ?? 0), "\(sorted) in \(length)")
            if !sorted.isEmpty { #expect(counts[busiest.first] == busiest.count) }
        }
        #expect(FakeAutodeskAPS.busiestWindow([.seconds(0), .seconds(60), .seconds(59)], length: .seconds(60)).count == 2)
    }
}
