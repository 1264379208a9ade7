import Foundation
import NIOConcurrencyHelpers

/// What the daemon knows about itself, for `/readyz` and the logs: the last reconcile's outcome (with the located
/// manifest errors when it was refused), whether the store answered last time, and whether it is shutting down.
public final class DaemonStatus: Sendable {
    /// One reconcile's outcome.
    public struct Reconcile: Sendable, Hashable {
        /// When it ran.
        public var at: Date
        /// `applied`, `unchanged`, `behind` (this copy of the manifests is older than the store's), `invalid`,
        /// `refused`, `conflict` or `failed`.
        public var result: String
        /// True when the manifests on disk are what the store holds.
        public var isGood: Bool
        /// Located errors (`file:line:col: message`), or the failure, in words safe to show.
        public var detail: [String]
    }

    private struct State {
        var lastReconcile: Reconcile?
        var shuttingDown = false
    }

    private let state = NIOLockedValueBox(State())

    /// A status with nothing reconciled yet.
    public init() {}

    /// The last reconcile, if any.
    public var lastReconcile: Reconcile? { state.withLockedValue { $0.lastReconcile } }

    /// True once SIGTERM/SIGINT was received.
    public var isShuttingDown: Bool { state.withLockedValue { $0.shuttingDown } }

    /// Records a reconcile's outcome.
    public func record(_ reconcile: Reconcile) {
        state.withLockedValue { $0.lastReconcile = reconcile }
    }

    /// Marks the daemon as shutting down: `/readyz` answers 503 from now on.
    public func beginShutdown() {
        state.withLockedValue { $0.shuttingDown = true }
    }
}
