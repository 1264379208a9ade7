import ConnectorModel
import Foundation

/// Which process syncs an endpoint: a lease row per endpoint, taken, renewed and given up in transactions, so that of
/// several processes on one store exactly one runs a due sync.
public protocol SyncLeases: Sendable {
    /// Takes `endpoint`'s sync lease for `owner` until `expiresAt`, unless another owner holds one that has not
    /// expired at `now`; with `onlyIfDue`, also only when the endpoint is active and due at `now`. Check and take
    /// happen in one transaction, so of several processes racing for one due sync exactly one wins.
    /// `staleOwner` names a holder known to be dead (a killed process on this host): its lease is taken over even
    /// before it expires.
    /// - Returns: Whether `owner` holds the lease now.
    func claimSyncLease(
        endpoint: String, owner: String, now: Date, expiresAt: Date, onlyIfDue: Bool, staleOwner: String?
    ) async throws -> Bool

    /// Who holds `endpoint`'s sync lease, if anyone (expired leases included).
    func syncLeaseHolder(endpoint: String) async throws -> String?

    /// Extends the lease `owner` holds on `endpoint`; false when it no longer holds it.
    func renewSyncLease(endpoint: String, owner: String, expiresAt: Date) async throws -> Bool

    /// Gives up the lease `owner` holds on `endpoint`, if any.
    func releaseSyncLease(endpoint: String, owner: String) async throws
}
