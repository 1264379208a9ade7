import ConnectorModel
import Foundation
import Testing

/// The hand-written RFC 3339 formatter agrees with Foundation's, and parses back.
@Suite struct TimestampTests {
    /// Times exact in binary, so Foundation's formatter has no rounding of its own to disagree with:
    /// the epoch, leap days, centuries, the end of 2099.
    @Test(arguments: [0.0, 1.5, 951_782_400.25, 951_868_799.5, 1_795_000_000.125, 1_709_164_800.0, 4_102_444_799.5, 978_307_200.75])
    func millisecondFormattingMatchesFoundation(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let ours = Timestamp.rfc3339Milliseconds(date)
        #expect(ours == date.ISO8601Format(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        #expect(Timestamp.parse(ours) == date)
    }

    @Test func millisecondsAreTruncatedNotRounded() {
        #expect(Timestamp.rfc3339Milliseconds(Date(timeIntervalSince1970: 1_800_000_000.9996)) == "2027-01-15T08:00:00.999Z")
        #expect(Timestamp.rfc3339Milliseconds(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }
}
