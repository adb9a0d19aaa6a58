import Models

/// When each replica last talked to the server, per (replica, user), for the dashboard
/// (`ServerStore.activity`). Every method is one transaction.
public final class ActivityStore: Sendable {
    /// The server database's queue, the one `ServerStore` uses.
    let queue: DatabaseQueue

    init(queue: DatabaseQueue) {
        self.queue = queue
    }

    /// Records that `replica` (used by `user` of `scope`) talked to the server at `now`. The
    /// replica id comes from a request header, a claim: one row per (replica, user), and nothing
    /// is recorded for a replica bound to another user (`replica_owners`).
    public func record(replica: ReplicaID, user: String, scope: Scope, at now: Int64 = UnixTime.milliseconds())
        throws
    {
        try queue.write { database in
            try database.execute(
                sql: """
                    INSERT INTO replica_activity (replica, user, scope, last_seen_at)
                        SELECT ?1, ?2, ?3, ?4
                        WHERE NOT EXISTS (SELECT 1 FROM replica_owners WHERE replica = ?1 AND user <> ?2)
                        ON CONFLICT (replica, user) DO UPDATE SET scope = excluded.scope,
                            last_seen_at = max(last_seen_at, excluded.last_seen_at)
                    """, [replica.hex, user, scope.description, now])
        }
    }

    /// Every replica seen, with its user, scope and last request (Unix milliseconds); rows whose
    /// replica is bound to another user than theirs (a claimed id) are left out.
    public func all() throws -> [(replica: String, user: String, scope: String, lastSeen: Int64)] {
        try queue.read { database in
            var rows: [(String, String, String, Int64)] = []
            try database.cachedStatement(
                """
                SELECT a.replica, a.user, a.scope, a.last_seen_at FROM replica_activity AS a
                    WHERE NOT EXISTS (SELECT 1 FROM replica_owners AS o WHERE o.replica = a.replica AND o.user <> a.user)
                    ORDER BY a.scope, a.last_seen_at DESC
                """
            ).forEachRow([]) { row in rows.append((row.text(0), row.text(1), row.text(2), row.int64(3))) }
            return rows
        }
    }
}
