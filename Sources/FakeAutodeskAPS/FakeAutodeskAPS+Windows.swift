extension FakeAutodeskAPS {
    /// The busiest window of `length` among request times, as Autodesk counts a family's requests against its budget:
    /// the most requests in any `[start, start + length)`, and the index (in `times` sorted) of the first of them.
    /// - Parameters:
    ///   - times: Arrival times (``LoggedRequest/at``), in any order.
    ///   - length: The window (a minute for the documented budgets).
    public static func busiestWindow(_ times: [Duration], length: Duration) -> (count: Int, first: Int) {
        let sorted = times.sorted()
        var busiest = (count: 0, first: 0)
        var end = 0
        for (first, start) in sorted.enumerated() {
            end = max(end, first)
            while end < sorted.count, sorted[end] < start + length { end += 1 }
            if end - first > busiest.count { busiest = (end - first, first) }
        }
        return busiest
    }
}
