import Localization
import Models

/// Who may use the server: municipalities, users, bearer tokens (stored as SHA-256 only), and
/// the audit log. Lives in the server database beside the data (`ServerStore.access`); every
/// method is one transaction, so a revoked token or a disabled user is refused from the next
/// request on.
public final class AccessStore: Sendable {
    /// The server database's queue, the one `ServerStore` uses (internal so that extensions of
    /// both stores in other files can read through it).
    let queue: DatabaseQueue

    init(queue: DatabaseQueue) {
        self.queue = queue
    }

    static func createTables(in database: Database) throws {
        try database.execute(
            sql: """
                CREATE TABLE municipalities (
                    code TEXT NOT NULL PRIMARY KEY,  -- 6 digits, check digit verified
                    name TEXT NOT NULL
                ) STRICT, WITHOUT ROWID;
                CREATE TABLE users (
                    name        TEXT NOT NULL PRIMARY KEY,
                    role        TEXT NOT NULL CHECK (role IN ('staff', 'advisor', 'admin')),
                    scope       TEXT REFERENCES municipalities (code),  -- staff only
                    created_at  INTEGER NOT NULL,   -- Unix milliseconds
                    disabled_at INTEGER,            -- set: every token of the user is refused
                    CHECK ((role = 'staff') = (scope IS NOT NULL))
                ) STRICT, WITHOUT ROWID;
                CREATE TABLE tokens (
                    hash       TEXT NOT NULL PRIMARY KEY,  -- SHA-256 of the token, hex; the token is never stored
                    id         TEXT NOT NULL UNIQUE,       -- first 12 hex digits of hash, for listing and revoking
                    user       TEXT NOT NULL REFERENCES users (name),
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER
                ) STRICT, WITHOUT ROWID;
                """)
        try AuditTable.createTable(in: database)
    }

    static func createLinkTable(in database: Database) throws {
        try database.execute(
            sql: """
                CREATE TABLE dashboard_links (
                    hash       TEXT NOT NULL PRIMARY KEY,  -- SHA-256 of the one-time code
                    user       TEXT NOT NULL REFERENCES users (name),
                    expires_at INTEGER NOT NULL            -- Unix milliseconds
                ) STRICT, WITHOUT ROWID;
                """)
    }

    // MARK: Dashboard links

    /// Records a one-time dashboard sign-in code (by its SHA-256) for `user`.
    public func addDashboardLink(hash: String, user: String, expiresAt: Int64) throws {
        try queue.write { database in
            guard try database.fetchInt64(sql: "SELECT 1 FROM users WHERE name = ?1", [user]) != nil else {
                throw AccessError.unknownUser(user)
            }
            try database.execute(
                sql: "INSERT INTO dashboard_links (hash, user, expires_at) VALUES (?1, ?2, ?3)",
                [hash, user, expiresAt])
        }
    }

    /// Uses up a one-time code: its user if the code exists, has not expired and the user is
    /// enabled; nil otherwise. A code works once.
    public func consumeDashboardLink(hash: String, at now: Int64 = UnixTime.milliseconds()) throws -> UserRecord? {
        try queue.write { database in
            let user = try database.cachedStatement(
                "SELECT user, expires_at FROM dashboard_links WHERE hash = ?1"
            ).fetchOne([hash]) { ($0.text(0), $0.int64(1)) }
            try database.execute(sql: "DELETE FROM dashboard_links WHERE hash = ?1 OR expires_at < ?2", [hash, now])
            guard let (name, expires) = user, expires >= now else { return nil }
            return try database.cachedStatement(
                "SELECT name, role, scope, created_at, disabled_at, \(Self.entryColumn) FROM users WHERE name = ?1 AND disabled_at IS NULL"
            ).fetchOne([name]) { Self.user($0) } ?? nil
        }
    }

    // MARK: Municipalities

    /// Adds or renames municipalities; returns how many were new.
    @discardableResult
    public func importMunicipalities(_ list: [(code: MunicipalityCode, name: String)]) throws -> Int {
        try queue.write { database in
            let before = try database.fetchInt64(sql: "SELECT count(*) FROM municipalities") ?? 0
            let upsert = try database.cachedStatement(
                "INSERT INTO municipalities (code, name) VALUES (?1, ?2) ON CONFLICT (code) DO UPDATE SET name = excluded.name"
            )
            for item in list { try upsert.execute([item.code.rawValue, item.name]) }
            return Int((try database.fetchInt64(sql: "SELECT count(*) FROM municipalities") ?? 0) - before)
        }
    }

