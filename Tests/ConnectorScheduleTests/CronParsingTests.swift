import ConnectorSchedule
import Testing

@Suite("CronExpression parsing")
struct CronParsingTests {
    /// Parses `text` and returns the values of `field`.
    func values(_ text: String, _ field: CronField) throws -> [Int] {
        try CronExpression(parsing: text).values(of: field)
    }

    @Test("single values, ranges, steps and lists")
    func fieldSyntax() throws {
        #expect(try values("*/15 * * * *", .minute) == [0, 15, 30, 45])
        #expect(try values("1-30/5 * * * *", .minute) == [1, 6, 11, 16, 21, 26])
        #expect(try values("5/10 * * * *", .minute) == [5, 15, 25, 35, 45, 55])
        #expect(try values("1,2,5-7 * * * *", .minute) == [1, 2, 5, 6, 7])
        #expect(try values("05 * * * *", .minute) == [5])
        #expect(try values("*/59 * * * *", .minute) == [0, 59])
        #expect(try values("0 9-17 * * *", .hour) == Array(9...17))
        #expect(try values("0 */6 * * *", .hour) == [0, 6, 12, 18])
        #expect(try values("0 0 1,15,31 * *", .dayOfMonth) == [1, 15, 31])
        #expect(try values("0 0 * * *", .dayOfMonth) == Array(1...31))
        #expect(try values("0 0 10/7 * *", .dayOfMonth) == [10, 17, 24, 31])
        #expect(try values("0 0 1 */3 *", .month) == [1, 4, 7, 10])
        #expect(try values("* * * * *", .minute) == Array(0...59))
    }

    @Test("month and weekday names, in any case")
    func names() throws {
        #expect(try values("0 0 1 jan,Mar-MAY *", .month) == [1, 3, 4, 5])
        #expect(try values("0 0 1 JAN-DEC/2 *", .month) == [1, 3, 5, 7, 9, 11])
        #expect(try values("0 9 * * mon-FRI", .dayOfWeek) == [1, 2, 3, 4, 5])
        #expect(try values("0 9 * * Sun,sat", .dayOfWeek) == [0, 6])
        #expect(try values("0 9 * * TUE/2", .dayOfWeek) == [2, 4, 6])
    }

    @Test("weekday 7 is Sunday")
    func sundayAsSeven() throws {
        #expect(try values("0 0 * * 7", .dayOfWeek) == [0])
        #expect(try values("0 0 * * 5-7", .dayOfWeek) == [0, 5, 6])
        #expect(try values("0 0 * * FRI-7", .dayOfWeek) == [0, 5, 6])
        #expect(try values("0 0 * * 0-7", .dayOfWeek) == Array(0...6))
        #expect(try values("0 0 * * */2", .dayOfWeek) == [0, 2, 4, 6])
        #expect(try values("0 0 * * */7", .dayOfWeek) == [0])
    }

    @Test(
        "macros",
        arguments: [
            ("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"), ("@monthly", "0 0 1 * *"),
            ("@weekly", "0 0 * * 0"), ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"), ("@hourly", "0 * * * *"),
        ])
    func macros(macro: String, fields: String) throws {
        let expanded = try CronExpression(parsing: macro)
        let spelledOut = try CronExpression(parsing: fields)
        for field in CronField.allCases {
            #expect(expanded.values(of: field) == spelledOut.values(of: field), "\(field)")
        }
        #expect(expanded.isFixedTime == spelledOut.isFixedTime)
        #expect(expanded.matchesEitherDayField == spelledOut.matchesEitherDayField)
        #expect(expanded.description == macro)
        #expect(try CronExpression(parsing: "  " + macro.uppercased() + "\t").description == macro)
    }

    @Test("description is the normalized expression")
    func normalizedDescription() throws {
        #expect(try CronExpression(parsing: "  0   9 * *  mon-fri ").description == "0 9 * * MON-FRI")
        #expect(try CronExpression(parsing: "*/15\t*\t*\t*\t*").description == "*/15 * * * *")
        #expect(try CronExpression(parsing: "0 0 1 jan *").description == "0 0 1 JAN *")
    }

    @Test("equality follows the normalized text")
    func equality() throws {
        #expect(try CronExpression(parsing: "0 0 * * mon") == CronExpression(parsing: "0  0 * * MON"))
        #expect(try CronExpression(parsing: "0 0 * * *") != CronExpression(parsing: "@daily"))
        #expect(try CronExpression(parsing: "0 0 * * 1") != CronExpression(parsing: "0 0 * * MON"))
        let set: Set = [try CronExpression(parsing: "@daily"), try CronExpression(parsing: "@DAILY")]
        #expect(set.count == 1)
    }

    @Test(
        "fixed-time classification follows Vixie's MIN_STAR and HR_STAR",
        arguments: [
            ("30 2 * * *", true), ("0,30 9-17 * * *", true), ("0 1-3 * * *", true), ("@daily", true),
            ("@weekly", true), ("*/15 2 * * *", false), ("30 * * * *", false), ("0 */2 * * *", false),
            ("@hourly", false), ("* * * * *", false), ("*/1 3 * * *", false),
        ])
    func fixedTime(text: String, fixed: Bool) throws {
        #expect(try CronExpression(parsing: text).isFixedTime == fixed)
    }

    @Test(
        "either day field suffices only when both are restricted",
        arguments: [
            ("0 0 1,15 * MON", true), ("0 0 1 * 1-5", true), ("0 0 * * MON", false), ("0 0 1 * *", false),
            ("0 0 */2 * MON", false), ("0 0 1 * */2", false), ("@weekly", false), ("@monthly", false),
        ])
    func eitherDay(text: String, either: Bool) throws {
        #expect(try CronExpression(parsing: text).matchesEitherDayField == either)
    }

    @Test(
        "day/month combinations that exist somewhere are accepted",
        arguments: [
            "0 0 29 2 *", "0 0 30 2 MON", "0 0 31 1-12 *", "0 0 30,31 2,4 *", "0 0 29 2 */7", "0 0 31 */2 *",
        ])
    func possibleCombinations(text: String) throws {
        _ = try CronExpression(parsing: text)
    }
}
