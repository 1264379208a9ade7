extension ScheduleTimeZone {
    /// Common spellings of UTC that are not in the accepted list.
    static let utcAliases: Set<String> = [
        "z", "zulu", "utc", "etc/utc", "etc/uct", "uct", "universal", "etc/universal", "etc/zulu",
        "gmt0", "etc/gmt", "etc/gmt0", "etc/gmt+0", "etc/gmt-0", "utc+0", "utc0", "+00:00", "greenwich",
    ]

    /// Up to three accepted names close to `name`, best first.
    ///
    /// Compares case-insensitively, with blanks and underscores treated alike, both the whole
    /// name and the city part (so "berlin" and "Europe/Berln" both suggest "Europe/Berlin").
    static func suggestions(for name: String) -> [String] {
        let wanted = normalized(name)
        guard !wanted.isEmpty else { return [] }
        if utcAliases.contains(String(wanted)) { return ["UTC"] }
        let wantedCity = wanted.split(separator: "/").last.map(Array.init) ?? wanted
        let cityPenalty = wanted.contains("/") ? 1 : 0
        var scored: [(name: String, distance: Int)] = []
        for candidate in knownIdentifiers {
            let normalizedCandidate = normalized(candidate)
            let city = normalizedCandidate.split(separator: "/").last.map(Array.init) ?? normalizedCandidate
            let limit = max(1, min(wanted.count, city.count) / 4)
            let distance = min(
                editDistance(wanted, normalizedCandidate, over: limit),
                editDistance(wantedCity, city, over: limit - cityPenalty) + cityPenalty
            )
            if distance <= limit {
                scored.append((candidate, distance))
            }
        }
        scored.sort { ($0.distance, $0.name) < ($1.distance, $1.name) }
        return scored.prefix(3).map(\.name)
    }

    /// Lower-cased characters with blanks and hyphens spelled as underscores.
    private static func normalized(_ name: String) -> [Character] {
        name.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 }
    }

    /// ``editDistance(_:_:)``, or `limit + 1` when the lengths alone differ by more than `limit` (the distance
    /// is at least that difference). Keeps a long misspelling from costing its length times every zone name.
    private static func editDistance(_ lhs: [Character], _ rhs: [Character], over limit: Int) -> Int {
        abs(lhs.count - rhs.count) > limit ? limit + 1 : editDistance(lhs, rhs)
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// neighbouring characters each cost one.
    static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var previousRow: [Int] = []
        var row = Array(0...rhs.count)
        for i in 1...lhs.count {
            let beforePrevious = previousRow
            previousRow = row
            row = [i] + Array(repeating: 0, count: rhs.count)
            for j in 1...rhs.count {
                let cost = lhs[i - 1] == rhs[j - 1] ? 0 : 1
                row[j] = min(previousRow[j] + 1, row[j - 1] + 1, previousRow[j - 1] + cost)
                if i > 1, j > 1, lhs[i - 1] == rhs[j - 2], lhs[i - 2] == rhs[j - 1] {
                    row[j] = min(row[j], beforePrevious[j - 2] + 1)
                }
            }
        }
        return row[rhs.count]
    }
}