    public func municipalities() throws -> [(code: String, name: String)] {
        try queue.read { database in
            var list: [(String, String)] = []
            try database.cachedStatement("SELECT code, name FROM municipalities ORDER BY code").forEachRow([]) {
                list.append(($0.text(0), $0.text(1)))
            }
            return list
        }
    }

    // MARK: Users

    /// Adds a user. Throws `AccessError` when the name is taken or the municipality unknown.
    public func addUser(_ name: String, grant: Grant, at now: Int64 = UnixTime.milliseconds()) throws {
        try queue.write { database in
            if try database.fetchInt64(sql: "SELECT 1 FROM users WHERE name = ?1", [name]) != nil {
                throw AccessError.userExists(name)
            }
            if let code = grant.municipality,
                try database.fetchInt64(sql: "SELECT 1 FROM municipalities WHERE code = ?1", [code.rawValue]) == nil
            {
                throw AccessError.unknownMunicipality(code.rawValue)
            }
            try database.execute(
                sql: "INSERT INTO users (name, role, scope, created_at) VALUES (?1, ?2, ?3, ?4)",
                [name, grant.role.rawValue, grant.municipality?.rawValue, now])
        }
    }

    /// Disables (or enables again) a user: a disabled user's tokens are all refused.
    public func setDisabled(_ name: String, _ disabled: Bool, at now: Int64 = UnixTime.milliseconds()) throws {
        try queue.write { database in
            guard try database.fetchInt64(sql: "SELECT 1 FROM users WHERE name = ?1", [name]) != nil else {
                throw AccessError.unknownUser(name)
            }
            try database.execute(
                sql: "UPDATE users SET disabled_at = ?2 WHERE name = ?1", [name, disabled ? now : nil])
        }
    }

    public func users() throws -> [UserRecord] {
        try queue.read { database in
            var users: [UserRecord] = []
            try database.cachedStatement(
                "SELECT name, role, scope, created_at, disabled_at, \(Self.entryColumn) FROM users ORDER BY name"
            ).forEachRow([]) { row in
                if let user = Self.user(row) { users.append(user) }
            }
            return users
        }
    }

    public func user(named name: String) throws -> UserRecord? {
        try queue.read { database in
            try database.cachedStatement(
                "SELECT name, role, scope, created_at, disabled_at, \(Self.entryColumn) FROM users WHERE name = ?1"
            ).fetchOne([name]) { Self.user($0) } ?? nil
        }
    }

    /// The sixth column of a user row: the codes the user may enter answers for, comma-separated.
    private static let entryColumn =
        "(SELECT group_concat(municipality, ',') FROM entry_grants WHERE entry_grants.user = users.name)"

    private static func user(_ row: Row) -> UserRecord? {
        guard let role = Role(rawValue: row.text(1)) else { return nil }
        let scope = row.value(2) == .null ? nil : try? MunicipalityCode(validating: row.text(2))
        guard (role == .staff) == (scope != nil) else { return nil }
        let disabled: Int64? = row.value(4) == .null ? nil : row.int64(4)
        // Only advisors enter for others (an admin writes everything anyway).
        let entries =
            role == .advisor && row.value(5) != .null
            ? Set(row.text(5).split(separator: ",").compactMap { try? MunicipalityCode(validating: String($0)) }) : []
        return UserRecord(
            name: row.text(0), grant: Grant(role: role, municipality: scope, onBehalf: entries),
            createdAt: row.int64(3), disabledAt: disabled)
    }

