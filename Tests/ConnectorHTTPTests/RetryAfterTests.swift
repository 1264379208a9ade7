import ConnectorHTTP
import Foundation
import Testing

@Suite("Retry-After parsing and the backoff formula")
struct RetryAfterTests {
    static let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT

    @Test("delta-seconds", arguments: [("0", 0), ("2", 2), (" 25 ", 25), ("0120", 120), ("3600", 3600)])
    func deltaSeconds(header: String, seconds: Int) {
        #expect(RetryAfter.parse(header, now: Self.now) == .seconds(seconds))
    }

    @Test(
        "malformed values give nil",
        arguments: [
            "", "-1", "1.5", "2s", "soon", "Sun, 06 Nov 1994", "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
        ])
    func malformed(header: String) {
        #expect(RetryAfter.parse(header, now: Self.now) == nil)
    }

    @Test("a huge number is clamped rather than overflowing")
    func huge() {
        let parsed = RetryAfter.parse("99999999999999999999999", now: Self.now)
        #expect(parsed != nil)
        #expect(parsed.map { $0 > .seconds(1_000_000_000) } == true)
    }

    @Test(
        "the three HTTP-date formats name the same instant",
        arguments: [
            "Sun, 06 Nov 1994 08:50:07 GMT", "Sunday, 06-Nov-94 08:50:07 GMT", "Sun Nov  6 08:50:07 1994",
        ])
    func httpDates(header: String) {
        #expect(RetryAfter.parse(header, now: Self.now) == .seconds(30))
        #expect(RetryAfter.httpDate(header) == Self.now.addingTimeInterval(30))
    }

    @Test("a date in the past means no wait; dates are converted exactly across years")
    func pastAndCalendar() {
        #expect(RetryAfter.parse("Sat, 05 Nov 1994 08:49:37 GMT", now: Self.now) == .zero)
        #expect(RetryAfter.httpDate("Thu, 01 Jan 1970 00:00:00 GMT") == Date(timeIntervalSince1970: 0))
        #expect(RetryAfter.httpDate("Tue, 29 Feb 2028 12:00:00 GMT") == Date(timeIntervalSince1970: 1_835_438_400))
        #expect(RetryAfter.httpDate("Thursday, 01-Jan-15 00:00:00 GMT") == Date(timeIntervalSince1970: 1_420_070_400))
    }

    @Test("ceilings double from the base and stop at the cap")
    func ceilings() {
        let policy = RetryPolicy(baseDelay: .milliseconds(500), maxDelay: .seconds(30))
        let expected: [Duration] = [
            .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30),
        ]
        #expect((0..<8).map { policy.ceiling(forRetry: $0) } == expected)
        #expect(policy.ceiling(forRetry: 500) == .seconds(30))
        #expect(policy.backoff(forRetry: 3, unit: 0) == .zero)
        #expect(policy.backoff(forRetry: 3, unit: 0.5) == .seconds(2))
        #expect(policy.backoff(forRetry: 100, unit: 0.25) == .seconds(7.5))
    }

    @Test("the default policy matches the documented values")
    func defaults() {
        let policy = RetryPolicy.standard
        #expect(policy.maxAttempts == 6)
        #expect(policy.baseDelay == .milliseconds(500))
        #expect(policy.maxDelay == .seconds(30))
        #expect(policy.maxRetryAfter == .seconds(300))
        #expect(ProviderHTTPClient.Configuration().maxBodyBytes == 32 * 1024 * 1024)
    }
}
