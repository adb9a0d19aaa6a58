import Models

/// Refused pushes (`push-refused` audit entries) of one user in a time window.
public struct RefusedPushes: Hashable, Sendable {
    public let user: String
    /// The user's municipality code (staff); nil for the advisor, admins, or a name the server
    /// does not know as a user.
    public let municipality: String?
    /// How many of the user's pushes were refused in the window (at least 1).
    public let count: Int
    /// The latest of them (detail `batch=… changes=… refused=<code>`, as `SyncService` writes it).
    public let last: AuditRecord

    public init(user: String, municipality: String?, count: Int, last: AuditRecord) {
        self.user = user
        self.municipality = municipality
        self.count = count
        self.last = last
    }
}

/// The dashboard's summary of refused pushes since a time.
public struct RefusalSummary: Hashable, Sendable {
    /// Refused pushes in the window, all users.
    public let total: Int
    /// Per user, newest last refusal first, at most the limit asked for.
    public let users: [RefusedPushes]

    public init(total: Int, users: [RefusedPushes]) {
        self.total = total
        self.users = users
    }
}

extension AccessStore {
    /// The audit action of a refused push.
    public static let pushRefusedAction = "push-refused"

    /// Refused pushes at or after `since` (Unix milliseconds): their total, and per user the count
    /// and the latest, newest first, at most `limit` users.
    ///
    /// Bounded: the window's first entry is found by binary search on the entry number (`at` is
    /// the server's clock when each entry was appended, so it grows with the number unless the
    /// clock was set back; an entry appended before such a step back may be left out), only the
    /// window's entries are scanned, inside SQLite, and at most `limit` rows come back.
    public func refusedPushes(since: Int64, limit: Int) throws -> RefusalSummary {
        try queue.read { database in
            let first = try Self.firstSequence(atOrAfter: since, in: database)
            let total =
                try database.cachedStatement(
                    "SELECT count(*) FROM audit WHERE seq >= ?1 AND action = ?2 AND at >= ?3"
                ).fetchOne([first, Self.pushRefusedAction, since]) { Int($0.int64(0)) } ?? 0
            var users: [RefusedPushes] = []
            try database.cachedStatement(
                """
                WITH recent AS (
                    SELECT user, count(*) AS refusals, max(seq) AS latest FROM audit
                    WHERE seq >= ?1 AND action = ?2 AND at >= ?3
                    GROUP BY user ORDER BY latest DESC LIMIT ?4)
                SELECT recent.user, users.scope, recent.refusals,
                    audit.seq, audit.at, audit.replica, audit.action, audit.detail, audit.peer, audit.previous, audit.hash
                FROM recent JOIN audit ON audit.seq = recent.latest LEFT JOIN users ON users.name = recent.user
                ORDER BY recent.latest DESC
                """
            ).forEachRow([first, Self.pushRefusedAction, since, max(limit, 0)]) { row in
                users.append(
                    RefusedPushes(
                        user: row.text(0), municipality: row.isNull(1) ? nil : row.text(1), count: Int(row.int64(2)),
                        last: AuditRecord(
                            sequence: row.int64(3), at: row.int64(4),
                            entry: AuditEntry(
                                user: row.text(0), replica: row.text(5), action: row.text(6), detail: row.text(7),
                                peer: row.text(8)),
                            previous: row.text(9), hash: row.text(10))))
            }
            return RefusalSummary(total: total, users: users)
        }
    }

    /// The lowest entry number from which every entry at or after `time` lies (given times that
    /// grow with numbers): about log2(entries) lookups by primary key, each one row.
    private static func firstSequence(atOrAfter time: Int64, in database: Database) throws -> Int64 {
        let next = try database.cachedStatement("SELECT seq, at FROM audit WHERE seq >= ?1 ORDER BY seq LIMIT 1")
        var low: Int64 = 0
        var high = (try database.fetchInt64(sql: "SELECT max(seq) FROM audit") ?? 0) + 1
        // Invariant: every entry numbered below `low` is older than `time`; the answer is <= `high`.
        while low < high {
            let middle = low + (high - low) / 2
            guard let found = try next.fetchOne([middle], { (sequence: $0.int64(0), at: $0.int64(1)) }) else {
                high = middle
                continue
            }
            if found.at >= time { high = middle } else { low = found.sequence + 1 }
        }
        return low
    }
}
