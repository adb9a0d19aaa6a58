import Foundation
import Models
import SyncStorage
import Synchronization

/// Remembers when each replica last talked to the server (for the dashboard's "last sync"),
/// writing at most once per (replica, user) every `interval` seconds so that requests do not
/// each cost a database commit. The pair, not the replica id alone (a header anyone can send):
/// one user's requests naming another's replica never delay that user's record.
///
/// A user is recorded with at most `replicasPerUser` replica ids a day: an outside review sent
/// `GET /v1/whoami` with a new random `Renkei-Replica` at every request, and each wrote a row
/// that was never removed (100,000 rows in 70 s, uncharged reads, with the budget spent), until
/// one dashboard page took 55 s and 800 MB and held every municipality's pulls and pushes. An id
/// beyond the user's eight is not recorded until one of them has been silent for a day. Memory:
/// eight entries per user who has made a request since the server started.
final class ActivityRecorder: Sendable {
    let store: ServerStore
    /// Milliseconds between two writes for one (replica, user).
    let interval: Int64
    /// User -> replica id (hex) -> Unix milliseconds of its last write.
    private let written = Mutex<[String: [String: Int64]]>([:])
    /// Replica ids recorded per user within `forgetAfter`.
    static let replicasPerUser = 8
    /// Milliseconds after which a replica id's place goes to another (a day).
    static let forgetAfter: Int64 = 86_400_000

    init(store: ServerStore, intervalSeconds: Int64 = 30) {
        self.store = store
        interval = intervalSeconds * 1000
    }

    func seen(_ caller: Caller, now: Int64 = UnixTime.milliseconds()) {
        guard let replica = try? ReplicaID(validating: caller.replica) else { return }
        let due = written.withLock { written in
            var mine = written[caller.user] ?? [:]
            if let last = mine[caller.replica] {
                guard now - last >= interval || now < last else { return false }
            } else if mine.count >= Self.replicasPerUser {
                mine = mine.filter { now - $0.value < Self.forgetAfter && now >= $0.value }
                guard mine.count < Self.replicasPerUser else { return false }
            }
            mine[caller.replica] = now
            written[caller.user] = mine
            return true
        }
        guard due else { return }
        let scope: Scope = caller.grant.municipality.map(Scope.municipality) ?? .shared
        try? store.activity.record(replica: replica, user: caller.user, scope: scope, at: now)
    }
}
