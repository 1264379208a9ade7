import ConnectorModel
import Foundation

/// The store behind the catalog: endpoints, files, sync runs, cursors and the change log, as the six seams its users
/// need.
///
/// Two implementations pass one conformance suite (`StoreConformance` in the test support target, its checks grouped
/// by seam): SQLite (embedded default) and PostgreSQL (production, several replicas). Every write that must not
/// interleave with another process's (a reconcile) runs under the store's exclusive lock. Code that needs one seam
/// takes that protocol, so a test double implements only what it is asked.
public protocol CatalogStore: StoreSchema, EndpointCatalog, CatalogQueries, SyncJournal, SyncLeases, ChangeLog, SinkDeliveries {
    /// A description safe to print: the SQLite path, or the PostgreSQL URL without its password.
    var description: String { get }
}
