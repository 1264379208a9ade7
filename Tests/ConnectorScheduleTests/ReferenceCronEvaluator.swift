import Foundation

/// A deliberately simple evaluator used as the oracle for the property tests.
///
/// It steps through real instants at a fixed pace, reads the local wall clock at each with
/// `TimeZone.secondsFromGMT` and `Calendar`, and applies the documented rules literally:
/// - a wildcard job runs at every instant whose wall time matches;
/// - a fixed-time job runs at an instant whose wall time matches and is later than every
///   wall time shown before (so a repeated local time runs only the first time), and at the
///   first instant after the clock jumped forward over a matching wall time.
///
/// Stepping by 15 minutes instead of 1 is exact when every matching minute and every UTC
/// offset is a multiple of 15 minutes, which ``init(model:timeZone:)`` checks.
struct ReferenceCronEvaluator {
    /// The expression's meaning.
    let model: CronModel
    /// Lookup tables: does value `n` match?
    private let minuteTable, hourTable, dayTable, monthTable, weekdayTable: [Bool]
    /// The zone whose clock is read.
    let timeZone: TimeZone
    /// Seconds between probed instants: 900 when exact (see type docs), else 60.
    let step: Int64
    /// How far before the window the scan starts, to learn which wall times were already shown.
    static let history: Int64 = 2 * 3600

    init(model: CronModel, timeZone: TimeZone) {
        self.model = model
        self.timeZone = timeZone
        func table(_ index: Int, _ size: Int) -> [Bool] {
            (0..<size).map { model.fields[index].values.contains($0) }
        }
        minuteTable = table(0, 60)
        hourTable = table(1, 24)
        dayTable = table(2, 32)
        monthTable = table(3, 13)
        weekdayTable = table(4, 7)
        step = model.fields[0].values.allSatisfy { $0 % 15 == 0 } ? 900 : 60
    }

    /// Every run in `(start, end]` (Unix seconds), ascending, stopping after `limit` runs.
    func runs(after start: Int64, through end: Int64, limit: Int = .max) -> [Int64] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .gmt
        // Local copies: reading them from `self` inside the loop copies the whole struct in debug builds.
        let (minuteTable, hourTable, dayTable, monthTable, weekdayTable) =
            (self.minuteTable, self.hourTable, self.dayTable, self.monthTable, self.weekdayTable)
        let (timeZone, step, matchesEitherDay) = (self.timeZone, self.step, model.matchesEitherDay)
        var cachedDay = Int64.min
        var dayMatches = false

        func matches(_ wall: Int64) -> Bool {
            let day = wall >= 0 ? wall / 86_400 : (wall - 86_399) / 86_400
            if day != cachedDay {
                let parts = calendar.dateComponents(
                    [.month, .day, .weekday], from: Date(timeIntervalSince1970: TimeInterval(day * 86_400)))
                let month = parts.month ?? 0
                let dayOfMonth = parts.day ?? 0
                let weekday = (parts.weekday ?? 1) - 1
                let byDate = dayTable[dayOfMonth]
                let byWeekday = weekdayTable[weekday]
                dayMatches = monthTable[month] && (matchesEitherDay ? (byDate || byWeekday) : (byDate && byWeekday))
                cachedDay = day
            }
            let minuteOfDay = Int(wall - day * 86_400) / 60
            return dayMatches && hourTable[minuteOfDay / 60] && minuteTable[minuteOfDay % 60]
        }

        let isFixedTime = model.isFixedTime
        var result: [Int64] = []
        var instant = (start - Self.history) / step * step
        var latestWall = Int64.min
        var previousWall: Int64?
        while instant <= end && result.count < limit {
            let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
            precondition(offset % step == 0, "offset \(offset) is not a multiple of the step \(step)")
            let wall = instant + offset
            var runs: Bool
            if isFixedTime {
                runs = wall > latestWall && matches(wall)
                if let previousWall, wall > previousWall + step {
                    // The clock jumped forward: check every skipped wall minute.
                    var skipped = previousWall + step
                    while !runs && skipped < wall {
                        runs = matches(skipped)
                        skipped += 60
                    }
                }
            } else {
                runs = matches(wall)
            }
            if runs && instant > start { result.append(instant) }
            latestWall = max(latestWall, wall)
            previousWall = wall
            instant += step
        }
        return result
    }
}
