import ConnectorSchedule
import Foundation
import Testing

/// Compares `CronExpression.nextDate` with ``ReferenceCronEvaluator`` over 2021-2026
/// (2017-2026 for São Paulo, to include its last daylight-saving years) in zones with
/// unusual daylight-saving rules.
@Suite("Cron evaluation agrees with a brute-force reference", .serialized)
struct CronPropertyTests {
    static let zones = [
        "UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
        "America/Sao_Paulo", "Pacific/Chatham",
    ]

    /// Expressions chosen for their edge cases, with their meaning spelled out by hand.
    static let trickyModels: [CronModel] = [
        CronModel([.list([30]), .list([2]), .star(1...31), .star(1...12), .star(0...7)]),
        CronModel([.list([0]), .list([0]), .list([29]), .list([2]), .star(0...7)]),
        CronModel([.list([0]), .list([0]), .list([31]), .star(1...12), .star(0...7)]),
        CronModel([.list([0]), .list([0]), .list([1, 15]), .star(1...12), .written("MON", [1])]),
        CronModel([.written("*/7", Array(stride(from: 0, through: 59, by: 7))), .star(0...23), .star(1...31), .star(1...12), .star(0...7)]),
        CronModel(macro: "@weekly", [.list([0]), .list([0]), .star(1...31), .star(1...12), .list([0])]),
        CronModel([.list([0, 30]), .written("1-3", [1, 2, 3]), .star(1...31), .star(1...12), .star(0...7)]),
        CronModel([.written("*/10", [0, 10, 20, 30, 40, 50]), .list([2]), .star(1...31), .star(1...12), .star(0...7)]),
        CronModel([.list([45]), .list([1, 2, 3]), .star(1...31), .star(1...12), .star(0...7)]),
        CronModel([.list([15]), .written("*", Array(0...23)), .star(1...31), .star(1...12), .star(0...7)]),
        CronModel([
            .list([0]), .list([0]), .written("*/2", Array(stride(from: 1, through: 31, by: 2))), .star(1...12),
            .written("SUN-7", [0, 1, 2, 3, 4, 5, 6]),
        ]),
        CronModel([.list([30]), .list([23]), .star(1...31), .star(1...12), .star(0...7)]),
    ]

    /// Random expressions from a fixed seed.
    static let randomModels: [CronModel] = {
        var random = RandomCronModels(generator: SeededGenerator(seed: 0x5EED_C0DE))
        return random.models(count: 32)
    }()

    /// 2021-01-01T00:00:00Z and 2027-01-01T00:00:00Z.
    static let spanStart: Int64 = 1_609_459_200, spanEnd: Int64 = 1_798_761_600
    /// 2017-01-01T00:00:00Z, the start used for São Paulo.
    static let earlySpanStart: Int64 = 1_483_228_800

    @Test("parser agrees with the model's value sets", arguments: trickyModels + randomModels)
    func parserMatchesModel(model: CronModel) throws {
        let expression = try CronExpression(parsing: model.text)
        for (index, field) in CronField.allCases.enumerated() {
            #expect(Set(expression.values(of: field)) == model.fields[index].values, "\(field) of \(model)")
        }
        #expect(expression.isFixedTime == model.isFixedTime)
        #expect(expression.matchesEitherDayField == model.matchesEitherDay)
    }

    @Test("whole span, every run, for quarter-hour expressions", arguments: zones)
    func wholeSpan(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let start = zone == "America/Sao_Paulo" ? Self.earlySpanStart : Self.spanStart
        for model in Self.trickyModels + Self.randomModels {
            let reference = ReferenceCronEvaluator(model: model, timeZone: timeZone)
            guard reference.step == 900 else { continue }
            let expression = try CronExpression(parsing: model.text)
            let expected = reference.runs(after: start, through: Self.spanEnd)
            let actual = Self.runs(of: expression, in: timeZone, after: start, through: Self.spanEnd, limit: .max)
            let difference = Self.firstDifference(actual, expected)
            #expect(difference == nil, "\(model) in \(zone): \(difference ?? "")")
        }
    }

    @Test("windows around every transition and every 13 days", arguments: zones)
    func windows(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        for model in Self.trickyModels + Self.randomModels {
            let expression = try CronExpression(parsing: model.text)
            let reference = ReferenceCronEvaluator(model: model, timeZone: timeZone)
            for (windowStart, length) in Self.windows(in: timeZone, zone: zone) {
                let end = windowStart + length
                let expected = reference.runs(after: windowStart, through: end, limit: 40)
                let actual = Self.runs(of: expression, in: timeZone, after: windowStart, through: end, limit: 40)
                let difference = Self.firstDifference(actual, expected)
                #expect(difference == nil, "\(model) in \(zone) after \(windowStart): \(difference ?? "")")
            }
        }
    }

    /// Search windows (start, length in seconds): a day at a random time every 13 days, a day
    /// from two hours before each transition, and three hours from starts at, just before and
    /// inside each transition (inside the repeated hour after a fall-back).
    static func windows(in timeZone: TimeZone, zone: String) -> [(Int64, Int64)] {
        let start = zone == "America/Sao_Paulo" ? Self.earlySpanStart : Self.spanStart
        var generator = SeededGenerator(seed: UInt64(zone.utf8.count) &* 7919)
        var windows: [(Int64, Int64)] = stride(from: start, to: Self.spanEnd, by: 13 * 86_400).map {
            ($0 + Int64.random(in: 0..<86_400, using: &generator), 86_400)
        }
        var probe = Date(timeIntervalSince1970: TimeInterval(start))
        while let transition = timeZone.nextDaylightSavingTimeTransition(after: probe),
            transition.timeIntervalSince1970 < TimeInterval(Self.spanEnd)
        {
            let instant = Int64(transition.timeIntervalSince1970)
            windows.append((instant - 7_200, 86_400))
            windows += [instant - 1, instant, instant + 600, instant + 1_817].map { ($0, 3 * 3_600) }
            probe = transition
        }
        return windows
    }

    /// Successive `nextDate` results in `(start, end]`, at most `limit`.
    static func runs(
        of expression: CronExpression, in timeZone: TimeZone, after start: Int64, through end: Int64, limit: Int
    ) -> [Int64] {
        var result: [Int64] = []
        var cursor = Date(timeIntervalSince1970: TimeInterval(start) + 0.25)
        while result.count < limit, let next = expression.nextDate(after: cursor, in: timeZone),
            next.timeIntervalSince1970 <= TimeInterval(end)
        {
            result.append(Int64(next.timeIntervalSince1970))
            cursor = next
        }
        return result
    }

    /// Describes where two run lists first differ, as ISO dates; `nil` when they are equal.
    static func firstDifference(_ actual: [Int64], _ expected: [Int64]) -> String? {
        let format = { (value: Int64?) in
            value.map { Date(timeIntervalSince1970: TimeInterval($0)).ISO8601Format() } ?? "none"
        }
        for index in 0..<max(actual.count, expected.count) {
            let lhs = index < actual.count ? actual[index] : nil
            let rhs = index < expected.count ? expected[index] : nil
            if lhs != rhs { return "run \(index): got \(format(lhs)), expected \(format(rhs))" }
        }
        return nil
    }
}
