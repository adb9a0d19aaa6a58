import Foundation
import Models
import SyncStorage
import Synchronization

/// Remembers when each replica last talked to the server (for the dashboard's "last sync"),
/// writing at most once per replica every `interval` seconds so that requests do not each cost
/// a database commit.
final class ActivityRecorder: Sendable {
    let store: ServerStore
    let interval: Int64
    private let written = Mutex<[String: Int64]>([:])

    init(store: ServerStore, intervalSeconds: Int64 = 30) {
        self.store = store
        interval = intervalSeconds * 1000
    }

    func seen(_ caller: Caller, now: Int64 = UnixTime.milliseconds()) {
        guard let replica = try? ReplicaID(validating: caller.replica) else { return }
        let due = written.withLock { written in
            guard now - (written[caller.replica] ?? .min / 2) >= interval else { return false }
            written[caller.replica] = now
            return true
        }
        guard due else { return }
        let scope: Scope = caller.grant.municipality.map(Scope.municipality) ?? .shared
        try? store.recordActivity(replica: replica, user: caller.user, scope: scope, at: now)
    }
}
