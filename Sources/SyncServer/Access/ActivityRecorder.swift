import Foundation
import Models
import SyncStorage
import Synchronization

/// Remembers when each replica last talked to the server (for the dashboard's "last sync"),
/// writing at most once per (replica, user) every `interval` seconds so that requests do not
/// each cost a database commit. The pair, not the replica id alone (a header anyone can send):
/// one user's requests naming another's replica never delay that user's record.
final class ActivityRecorder: Sendable {
    let store: ServerStore
    let interval: Int64
    private let written = Mutex<[String: Int64]>([:])
    /// Pairs remembered at most (random replica ids must not grow memory without bound): past
    /// it, those older than `interval` are forgotten.
    static let maxRemembered = 10_000

    init(store: ServerStore, intervalSeconds: Int64 = 30) {
        self.store = store
        interval = intervalSeconds * 1000
    }

    func seen(_ caller: Caller, now: Int64 = UnixTime.milliseconds()) {
        guard let replica = try? ReplicaID(validating: caller.replica) else { return }
        let key = caller.replica + " " + caller.user
        let due = written.withLock { written in
            guard now - (written[key] ?? .min / 2) >= interval else { return false }
            if written.count >= Self.maxRemembered {
                written = written.filter { now - $0.value < interval }
                // All recent: a flood of distinct ids; start over rather than grow.
                if written.count >= Self.maxRemembered { written.removeAll(keepingCapacity: true) }
            }
            written[key] = now
            return true
        }
        guard due else { return }
        let scope: Scope = caller.grant.municipality.map(Scope.municipality) ?? .shared
        try? store.activity.record(replica: replica, user: caller.user, scope: scope, at: now)
    }
}
