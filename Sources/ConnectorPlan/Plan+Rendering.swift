import ConnectorJSON
import ConnectorModel

extension Plan {
    /// The Terraform-like text form (docs/cli.md), one line per endpoint and due sync, then a summary.
    /// - Parameter color: colour the markers (only on a terminal).
    public func renderText(color: Bool = false) -> String {
        let width = max(28, (changes.map { "endpoint/\($0.name)".count } + dueSyncs.map { "sync \($0.endpoint)".count }).max() ?? 0) + 2
        var lines: [String] = []
        for change in changes {
            let (marker, paint) = Self.marker(for: change.action)
            let subject = "endpoint/\(change.name)".padding(toLength: width, withPad: " ", startingAt: 0)
            let prefix = color ? "\u{1B}[\(paint)m\(marker)\u{1B}[0m" : marker
            lines.append("\(prefix) \(subject) \(Self.describe(change))")
        }
        for sync in dueSyncs {
            let subject = "sync \(sync.endpoint)".padding(toLength: width, withPad: " ", startingAt: 0)
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
        switch change.action {
        case .create: return "create (\(change.summary ?? ""))"
        case .revive:
            return "revive (\(change.summary ?? ""))"
        case .retire: return "retire"
        case .unchanged: return change.summary.map { "unchanged, \($0)" } ?? "unchanged"
        case .update:
            let fields = change.fields.map { "\($0.path) \($0.old ?? "(none)") -> \($0.new ?? "(none)")" }
            var text = "update: " + fields.joined(separator: ", ")
            if change.resetsCursor { text += "; scope changed, next sync lists everything" }
            return text
        }
    }

    /// The stable JSON form (`plan --output json`), documented in docs/cli.md.
    public func renderJSON() -> String {
        jsonValue.prettyJSONString() + "\n"
    }

    /// The plan as a JSON value.
    public var jsonValue: JSONValue {
        let changeValues: [JSONValue] = changes.map { change in
            var object: JSONObject = ["name": .string(change.name), "action": .string(change.action.rawValue)]
            object["fields"] = .array(
                change.fields.map { field in
                    [
                        "path": .string(field.path), "old": field.old.map { .string($0) } ?? .null,
                        "new": field.new.map { .string($0) } ?? .null,
                    ]
                })
            object["summary"] = change.summary.map { .string($0) } ?? .null
            object["resetsCursor"] = .bool(change.resetsCursor)
            object["generation"] = change.write.map { .integer($0.record.generation) } ?? .null
            return .object(object)
        }
        return [
            "createdAt": .string(Timestamp.rfc3339(createdAt)),
            "hasChanges": .bool(hasChanges),
            "refusal": refusal.map { .string($0) } ?? .null,
            "summary": [
                "create": .integer(count(.create)), "update": .integer(count(.update)),
                "retire": .integer(count(.retire)), "revive": .integer(count(.revive)),
                "unchanged": .integer(count(.unchanged)), "syncsDue": .integer(dueSyncs.count),
            ],
            "changes": .array(changeValues),
            "dueSyncs": .array(dueSyncs.map { ["endpoint": .string($0.endpoint), "reason": .string($0.reason), "full": .bool($0.full)] }),
        ]
    }
}
