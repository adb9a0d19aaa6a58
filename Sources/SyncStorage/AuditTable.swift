import Localization
import Models

/// The append-only, hash-chained `audit` table (SQL lives here only). Each entry's hash is
/// SHA-256 of the previous hash followed by the entry's fields as a canonical JSON array, so
/// editing, inserting or deleting any entry breaks the chain from there on. Triggers refuse
/// UPDATE and DELETE through SQL. Use only inside a write transaction of the owning queue.
struct AuditTable {
    let database: Database

    static let genesis = String(repeating: "0", count: 64)

    static func createTable(in database: Database) throws {
        try database.execute(
            sql: """
                CREATE TABLE audit (
                    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
                    at       INTEGER NOT NULL,  -- Unix milliseconds, UTC
                    user     TEXT NOT NULL,
                    replica  TEXT NOT NULL,     -- 32 hex digits, or '' for server-side commands
                    action   TEXT NOT NULL,
                    detail   TEXT NOT NULL,
                    peer     TEXT NOT NULL,     -- client address, or 'local'
                    previous TEXT NOT NULL,     -- hash of the entry before (64 zeros for the first)
                    hash     TEXT NOT NULL      -- SHA-256(previous || canonical JSON of the fields)
                ) STRICT;
                CREATE INDEX audit_by_user ON audit (user, seq);
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
    }

    /// The hash of an entry that follows `previous`.
    static func hash(previous: String, sequence: Int64, at: Int64, entry: AuditEntry) -> String {
        let fields: JSONValue = .array([
            .integer(sequence), .integer(at), .string(entry.user), .string(entry.replica), .string(entry.action),
            .string(entry.detail), .string(entry.peer),
        ])
        return SHA256.hex(SHA256.hash(Array(previous.utf8) + fields.canonicalBytes))
    }

    /// The action of the entry a restore appends (`AccessStore.recordRestore`).
    static let restoreAction = "admin restore"
    /// How a restore entry names the numbers it skips: the last field of its detail,
    /// `skipped=FROM-TO`.
    static func skippedField(_ range: ClosedRange<Int64>) -> String {
        "skipped=\(range.lowerBound)-\(range.upperBound)"
    }

    /// Whether `record`'s number may come after number `last`: the next one, or a later one
    /// when `record` is a restore's entry naming exactly the numbers between as skipped.
    static func numberFollows(_ record: AuditRecord, after last: Int64) -> Bool {
        record.sequence == last + 1
            || (record.sequence > last + 1 && record.entry.action == restoreAction
                && record.entry.detail.hasSuffix(" " + skippedField((last + 1)...(record.sequence - 1))))
    }

    /// Appends entries after the current last one; the first gets at least `firstSequence`
    /// (a restore that must not reuse numbers; the entry names the gap, see `skippedField`).
    func append(_ entries: [AuditEntry], at now: Int64, firstSequence: Int64 = 1) throws {
        guard !entries.isEmpty else { return }
        var previous = try head().hash
        // The next AUTOINCREMENT value: what sqlite_sequence says, or 1 for an empty table.
        var sequence = max(try highestSequence() + 1, firstSequence)
        let insert = try database.cachedStatement(
            "INSERT INTO audit (seq, at, user, replica, action, detail, peer, previous, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
        )
        for entry in entries {
            let hash = Self.hash(previous: previous, sequence: sequence, at: now, entry: entry)
            try insert.execute([
                sequence, now, entry.user, entry.replica, entry.action, entry.detail, entry.peer, previous, hash,
            ])
            previous = hash
            sequence += 1
        }
    }

    /// The last entry (number 0 and 64 zeros for an empty log).
    func head() throws -> AuditHead {
        try database.cachedStatement("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchOne([]) {
            AuditHead(sequence: $0.int64(0), hash: $0.text(1))
        } ?? AuditHead(sequence: 0, hash: Self.genesis)
    }

    /// The highest number ever given (`sqlite_sequence`: it stays when entries are removed
    /// from the end).
    func highestSequence() throws -> Int64 {
        max(
            try database.fetchInt64(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'audit'") ?? 0,
            try head().sequence)
    }

    /// The hash of entry `sequence`, nil when there is none (0: the genesis hash).
    func hash(sequence: Int64) throws -> String? {
        if sequence == 0 { return Self.genesis }
        return try database.fetchText(sql: "SELECT hash FROM audit WHERE seq = ?1", [sequence])
    }

    /// Entries numbered after `sequence`, oldest first.
    func records(after sequence: Int64) throws -> [AuditRecord] {
        var records: [AuditRecord] = []
        try database.cachedStatement(
            "SELECT seq, at, user, replica, action, detail, peer, previous, hash FROM audit WHERE seq > ?1 ORDER BY seq"
        ).forEachRow([sequence]) { row in records.append(Self.record(row)) }
        return records
    }

    /// Appends entries of another log as they are (numbers, times, hashes), after checking that
    /// each follows the one before: the next number, the previous hash, a hash that matches.
    func carryOver(_ records: [AuditRecord]) throws {
        var last = try head()
        let insert = try database.cachedStatement(
            "INSERT INTO audit (seq, at, user, replica, action, detail, peer, previous, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
        )
        for record in records {
            let entry = record.entry
            guard Self.numberFollows(record, after: last.sequence), record.previous == last.hash,
                Self.hash(previous: last.hash, sequence: record.sequence, at: record.at, entry: entry) == record.hash
            else {
                throw AuditContinuationError(
                    sequence: record.sequence,
                    reason: localized("storage.audit.does.not.follow.restored", ["entry": last.sequence]))
            }
            try insert.execute([
                record.sequence, record.at, entry.user, entry.replica, entry.action, entry.detail, entry.peer,
                record.previous, record.hash,
            ])
            last = AuditHead(sequence: record.sequence, hash: record.hash)
        }
    }

    /// Entries from `since` (Unix milliseconds) on, optionally of one user, oldest first.
    func records(since: Int64, user: String?) throws -> [AuditRecord] {
        var records: [AuditRecord] = []
        try database.cachedStatement(
            """
            SELECT seq, at, user, replica, action, detail, peer, previous, hash FROM audit
                WHERE at >= ?1 AND (?2 IS NULL OR user = ?2) ORDER BY seq
            """
        ).forEachRow([since, user]) { row in records.append(Self.record(row)) }
        return records
    }

    /// Walks the whole chain. Numbers follow each other, except where a restore's entry names
    /// the numbers it skipped (`skippedField`; its hash covers that).
    func verify() throws -> AuditVerification {
        var previous = Self.genesis
        var expected: Int64 = 1
        var count: Int64 = 0
        var broken: AuditVerification?
        try database.cachedStatement(
            "SELECT seq, at, user, replica, action, detail, peer, previous, hash FROM audit ORDER BY seq"
        ).forEachRow([]) { row in
            guard broken == nil else { return }
            let record = Self.record(row)
            if Self.numberFollows(record, after: expected - 1) { expected = record.sequence }
            count += 1
            if record.sequence != expected {
                broken = .broken(
                    sequence: expected, reason: localized("storage.audit.entry.missing", ["entry": expected]))
            } else if record.previous != previous {
                broken = .broken(sequence: record.sequence, reason: localized("storage.audit.does.not.follow"))
            } else if Self.hash(previous: previous, sequence: record.sequence, at: record.at, entry: record.entry)
                != record.hash
            {
                broken = .broken(sequence: record.sequence, reason: localized("storage.audit.hash.mismatch"))
            }
            previous = record.hash
            expected += 1
        }
        if let broken { return broken }
        // Entries removed from the end leave a valid chain, but not the sequence's high mark.
        let highest = try database.fetchInt64(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'audit'") ?? 0
        if highest >= expected {
            return .broken(
                sequence: expected,
                reason: localized("storage.audit.removed.from.end", ["first": expected, "last": highest]))
        }
        return .intact(entries: count, head: previous)
    }

    /// Entries of `action` at or after `since` (Unix milliseconds): their total, and per user
    /// (newest latest entry first, at most `limit` users) the count, the latest entry and the
    /// user's scope (nil when the server does not know the name as a user, or for non-staff).
    ///
    /// Bounded: the window's first entry is found by binary search on the entry number
    /// (`firstSequence`), only the window's entries are scanned, inside SQLite, and at most
    /// `limit` rows come back.
    func latest(action: String, since: Int64, limit: Int) throws -> (
        total: Int, users: [(scope: String?, count: Int, last: AuditRecord)]
    ) {
        let first = try firstSequence(atOrAfter: since)
        let total =
            try database.cachedStatement("SELECT count(*) FROM audit WHERE seq >= ?1 AND action = ?2 AND at >= ?3")
            .fetchOne([first, action, since]) { Int($0.int64(0)) } ?? 0
        var users: [(String?, Int, AuditRecord)] = []
        try database.cachedStatement(
            """
            WITH recent AS (
                SELECT user, count(*) AS entries, max(seq) AS latest FROM audit
                WHERE seq >= ?1 AND action = ?2 AND at >= ?3
                GROUP BY user ORDER BY latest DESC LIMIT ?4)
            SELECT audit.seq, audit.at, audit.user, audit.replica, audit.action, audit.detail, audit.peer,
                audit.previous, audit.hash, users.scope, recent.entries
            FROM recent JOIN audit ON audit.seq = recent.latest LEFT JOIN users ON users.name = recent.user
            ORDER BY recent.latest DESC
            """
        ).forEachRow([first, action, since, max(limit, 0)]) { row in
            users.append((row.isNull(9) ? nil : row.text(9), Int(row.int64(10)), Self.record(row)))
        }
        return (total, users)
    }

    /// The lowest entry number from which every entry at or after `time` lies (`at` is the
    /// server's clock when each entry was appended, so it grows with the number unless the clock
    /// was set back; an entry appended before such a step back may be left out): about
    /// log2(entries) lookups by primary key, each one row.
    func firstSequence(atOrAfter time: Int64) throws -> Int64 {
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

    /// An entry from a row whose first nine columns are `seq, at, user, replica, action, detail,
    /// peer, previous, hash`.
    private static func record(_ row: Row) -> AuditRecord {
        AuditRecord(
            sequence: row.int64(0), at: row.int64(1),
            entry: AuditEntry(
                user: row.text(2), replica: row.text(3), action: row.text(4), detail: row.text(5), peer: row.text(6)),
            previous: row.text(7), hash: row.text(8))
    }
}
