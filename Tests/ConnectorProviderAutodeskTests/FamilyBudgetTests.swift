import ConnectorHTTP
import ConnectorProviderAutodesk
import FakeAutodeskAPS
import Foundation
import Testing

/// Ten endpoints on one APS app sync at once; the fake counts requests per endpoint family per window.
@Suite struct FamilyBudgetTests {
    /// The documented per-minute budgets scaled to two seconds, so the test runs in seconds.
    static let window = Duration.seconds(2)
    static let budgets: [String: Int] = ["folderContents": 25, "topFolders": 4, "tip": 15, "token": 5, "hubs": 2, "folder": 4]

    @Test(.timeLimit(.minutes(2)))
    func tenEndpointsOnOneAppStayWithinEachFamilyBudget() async throws {
        var shape = FakeACCProject.Shape(items: 60)
        shape.branching = 2
        shape.depth = 1
        var configuration = FakeAutodeskAPS.Configuration()
        configuration.omitIncludedEvery = 6
        // The pacer's window carries a margin over the fake's, as the production budgets do (a minute plus a second);
        // scaled down, it must also absorb the scheduling delays of a loaded test machine between a grant and
        // the request's arrival at the fake (the suite runs in parallel on two cores, beside CPU-bound CLI tests:
        // a one-second margin was once not enough).
        let pacers = AutodeskAppPacers(
            budgets: Self.budgets.mapValues { FamilyPacer.Budget(requests: $0, per: Self.window + .seconds(2)) })
        try await ACCTestBed.run(shape: shape, configuration: configuration, pacers: pacers) { bed in
            let names = (0..<10).map { "site-\($0)" }
            for name in names { _ = try await bed.endpoint(name, spec: bed.spec(pageSize: 10)) }
            let engine = bed.engine()
            let started = ContinuousClock.now
            let runs = try await withThrowingTaskGroup(of: String.self) { group in
                for name in names {
                    group.addTask {
                        let run = try await bed.sync(name, engine: engine)
                        return run.status == .succeeded ? "" : "\(name): \(run.error ?? run.status.rawValue)"
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            let elapsed = ContinuousClock.now - started
            let failures = runs.filter { !$0.isEmpty }
            #expect(failures.isEmpty, "\(failures)")
            for name in names { try await bed.expectCatalogMatchesGroundTruth(name) }

            let log = bed.aps.requestLog
            for (family, budget) in Self.budgets {
                let worst = FakeAutodeskAPS.busiestWindow(log.filter { $0.family == family }.map(\.at), length: Self.window).count
                #expect(worst <= budget, "\(family): \(worst) requests in one window, budget \(budget)")
            }
            let contents = log.filter { $0.family == "folderContents" }.count
            #expect(log.contains { $0.family == "tip" })
            #expect(contents > Self.budgets["folderContents"]! * 2, "enough requests to need pacing: \(contents)")
            let minimum = Double(contents / Self.budgets["folderContents"]! - 1) * 2
            #expect(elapsed >= .seconds(minimum), "the pacer spread \(contents) requests over \(elapsed)")
            #expect(bed.aps.tokensIssued == 1, "the ten endpoints share one token")
        }
    }
}
