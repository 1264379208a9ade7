import ConnectorModel
import ConnectorStore
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who runs syncs in this process, for the store's per-endpoint lease: several daemons on one PostgreSQL (or a
/// `reconcile` in CI next to a daemon) run each due sync exactly once.
public struct SyncLease: Sendable {
    /// This process's owner name, unique across processes (`host/pid/random`).
    public var owner: String
    /// How long a lease lasts unless renewed; a crashed holder's lease frees itself after this.
    public var duration: Duration

    /// A lease identity for this process.
    public init(owner: String = SyncLease.processOwner(), duration: Duration = .seconds(60)) {
        self.owner = owner
        self.duration = duration
    }

    /// `host/pid/8 hex digits`.
    public static func processOwner() -> String {
        let host = Self.hostName
        let random = String(UInt32.random(in: .min ... .max), radix: 16)
        return "\(host)/\(ProcessInfo.processInfo.processIdentifier)/\(random)"
    }

    /// Whether `owner` names a process on this host that no longer runs (killed, crashed): its lease is stale.
    public static func isDeadLocalProcess(_ owner: String) -> Bool {
        let parts = owner.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Self.hostName, let pid = Int32(parts[1]), pid > 0 else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// This machine's name from `gethostname` (the pod name in Kubernetes). Not `ProcessInfo.hostName`, which on
    /// Linux asks the resolver (Host.current) and can stall where no DNS answers.
    static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    var seconds: TimeInterval { duration.timeInterval }
}

extension SyncEngine {
    /// Runs the sync while holding `endpoint`'s lease, renewing it every third of its duration, and releases it
    /// afterwards. Returns nil without syncing when another process holds the lease or, with `onlyIfDue`, the
    /// endpoint is no longer due (another process has just synced it).
    public func sync(
        _ endpoint: StoredEndpoint, trigger: SyncTrigger, forceFull: Bool = false, lease: SyncLease, onlyIfDue: Bool,
        progress: (@Sendable (SyncProgress) -> Void)? = nil
    ) async throws -> SyncRunRecord? {
        let store = self.store
        let start = now()
        var claimed = try await store.claimSyncLease(
            endpoint: endpoint.name, owner: lease.owner, now: start, expiresAt: start.addingTimeInterval(lease.seconds),
            onlyIfDue: onlyIfDue, staleOwner: nil)
        if !claimed, let holder = try await store.syncLeaseHolder(endpoint: endpoint.name), SyncLease.isDeadLocalProcess(holder) {
            logger.notice(
                "taking over the sync lease of a process that is gone", metadata: ["endpoint": "\(endpoint.name)", "holder": "\(holder)"])
            claimed = try await store.claimSyncLease(
                endpoint: endpoint.name, owner: lease.owner, now: start, expiresAt: start.addingTimeInterval(lease.seconds),
                onlyIfDue: onlyIfDue, staleOwner: holder)
        }
        guard claimed else { return nil }
        let run = try await withThrowingTaskGroup(of: SyncRunRecord?.self, returning: SyncRunRecord?.self) { group in
            group.addTask { try await self.sync(endpoint, trigger: trigger, forceFull: forceFull, progress: progress) }
            group.addTask {
                await self.renew(endpoint.name, lease: lease)
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let run = result { return run }
            }
            return nil
        }
        try? await uncancellable { try await store.releaseSyncLease(endpoint: endpoint.name, owner: lease.owner) }
        return run
    }

    /// Renews the lease until cancelled. A lost lease or a failed renewal is logged and the run goes on (it still
    /// records itself); the store being briefly away must not abort a sync that can still commit.
    private func renew(_ endpoint: String, lease: SyncLease) async {
        while (try? await Task.sleep(for: lease.duration / 3)) != nil {
            do {
                let held = try await store.renewSyncLease(
                    endpoint: endpoint, owner: lease.owner, expiresAt: now().addingTimeInterval(lease.seconds))
                if !held { logger.warning("sync lease lost", metadata: ["endpoint": "\(endpoint)"]) }
            } catch {
                logger.warning("sync lease not renewed", metadata: ["endpoint": "\(endpoint)", "error": "\(Self.describe(error))"])
            }
        }
    }
}
