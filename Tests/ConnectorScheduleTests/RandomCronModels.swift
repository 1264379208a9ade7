/// Generates random but valid cron expressions with their expected value sets.
struct RandomCronModels {
    /// The written range of each field.
    static let ranges: [ClosedRange<Int>] = [0...59, 0...23, 1...31, 1...12, 0...7]
    /// Names for the month (index 3) and day-of-week (index 4) fields.
    static let names: [Int: [String]] = [
        3: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
        4: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
    ]

    /// The source of randomness.
    var generator: SeededGenerator

    /// `count` expressions that can run; about half have minutes on quarter hours only.
    mutating func models(count: Int) -> [CronModel] {
        var result: [CronModel] = []
        while result.count < count {
            let quarterHours = Bool.random(using: &generator)
            var fields: [CronModel.Field] = []
            for index in 0..<5 {
                fields.append(index == 0 && quarterHours ? quarterHourMinutes() : field(index))
            }
            let model = CronModel(fields)
            if model.canRun { result.append(model) }
        }
        return result
    }

    /// A minute field whose values are all multiples of 15.
    private mutating func quarterHourMinutes() -> CronModel.Field {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return .written("*/15", [0, 15, 30, 45])
        case 1: return .written("*/30", [0, 30])
        case 2: return .list([[0], [15], [30], [45], [0, 30], [15, 45]][Int.random(in: 0..<6, using: &generator)])
        default: return .written("0-45/15", [0, 15, 30, 45])
        }
    }

    /// A random field of kind `index` (0 minute … 4 day-of-week).
    private mutating func field(_ index: Int) -> CronModel.Field {
        let range = Self.ranges[index]
        let kind = Int.random(in: 0..<10, using: &generator)
        switch kind {
        case 0, 1, 2:
            return .star(range)
        case 3:
            let step = Int.random(in: 2...max(2, range.count / 3), using: &generator)
            return CronModel.Field(text: "*/\(step)", values: Set(stride(from: range.lowerBound, through: range.upperBound, by: step)))
                .foldingSunday(range)
        case 4:
            let start = value(in: range, index: index)
            let step = Int.random(in: 2...max(2, range.count / 4), using: &generator)
            return CronModel.Field(
                text: "\(start.text)/\(step)", values: Set(stride(from: start.number, through: range.upperBound, by: step))
            )
            .foldingSunday(range)
        case 5, 6:
            let (text, values) = rangeEntry(in: range, index: index, withStep: kind == 6)
            return CronModel.Field(text: text, values: values).foldingSunday(range)
        default:
            var texts: [String] = []
            var values = Set<Int>()
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                if Bool.random(using: &generator) {
                    let single = value(in: range, index: index)
                    texts.append(single.text)
                    values.insert(single.number)
                } else {
                    let entry = rangeEntry(in: range, index: index, withStep: false)
                    texts.append(entry.0)
                    values.formUnion(entry.1)
                }
            }
            return CronModel.Field(text: texts.joined(separator: ","), values: values).foldingSunday(range)
        }
    }

    /// `a-b` or `a-b/s` within `range`.
    private mutating func rangeEntry(in range: ClosedRange<Int>, index: Int, withStep: Bool) -> (String, Set<Int>) {
        var low = value(in: range, index: index)
        var high = value(in: range, index: index)
        if low.number > high.number { swap(&low, &high) }
        let step = withStep ? Int.random(in: 2...4, using: &generator) : 1
        let values = Set(stride(from: low.number, through: high.number, by: step))
        return ("\(low.text)-\(high.text)" + (withStep ? "/\(step)" : ""), values)
    }

    /// A value, spelled as a name in mixed case a third of the time where names exist.
    /// Hours favour 0-3, where daylight-saving changes happen.
    private mutating func value(in range: ClosedRange<Int>, index: Int) -> (text: String, number: Int) {
        let number =
            index == 1 && Bool.random(using: &generator)
            ? Int.random(in: 0...3, using: &generator)
            : Int.random(in: range, using: &generator)
        if let names = Self.names[index], Int.random(in: 0..<3, using: &generator) == 0 {
            let name = names[index == 3 ? number - 1 : number % 7]
            let spelled = [name, name.lowercased(), name.prefix(1) + name.dropFirst().lowercased()][
                Int.random(in: 0..<3, using: &generator)]
            return (spelled, index == 4 && number == 7 ? 0 : number)
        }
        return (String(number), number)
    }
}
