import ConnectorJSON
import ConnectorModel
import ConnectorSchedule

/// Schedule and duration rules: exactly one of interval, cron or manual; `timezone` only with cron
/// and an IANA name; `jitter` only with interval; a cron expression that parses and can run;
/// every duration within its range.
struct ScheduleCheck {
    /// The accepted range of each duration field, by pointer.
    static let durationRanges: [(pointer: JSONPointer, minimum: GoDuration, maximum: GoDuration)] = [
        (JSONPointer(tokens: ["spec", "schedule", "interval"]), .seconds(30), .hours(30 * 24)),
        (JSONPointer(tokens: ["spec", "schedule", "jitter"]), .seconds(0), .hours(24)),
        (JSONPointer(tokens: ["spec", "sync", "fullResyncEvery"]), .minutes(1), .hours(90 * 24)),
        (JSONPointer(tokens: ["spec", "sync", "timeout"]), .seconds(1), .hours(24)),
    ]

    func diagnostics(for document: ManifestDocument) -> [Diagnostic] {
        var diagnostics = shapeDiagnostics(for: document)
        for range in Self.durationRanges {
            guard let text = range.pointer.resolve(in: document.value)?.stringValue else { continue }
            let outOfRange = Diagnostic(
                at: document.location(of: range.pointer), pointer: range.pointer, code: "duration-range",
                "expected a duration from \(range.minimum.abbreviated) to \(range.maximum.abbreviated), got \(text)")
            do {
                let duration = try GoDuration(parsing: text)
                if duration < range.minimum || duration > range.maximum { diagnostics.append(outOfRange) }
            } catch {
                // Text that is no duration at all fails the schema's pattern, which reports it; a duration too large
                // for any clock (`9999999h`) matches the pattern and is out of range.
                if case .outOfRange = error.reason { diagnostics.append(outOfRange) }
            }
        }
        return diagnostics
    }

    private func shapeDiagnostics(for document: ManifestDocument) -> [Diagnostic] {
        let pointer = JSONPointer(tokens: ["spec", "schedule"])
        guard let schedule = pointer.resolve(in: document.value)?.objectValue else { return [] }
        var diagnostics: [Diagnostic] = []
        let forms = ["interval", "cron", "manual"].filter { schedule.contains($0) }
        if forms.count > 1 {
            diagnostics.append(
                Diagnostic(
                    at: document.keyLocation(of: pointer.appending(forms[1])), pointer: pointer, code: "schedule",
                    "expected exactly one of interval, cron or manual, got \(forms.joined(separator: " and "))"))
        } else if forms.isEmpty {
            diagnostics.append(
                Diagnostic(
                    at: document.location(of: pointer), pointer: pointer, code: "schedule",
                    "expected one of interval, cron or manual"))
        }
        if schedule.contains("timezone"), !schedule.contains("cron") {
            diagnostics.append(
                Diagnostic(
                    at: document.keyLocation(of: pointer.appending("timezone")), pointer: pointer.appending("timezone"),
                    code: "schedule", "timezone applies only to cron schedules"))
        }
        if schedule.contains("jitter"), !schedule.contains("interval") {
            diagnostics.append(
                Diagnostic(
                    at: document.keyLocation(of: pointer.appending("jitter")), pointer: pointer.appending("jitter"),
                    code: "schedule", "jitter applies only to interval schedules"))
        }
        if let cron = schedule["cron"]?.stringValue {
            do {
                _ = try CronExpression(parsing: cron)
            } catch {
                let cronPointer = pointer.appending("cron")
                diagnostics.append(
                    Diagnostic(
                        at: document.location(of: cronPointer), pointer: cronPointer, code: "cron",
                        "invalid cron expression \"\(cron)\": \(error.message)"))
            }
        }
        if let zone = schedule["timezone"]?.stringValue {
            do {
                _ = try ScheduleTimeZone(identifier: zone)
            } catch {
                let zonePointer = pointer.appending("timezone")
                diagnostics.append(
                    Diagnostic(
                        at: document.location(of: zonePointer), pointer: zonePointer, code: "timezone", error.message))
            }
        }
        return diagnostics
    }
}
