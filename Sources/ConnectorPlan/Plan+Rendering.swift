import ConnectorJSON
import ConnectorModel

extension Plan {
    /// The Terraform-like text form (docs/cli.md), one line per endpoint, sink and due sync, then a summary.
    /// - Parameter color: colour the markers (only on a terminal).
    public func renderText(color: Bool = false) -> String {
        let subjects =
            changes.map { "endpoint/\($0.name)" } + sinkChanges.map { "sink/\($0.name)" } + dueSyncs.map { "sync \($0.endpoint)" }
        let width = max(28, subjects.map(\.count).max() ?? 0) + 2
        var lines: [String] = manifests.map { [$0.line] } ?? []
        func line(_ action: EndpointChange.Action, _ subject: String, _ description: String) {
            let (marker, paint) = Self.marker(for: action)
            let prefix = color ? "\u{1B}[\(paint)m\(marker)\u{1B}[0m" : marker
            lines.append("\(prefix) \(subject.padded(toWidth: width)) \(description)")
        }
        for change in changes {
            line(change.action, "endpoint/\(change.name)", Self.describe(change))
        }
        for change in sinkChanges {
            line(change.action, "sink/\(change.name)", Self.describe(change.action, summary: change.summary, fields: change.fields))
        }
        for sync in dueSyncs {
            let subject = "sync \(sync.endpoint)".padded(toWidth: width)
            lines.append("> \(subject) due (\(sync.reason)\(sync.full ? ", full listing" : ""))")
        }
        lines.append(summaryLine)
        if !hasChanges { lines.append("No changes: the store matches the manifests.") }
        if let refusal { lines.append("Refused: \(refusal)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `Plan: 1 to create, 1 to update, 1 to retire, 1 sync due.`
    public var summaryLine: String {
        var parts = ["\(count(.create)) to create", "\(count(.update)) to update", "\(count(.retire)) to retire"]
        if count(.revive) > 0 { parts.append("\(count(.revive)) to revive") }
        parts.append("\(dueSyncs.count) sync\(dueSyncs.count == 1 ? "" : "s") due")
        return "Plan: " + parts.joined(separator: ", ") + "."
    }

    private static func marker(for action: EndpointChange.Action) -> (String, String) {
        switch action {
        case .create: ("+", "32")
        case .revive: ("+", "32")
        case .update: ("~", "33")
        case .retire: ("-", "31")
        case .unchanged: ("=", "2")
        }
    }

    private static func describe(_ change: EndpointChange) -> String {
        var text = describe(change.action, summary: change.summary, fields: change.fields)
        if change.action == .update, change.resetsCursor { text += "; scope changed, next sync lists everything" }
        return text
    }

    private static func describe(_ action: EndpointChange.Action, summary: String?, fields: [FieldChange]) -> String {
        switch action {
        case .create: return "create (\(summary ?? ""))"
        case .revive: return "revive (\(summary ?? ""))"
        case .retire: return "retire"
        case .unchanged: return summary.map { "unchanged, \($0)" } ?? "unchanged"
        case .update: return "update: " + fields.map { "\($0.path) \($0.old ?? "(none)") -> \($0.new ?? "(none)")" }.joined(separator: ", ")
        }
    }

    /// The stable JSON form (`plan --output json`), documented in docs/cli.md.
    public func renderJSON() -> String {
        jsonValue.prettyJSONString() + "\n"
    }

    /// The plan as a JSON value.
    public var jsonValue: JSONValue {
        func value(_ name: String, _ action: EndpointChange.Action, _ fields: [FieldChange], _ summary: String?) -> JSONObject {
            var object: JSONObject = ["name": .string(name), "action": .string(action.rawValue)]
            object["fields"] = .array(
                fields.map { field in
                    [
                        "path": .string(field.path), "old": field.old.map { .string($0) } ?? .null,
                        "new": field.new.map { .string($0) } ?? .null,
                    ]
                })
            object["summary"] = summary.map { .string($0) } ?? .null
            return object
        }
        let changeValues: [JSONValue] = changes.map { change in
            var object = value(change.name, change.action, change.fields, change.summary)
            object["resetsCursor"] = .bool(change.resetsCursor)
            object["generation"] = change.write.map { .integer($0.record.generation) } ?? .null
            return .object(object)
        }
        let sinkValues: [JSONValue] = sinkChanges.map { change in
            var object = value(change.name, change.action, change.fields, change.summary)
            object["generation"] = change.write.map { .integer($0.record.generation) } ?? .null
            return .object(object)
        }
        return [
            "createdAt": .string(Timestamp.rfc3339(createdAt)),
            "hasChanges": .bool(hasChanges),
            "refusal": refusal.map { .string($0) } ?? .null,
            "manifests": manifests.map { check in
                [
                    "version": check.own.map(Self.json) ?? .null, "stored": check.stored.map(Self.json) ?? .null,
                    "verdict": .string(check.verdict.rawValue),
                ]
            } ?? .null,
            "summary": [
                "create": .integer(count(.create)), "update": .integer(count(.update)),
                "retire": .integer(count(.retire)), "revive": .integer(count(.revive)),
                "unchanged": .integer(count(.unchanged)), "syncsDue": .integer(dueSyncs.count),
            ],
            "changes": .array(changeValues),
            "sinkChanges": .array(sinkValues),
            "dueSyncs": .array(dueSyncs.map { ["endpoint": .string($0.endpoint), "reason": .string($0.reason), "full": .bool($0.full)] }),
        ]
    }

    private static func json(_ version: ManifestVersion) -> JSONValue {
        [
            "source": .string(version.source.rawValue), "time": .string(Timestamp.rfc3339Milliseconds(version.time)),
            "identity": version.identity.map { .string($0) } ?? .null, "contentHash": .string(version.contentHash),
        ]
    }
}
