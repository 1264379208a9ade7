import ConnectorSchedule
import Foundation
import FuzzSupport

/// Cron expressions, Go durations and time-zone names, as a manifest's `spec.schedule` gives them.
///
/// Input: byte 0 picks a zone from ``zones``, byte 1 how to read the start instant from bytes 2-9 (a time
/// between 1970 and 2100, or any 64-bit value, which reaches the evaluator's ±2.5e11 s guard), then text lines:
/// a cron expression, an optional zone name (used instead of the picked zone when it is valid) and an optional
/// Go duration. Checked: next run times strictly increase; a normalized expression or duration parses back to
/// itself.
@_cdecl("FuzzCron_main")
public func fuzzCronMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzerDriver.run(argc, argv, testOneInput: fuzzCron)
}

/// Zones with unusual transitions: 30-minute DST, skipped days, negative DST, odd offsets.
let zones = [
    "UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "Pacific/Kiritimati",
    "Asia/Kathmandu", "America/St_Johns", "Antarctica/Troll", "Africa/Casablanca", "Europe/Dublin",
    "America/Santiago", "Asia/Tehran", "Pacific/Chatham", "America/Havana", "Asia/Gaza",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCron(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(FuzzerDriver.bytes(data, size))
    let zoneIndex = Int(input.byte()) % zones.count
    let startMode = input.byte()
    let raw = input.int64()
    let start: Date
    if startMode & 1 == 0 {
        start = Date(timeIntervalSince1970: Double(raw.magnitude % 4_102_444_800) + Double(startMode) / 256)
    } else {
        start = Date(timeIntervalSince1970: Double(raw % 300_000_000_000))
    }
    let lines = input.restText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var zone = (try? ScheduleTimeZone(identifier: zones[zoneIndex])) ?? .utc
    if lines.count > 1 {
        do {
            zone = try ScheduleTimeZone(identifier: lines[1])
        } catch {
            _ = error.message
        }
    }
    if let text = lines.first { checkCron(text, zone: zone, start: start) }
    if lines.count > 2 { checkDuration(lines[2], start: start) }
    return 0
}

func checkCron(_ text: String, zone: ScheduleTimeZone, start: Date) {
    let expression: CronExpression
    do {
        expression = try CronExpression(parsing: text)
    } catch {
        _ = error.message
        return
    }
    guard let again = try? CronExpression(parsing: expression.description), again == expression else {
        fatalError("normalized cron expression does not parse back to itself: \(expression.description)")
    }
    for field in [CronField.minute, .hour, .dayOfMonth, .month, .dayOfWeek] { _ = expression.values(of: field) }
    let dates = expression.dates(after: start, in: zone.timeZone, count: 4)
    var previous = start
    for date in dates {
        guard date > previous else { fatalError("cron \(expression) in \(zone): \(date) does not follow \(previous)") }
        previous = date
    }
    let schedule = Schedule.cron(expression, timeZone: zone)
    _ = schedule.description
    _ = schedule.nextRun(after: start, now: start.addingTimeInterval(3600))
    _ = schedule.longestGap(after: start, slots: 3)
}

func checkDuration(_ text: String, start: Date) {
    let duration: GoDuration
    do {
        duration = try GoDuration(parsing: text)
    } catch {
        _ = error.message
        return
    }
    guard let again = try? GoDuration(parsing: duration.description), again == duration else {
        fatalError("Go duration \(duration.description) does not parse back to itself")
    }
    _ = duration.abbreviated
    _ = duration.seconds
    _ = duration.duration
    guard let schedule = try? Schedule.interval(parsing: text, jitter: IntervalJitter(maximum: duration, endpoint: text)) else { return }
    _ = schedule.description
    _ = schedule.nextRun(after: start, now: start)
    _ = schedule.longestGap(after: start)
}
