extension CronExpression {
    /// Seconds in a day.
    static let secondsPerDay: Int64 = 86_400

    /// How far ahead ``firstMatchingWall(atOrAfter:)`` looks: one full 400-year Gregorian
    /// cycle, after which the calendar repeats, so finding nothing means "never".
    static let searchHorizonDays: Int64 = 146_097

    /// Whether the expression's date fields accept `date` (with Vixie's either/both rule).
    func matchesDay(_ date: CivilDate, weekday: Int) -> Bool {
        guard months & (1 << UInt64(date.month)) != 0 else { return false }
        let dayOfMonthMatches = daysOfMonth & (1 << UInt64(date.day)) != 0
        let dayOfWeekMatches = daysOfWeek & (1 << UInt64(weekday)) != 0
        return matchesEitherDayField
            ? (dayOfMonthMatches || dayOfWeekMatches)
            : (dayOfMonthMatches && dayOfWeekMatches)
    }

    /// Whether the expression matches a wall-clock minute, given in wall seconds (see ``CivilDate``).
    func matchesWall(_ wall: Int64) -> Bool {
        let day = CivilDate.floorDivide(wall, Self.secondsPerDay)
        let minuteOfDay = Int((wall - day * Self.secondsPerDay) / 60)
        return matchesDay(CivilDate(daysSinceEpoch: day), weekday: CivilDate.weekday(daysSinceEpoch: day))
            && hours & (1 << UInt64(minuteOfDay / 60)) != 0
            && minutes & (1 << UInt64(minuteOfDay % 60)) != 0
    }

    /// The first matching minute of a day at or after `minuteOfDay` (0-1439), or `nil`.
    func firstMatchingMinute(atOrAfter minuteOfDay: Int) -> Int? {
        var hour = minuteOfDay / 60
        var minute = minuteOfDay % 60
        while hour < 24 {
            if hours & (1 << UInt64(hour)) != 0 {
                let remaining = minutes >> UInt64(minute)
                if remaining != 0 {
                    return hour * 60 + minute + remaining.trailingZeroBitCount
                }
            }
            hour += 1
            minute = 0
        }
        return nil
    }

    /// The first matching wall-clock minute at or after `wall` (wall seconds, a multiple of 60),
    /// ignoring time zones entirely; `nil` if none within one 400-year cycle.
    ///
    /// Jumps over months that do not match and over hours and minutes using bit scans, so the
    /// cost is proportional to the number of candidate days inspected, not minutes.
    func firstMatchingWall(atOrAfter wall: Int64) -> Int64? {
        var day = CivilDate.floorDivide(wall, Self.secondsPerDay)
        var minuteOfDay = Int((wall - day * Self.secondsPerDay) / 60)
        let lastDay = day + Self.searchHorizonDays
        var date = CivilDate(daysSinceEpoch: day)
        while day <= lastDay {
            if months & (1 << UInt64(date.month)) == 0 {
                date = nextMatchingMonthStart(after: date)
                day = date.daysSinceEpoch
                minuteOfDay = 0
                continue
            }
            if matchesDay(date, weekday: CivilDate.weekday(daysSinceEpoch: day)),
                let minute = firstMatchingMinute(atOrAfter: minuteOfDay)
            {
                return day * Self.secondsPerDay + Int64(minute) * 60
            }
            day += 1
            minuteOfDay = 0
            if date.day < CivilDate.daysInMonth(date.month, of: date.year) {
                date.day += 1
            } else {
                date = CivilDate(year: date.month == 12 ? date.year + 1 : date.year, month: date.month % 12 + 1, day: 1)
            }
        }
        return nil
    }

    /// The first day of the next month after `date`'s month that the month field accepts.
    private func nextMatchingMonthStart(after date: CivilDate) -> CivilDate {
        var year = date.year
        var month = date.month
        repeat {
            if month == 12 {
                month = 1
                year += 1
            } else {
                month += 1
            }
        } while months & (1 << UInt64(month)) == 0
        return CivilDate(year: year, month: month, day: 1)
    }
}