    /// Allows advisor `name` to enter (and submit) survey answers on behalf of `code`, or
    /// withdraws that (`allowed` false). Returns whether anything changed. Throws `AccessError`
    /// for an unknown user or municipality, or a user who is not an advisor.
    @discardableResult
    public func setEntryGrant(
        _ name: String, municipality code: MunicipalityCode, allowed: Bool, at now: Int64 = UnixTime.milliseconds()
    ) throws -> Bool {
        try queue.write { database in
            guard let role = try database.fetchText(sql: "SELECT role FROM users WHERE name = ?1", [name]) else {
                throw AccessError.unknownUser(name)
            }
            guard role == Role.advisor.rawValue else { throw AccessError.notAnAdvisor(name) }
            guard try database.fetchInt64(sql: "SELECT 1 FROM municipalities WHERE code = ?1", [code.rawValue]) != nil
            else { throw AccessError.unknownMunicipality(code.rawValue) }
            if allowed {
                try database.execute(
                    sql:
                        "INSERT INTO entry_grants (user, municipality, granted_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                    [name, code.rawValue, now])
            } else {
                try database.execute(
                    sql: "DELETE FROM entry_grants WHERE user = ?1 AND municipality = ?2", [name, code.rawValue])
            }
            return database.changesCount > 0
        }
    }

    // MARK: Tokens

    /// Records a token by its SHA-256 for `user`, refused from `expiresAt` on (Unix
    /// milliseconds; nil: never); returns the token's id.
    public func addToken(hash: String, user: String, expiresAt: Int64? = nil, at now: Int64 = UnixTime.milliseconds())
        throws -> String
    {
        try queue.write { database in
            guard try database.fetchInt64(sql: "SELECT 1 FROM users WHERE name = ?1", [user]) != nil else {
                throw AccessError.unknownUser(user)
            }
            let id = String(hash.prefix(12))
            try database.execute(
                sql: "INSERT INTO tokens (hash, id, user, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                [hash, id, user, now, expiresAt])
            return id
        }
    }

    /// How often a token's last use is written: at most once a minute, so that a busy token
    /// costs no write per request.
    static let lastUseResolution: Int64 = 60_000

    /// Revokes one token by id, or every token of a user; returns how many were revoked now.
    @discardableResult
    public func revokeTokens(id: String? = nil, user: String? = nil, at now: Int64 = UnixTime.milliseconds()) throws
        -> Int
    {
        precondition(id != nil || user != nil, "say which tokens")
        return try queue.write { database in
            try database.execute(
                sql: """
                    UPDATE tokens SET revoked_at = ?3
                        WHERE revoked_at IS NULL AND (?1 IS NULL OR id = ?1) AND (?2 IS NULL OR user = ?2)
                    """, [id, user, now])
            return Int(try database.fetchInt64(sql: "SELECT changes()") ?? 0)
        }
    }

    public func tokens(user: String? = nil) throws -> [TokenRecord] {
        try queue.read { database in
            var tokens: [TokenRecord] = []
            try database.cachedStatement(
                """
                SELECT id, user, created_at, revoked_at, expires_at, last_used_at FROM tokens
                    WHERE ?1 IS NULL OR user = ?1 ORDER BY created_at
                """
            ).forEachRow([user]) { row in
                func optional(_ column: Int32) -> Int64? { row.value(column) == .null ? nil : row.int64(column) }
                tokens.append(
                    TokenRecord(
                        id: row.text(0), user: row.text(1), createdAt: row.int64(2), revokedAt: optional(3),
                        expiresAt: optional(4), lastUsedAt: optional(5)))
            }
            return tokens
        }
    }

    /// The user a token (given by its SHA-256) belongs to, if the token is live and the user
    /// enabled; nil otherwise.
    public func authenticate(tokenHash: String, at now: Int64 = UnixTime.milliseconds()) throws -> UserRecord? {
        try queue.inDatabase { database in
            let found =
                try database.cachedStatement(
                    """
                    SELECT users.name, users.role, users.scope, users.created_at, users.disabled_at, \(Self.entryColumn),
                            tokens.last_used_at
                        FROM tokens JOIN users ON users.name = tokens.user
                        WHERE tokens.hash = ?1 AND tokens.revoked_at IS NULL AND users.disabled_at IS NULL
                            AND (tokens.expires_at IS NULL OR tokens.expires_at > ?2)
                    """
                ).fetchOne([tokenHash, now]) { row in
                    (user: Self.user(row), lastUsed: row.value(6) == .null ? nil : row.int64(6))
                }
            guard let found, let user = found.user else { return nil }
            // Written only when a minute has passed: most requests read and never write.
            if (found.lastUsed ?? Int64.min) <= now - Self.lastUseResolution {
                try database.cachedStatement("UPDATE tokens SET last_used_at = ?2 WHERE hash = ?1").execute([
                    tokenHash, now,
                ])
            }
            return user
        }
    }

    // MARK: Audit

    /// Appends entries to the audit log in one transaction.
    public func audit(_ entries: [AuditEntry], at now: Int64 = UnixTime.milliseconds()) throws {
        try queue.write { database in try AuditTable(database: database).append(entries, at: now) }
    }

    /// Entries at or after `since` (Unix milliseconds), optionally of one user, oldest first.
    public func auditRecords(since: Int64 = 0, user: String? = nil) throws -> [AuditRecord] {
        try queue.read { database in try AuditTable(database: database).records(since: since, user: user) }
    }

    /// Checks the whole hash chain.
    public func verifyAudit() throws -> AuditVerification {
        try queue.read { database in try AuditTable(database: database).verify() }
    }

    /// The last audit entry (number 0 and 64 zeros when the log is empty).
    public func auditHead() throws -> AuditHead {
        try queue.read { database in try AuditTable(database: database).head() }
    }

    /// How this store's audit log (that of a restored backup, not yet serving) goes on from
    /// `replaced`'s, the log of the database it replaces (nil: none). Only reads.
    ///
    /// The two logs share their entries up to where they differ; hashes chain, so the first
    /// difference is found by bisection, comparing hashes at a number (O(log n) lookups).
    public func planRestore(replacing replaced: AccessStore?) throws -> AuditRestorePlan {
        let backupHead = try auditHead()
        guard let replaced else {
            return AuditRestorePlan(
                backupHead: backupHead, replacedHead: nil, replacedHighest: 0, carried: [], divergedAt: nil)
        }
        let (replacedHead, replacedHighest) = try replaced.queue.read { database in
            let table = AuditTable(database: database)
            return (try table.head(), try table.highestSequence())
        }
        // Whether both logs hold the same entry at `sequence` (a number skipped by a restore
        // counts as a difference).
        func same(_ sequence: Int64) throws -> Bool {
            let read = { (store: AccessStore) in
                try store.queue.inDatabase { database in try AuditTable(database: database).hash(sequence: sequence) }
            }
            guard let ours = try read(self) else { return false }
            return try ours == read(replaced)
        }
        // The shared part: 0 ... agreed. The entry at `high` differs.
        let shared = min(backupHead.sequence, replacedHead.sequence)
        var agreed: Int64 = 0
        if try same(shared) {
            agreed = shared
        } else {
            var high = shared
            while high - agreed > 1 {
                let middle = agreed + (high - agreed) / 2
                if try same(middle) { agreed = middle } else { high = middle }
            }
        }
        if agreed == backupHead.sequence {
            // The replaced log continues the backup's: carry over what came after.
            let carried = try replaced.queue.read { database in
                try AuditTable(database: database).records(after: agreed)
            }
            return AuditRestorePlan(
                backupHead: backupHead, replacedHead: replacedHead, replacedHighest: replacedHighest, carried: carried,
                divergedAt: nil)
        }
        return AuditRestorePlan(
            backupHead: backupHead, replacedHead: replacedHead, replacedHighest: replacedHighest, carried: [],
            divergedAt: agreed == replacedHead.sequence ? nil : agreed + 1)
    }

    /// Carries over `plan`'s entries and appends the restore's own `entry` (its detail gets
    /// `skipped=FROM-TO` when numbers are skipped), in one transaction.
    ///
    /// - Throws: `AuditContinuationError` when the log changed since `planRestore`, or an entry
    ///   to carry over does not follow the one before it.
    public func recordRestore(_ plan: AuditRestorePlan, entry: AuditEntry, at now: Int64 = UnixTime.milliseconds())
        throws
    {
        try queue.write { database in
            let table = AuditTable(database: database)
            guard try table.head() == plan.backupHead else {
                throw AuditContinuationError(
                    sequence: plan.backupHead.sequence, reason: localized("storage.audit.changed.meanwhile"))
            }
            try table.carryOver(plan.carried)
            var entry = entry
            entry.action = AuditTable.restoreAction
            if let skipped = plan.skipped { entry.detail += " " + AuditTable.skippedField(skipped) }
            try table.append([entry], at: now, firstSequence: plan.restoreSequence)
        }
    }
}

/// Why a provisioning call was refused.
public enum AccessError: Error, Equatable, CustomStringConvertible {
    case userExists(String)
    case unknownUser(String)
    case unknownMunicipality(String)
    /// Only an advisor may be allowed to enter answers for a municipality.
    case notAnAdvisor(String)

    public var description: String {
        switch self {
        case .notAnAdvisor(let name):
            return localized("storage.access.not.an.advisor", ["name": Printable.quoted(name)])
        case .userExists(let name): return localized("storage.access.user.exists", ["name": Printable.quoted(name)])
        case .unknownUser(let name): return localized("storage.access.unknown.user", ["name": Printable.quoted(name)])
        case .unknownMunicipality(let code):
            return localized("storage.access.unknown.municipality", ["code": code])
        }
    }
}
