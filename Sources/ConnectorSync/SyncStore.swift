import ConnectorStore

/// The seams of a store a sync uses: its journal (runs, pages, folders, the sweep), the endpoint leases, and the
/// catalog's files by id (what a page's files were).
public typealias SyncStore = SyncJournal & SyncLeases & CatalogQueries
