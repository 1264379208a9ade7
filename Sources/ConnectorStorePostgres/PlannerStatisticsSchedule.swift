/// When the store refreshes PostgreSQL's planner statistics of `files` (an `ANALYZE` of it) after bulk writes.
///
/// A table filled by a first sync has no statistics until autovacuum gets to it (up to a minute or more later), and
/// without them the planner answers lookups by id lists (removals, reads by id) by scanning every row of the
/// endpoint instead of probing the primary key. (A page's own lookup probes the key whatever the statistics say.)
/// PostgreSQL's own advice after a bulk load is to analyze; this does it each time the rows written since the last
/// refresh reach the rows written before it (at least ``minimumRows``), so a growing table is analyzed a logarithmic
/// number of times, each costing a bounded sample (about 30,000 rows), and a settled one rarely. The refresh runs
/// beside the writes (see ``PostgresCatalogStore/plannerStatisticsRequests``), never in their way.
struct PlannerStatisticsSchedule: Sendable {
    /// Rows written before the first refresh.
    static let minimumRows = 10_000

    private var writtenSinceRefresh = 0
    private var writtenBeforeRefresh = 0

    /// Records `count` rows inserted or rewritten; true when the statistics should be refreshed now.
    mutating func recordWrites(_ count: Int) -> Bool {
        writtenSinceRefresh += count
        guard writtenSinceRefresh >= max(Self.minimumRows, writtenBeforeRefresh) else { return false }
        writtenBeforeRefresh += writtenSinceRefresh
        writtenSinceRefresh = 0
        return true
    }
}
