import Foundation

/// A validated IANA time zone name together with the `TimeZone` it denotes.
///
/// Only names listed in `TimeZone.knownTimeZoneIdentifiers`, plus "UTC", are accepted, plus
/// the current IANA spelling of zones that ICU lists under an older name (on Linux the list
/// has "Asia/Calcutta" but not "Asia/Kolkata"). Abbreviations such as "CEST" or "EST" are
/// ambiguous and are rejected (unless the system's list happens to include them), as is
/// anything misspelled, with close matches suggested.
/// The name is kept as written, so "UTC" stays "UTC" where Foundation would say "GMT".
public struct ScheduleTimeZone: Sendable, Hashable, CustomStringConvertible {
    /// The IANA name, e.g. "Europe/Berlin" or "UTC".
    public let identifier: String
    /// The Foundation time zone for ``identifier``.
    public let timeZone: TimeZone

    /// UTC, the default when a manifest gives no `timezone`.
    public static let utc = ScheduleTimeZone(validated: "UTC", timeZone: TimeZone(secondsFromGMT: 0) ?? .gmt)

    /// Every accepted name: the system's known identifiers, "UTC", and those of
    /// ``currentNamesOfRenamedZones`` that the system can load.
    public static let knownIdentifiers: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers)
        .union(["UTC"])
        .union(currentNamesOfRenamedZones.filter { TimeZone(identifier: $0) != nil })

    /// Current IANA names of zones whose ICU/CLDR canonical name is an older spelling, which
    /// `knownTimeZoneIdentifiers` may list instead (Asia/Calcutta for Asia/Kolkata).
    static let currentNamesOfRenamedZones: [String] = [
        "Asia/Kolkata", "Asia/Kathmandu", "Asia/Ho_Chi_Minh", "Asia/Yangon", "Europe/Kyiv",
        "Atlantic/Faroe", "America/Nuuk", "Pacific/Chuuk", "Pacific/Pohnpei", "Pacific/Kanton",
    ]

    /// Validates `identifier` as an IANA time zone name.
    ///
    /// - Throws: ``UnknownTimeZoneError`` with up to three close matches, e.g. for
    ///   "Europe/Berln": `unknown time zone "Europe/Berln"; did you mean "Europe/Berlin"?`
    public init(identifier: String) throws(UnknownTimeZoneError) {
        if identifier == "UTC" {
            self = .utc
            return
        }
        guard Self.knownIdentifiers.contains(identifier), let timeZone = TimeZone(identifier: identifier) else {
            throw UnknownTimeZoneError(name: identifier, suggestions: Self.suggestions(for: identifier))
        }
        self.init(validated: identifier, timeZone: timeZone)
    }

    /// Wraps an identifier known to be valid.
    private init(validated identifier: String, timeZone: TimeZone) {
        self.identifier = identifier
        self.timeZone = timeZone
    }

    /// Whether `name` is an accepted IANA time zone name (see the type's documentation).
    public static func isValidIANATimeZone(_ name: String) -> Bool {
        knownIdentifiers.contains(name)
    }

    /// The identifier, e.g. "Europe/Berlin".
    public var description: String { identifier }

    /// Time zones are equal when their identifiers are.
    public static func == (lhs: ScheduleTimeZone, rhs: ScheduleTimeZone) -> Bool {
        lhs.identifier == rhs.identifier
    }

    /// Hashes the identifier.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(identifier)
    }
}
