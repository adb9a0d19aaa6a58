import Localization
import Models

/// The tables every store shares: `versions` (the current siblings of every register, each with
/// its store sequence) and `history` (versions that were superseded, kept for audit).
///
/// All SQL touching those tables lives here; `ServerStore` and `ReplicaStore` add their own
/// tables around it. Use only inside a transaction of the owning `DatabaseQueue`.
struct VersionTable {
    let database: Database

    /// Creates the shared tables (a migration of both stores).
    static func createTables(in database: Database) throws {
        try database.execute(
            sql: """
                CREATE TABLE versions (
                    seq        INTEGER PRIMARY KEY AUTOINCREMENT, -- store sequence: arrival order here, never reused
                    collection TEXT NOT NULL,
                    record     TEXT NOT NULL,
                    field      TEXT NOT NULL,
                    scope      TEXT NOT NULL,  -- 'shared' or a 6-digit municipality code
                    vector     BLOB NOT NULL,  -- VectorBlob: 24 bytes per (replica, counter), canonical order
                    author     TEXT NOT NULL,  -- replica that wrote it (32 hex digits): pulls can leave out a replica's own
                    change     TEXT NOT NULL   -- the Change as canonical wire JSON, sent verbatim on pull
                ) STRICT;
                CREATE INDEX versions_by_key ON versions (collection, record, field);

                CREATE TABLE history (
                    seq           INTEGER PRIMARY KEY,  -- the sequence it had while current
                    collection    TEXT NOT NULL,
                    record        TEXT NOT NULL,
                    field         TEXT NOT NULL,
                    scope         TEXT NOT NULL,
                    vector        BLOB NOT NULL,
                    author        TEXT NOT NULL,
                    change        TEXT NOT NULL,
                    superseded_by INTEGER NOT NULL      -- seq of the version that replaced it
                ) STRICT;
                CREATE INDEX history_by_key ON history (collection, record, field);

                -- Registers with more than one current version, kept by apply() so that counting
                -- and listing conflicts never scans every version.
                CREATE TABLE conflicts (
                    collection TEXT NOT NULL,
                    record     TEXT NOT NULL,
                    field      TEXT NOT NULL,
                    siblings   INTEGER NOT NULL CHECK (siblings > 1),  -- current versions of the register
                    PRIMARY KEY (collection, record, field)
                ) STRICT, WITHOUT ROWID;
                """)
    }

    /// Replaces the history's key index with one on `superseded_by` (a migration of both
    /// stores). Sequences only grow, so each superseded version adds to the end of that index,
    /// where the key index took an insert at the register's place in key order: revisions apply
    /// 12-15% faster (renkei-bench, 300,000 versions). A register's history is found by
    /// following `superseded_by` back from its current versions (`supersededChain`).
    ///
    /// Before, dropping a rejected version left the versions it had superseded, and that stayed
    /// superseded, naming a sequence that no longer exists; they now name the register's newest
    /// current version instead (when it has one), so that the chain still reaches them.
    static func indexHistoryBySuccessor(in database: Database) throws {
        try database.execute(
            sql: """
                UPDATE history SET superseded_by = coalesce(
                    (SELECT max(v.seq) FROM versions AS v
                        WHERE v.collection = history.collection AND v.record = history.record
                            AND v.field = history.field),
                    superseded_by)
                WHERE superseded_by NOT IN (SELECT seq FROM versions)
                    AND superseded_by NOT IN (SELECT seq FROM history);
                DROP INDEX history_by_key;
                CREATE INDEX history_by_successor ON history (superseded_by);
                """)
    }

    /// Rebuilds `versions` without `AUTOINCREMENT` (a migration of both stores). With it, every
    /// insert read and rewrote the table's row in `sqlite_sequence`: a first sync stored 25-35%
    /// fewer versions per second (renkei-bench, 200,000 versions, alternating builds).
    ///
    /// Sequences stay never reused: `apply` gives the first version of a batch one above
    /// `lastSequence`, the highest of `versions`, `history` and `version_sequence`. Only `revert` removes a version without
    /// keeping it in the history; it raises `version_sequence` to what it removed first. The
    /// migration starts `version_sequence` at what `sqlite_sequence` said, which may lie above
    /// every stored sequence (after a revert of the newest version).
    ///
    /// Tables with a foreign key into `versions` (the replica's `outbox` and `rejected`, `ON
    /// DELETE CASCADE`) keep their rows: foreign keys are on and cannot be turned off inside the
    /// migration's transaction, so dropping the old table would delete them. They are copied
    /// aside first and put back once the new table is in place.
    static func dropAutoincrement(in database: Database) throws {
        var dependents: [String] = []
        try database.makeStatement(
            """
            SELECT DISTINCT m.name FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f
            WHERE m.type = 'table' AND f."table" = 'versions' ORDER BY m.name
            """
        ).forEachRow([]) { dependents.append($0.text(0)) }
        for table in dependents {
            try database.execute(sql: "CREATE TEMP TABLE kept_\(table) AS SELECT * FROM \(table)")
        }
        try database.execute(
            sql: """
                CREATE TABLE version_sequence (
                    last INTEGER NOT NULL  -- at least the highest sequence a reverted version had
                ) STRICT;
                INSERT INTO version_sequence (last)
                    SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'versions'), 0);
                CREATE TABLE versions_rebuilt (
                    seq        INTEGER PRIMARY KEY, -- store sequence: arrival order here, never reused (apply, lastSequence)
                    collection TEXT NOT NULL,
                    record     TEXT NOT NULL,
                    field      TEXT NOT NULL,
                    scope      TEXT NOT NULL,  -- 'shared' or a 6-digit municipality code
                    vector     BLOB NOT NULL,  -- VectorBlob: 24 bytes per (replica, counter), canonical order
                    author     TEXT NOT NULL,  -- replica that wrote it (32 hex digits): pulls can leave out a replica's own
                    change     TEXT NOT NULL   -- the Change as canonical wire JSON, sent verbatim on pull
                ) STRICT;
                INSERT INTO versions_rebuilt (seq, collection, record, field, scope, vector, author, change)
                    SELECT seq, collection, record, field, scope, vector, author, change FROM versions ORDER BY seq;
                DROP TABLE versions;
                ALTER TABLE versions_rebuilt RENAME TO versions;
                CREATE INDEX versions_by_key ON versions (collection, record, field);
                """)
        for table in dependents {
            try database.execute(
                sql: "INSERT INTO \(table) SELECT * FROM temp.kept_\(table); DROP TABLE temp.kept_\(table)")
        }
    }

    /// A common table expression `superseded(seq)`: the sequences of every superseded version of
    /// the register `?1, ?2, ?3` (collection, record, field). Each history row names the version
    /// that replaced it, so the register's history is what leads, step by step, to one of its
    /// current versions; `revert` keeps that true when it removes a current version.
    static let supersededChain = supersededChain(then: "")

    /// `supersededChain` walked newest first (highest sequence first) and stopped after `?4`
    /// sequences: the newest `?4` superseded versions where each version's sequence is above
    /// those it supersedes (`recentHistory`).
    static let newestSupersededChain = supersededChain(then: "ORDER BY 1 DESC LIMIT ?4")

    /// The chain's common table expression, with `clause` closing its recursive select.
    private static func supersededChain(then clause: String) -> String {
        """
        WITH RECURSIVE superseded(seq) AS (
            SELECT h.seq FROM versions AS v JOIN history AS h ON h.superseded_by = v.seq
                WHERE v.collection = ?1 AND v.record = ?2 AND v.field = ?3
            UNION
            SELECT h.seq FROM superseded AS s JOIN history AS h ON h.superseded_by = s.seq
            \(clause)
        )
        """
    }

    /// Reusable buffers for the hot path (one per batch, not per change).
    struct Scratch {
        var existing: [(seq: Int64, vector: VersionVector)] = []
        /// Which keys the store may hold (`StoredKeys.read` before a batch); the rest are not
        /// looked up.
        var storedKeys = StoredKeys.unknown
        /// Whether a version was stored with this scratch: its first insert takes its sequence
        /// from `lastSequence`, the next ones from SQLite. A scratch lives inside one
        /// transaction, and nothing else stores or removes versions while it is in use.
        var sequenceChecked = false
    }

    /// What a store holds of a register when a change for it arrives: its scope (nil when never
    /// written) and the join of its current versions' vectors (everything the store has seen of it).
    struct StoredState {
        let scope: String?
        let vector: VersionVector
        /// How many current versions the register would have with the change merged (more than
        /// one: a conflict); nil when the merge would ignore the change.
        let versionsAfter: Int?
    }

    /// A screen's verdict on one incoming change, given what the store holds of its register.
    enum Screening {
        /// Merge it as usual.
        case merge
        /// Leave it out: nothing is stored for it.
        case skip
    }

    /// Merges one change with `MergeRule`; returns the new version's sequence, or nil when the
    /// change was ignored (known or superseded) or `screen` skipped it. `row` is the change's
    /// stored form, encoded ahead (`EncodedChanges`, the one place that encodes a version row).
    ///
    /// `screen` (the server's authority checks) sees the register's stored scope and vector before
    /// anything is written; it may skip the change or throw to abort the whole transaction. Without
    /// a screen a change for a register of another scope throws `StorageError.scopeMismatch`.
    func apply(
        _ change: Change, row: EncodedChanges.Row, scratch: inout Scratch,
        screen: ((StoredState) throws -> Screening)? = nil
    ) throws -> Int64? {
        let key = change.key
        scratch.existing.removeAll(keepingCapacity: true)
        let storedScope = scratch.storedKeys.mayHold(key) ? try currentVectors(of: key, into: &scratch.existing) : nil
        let existing = scratch.existing
        let decision = try MergeRule.decide(incoming: change.version.vector, existing: existing.lazy.map(\.vector)) {
            index in
            let stored = try storedChange(sequence: existing[index].seq)
            return MergeRule.wins(change.version.canonicalBytes, over: stored.version.canonicalBytes)
        }
        // The register's current versions once the change is in (nil: the merge ignores it).
        var siblingsAfter: Int?
        if case .insert(let superseding) = decision { siblingsAfter = existing.count - superseding.count + 1 }
        if let screen {
            let seen = existing.reduce(VersionVector()) { $0.joined(with: $1.vector) }
            // A record belongs to one scope, all its fields together: a field never written takes
            // the scope of the record's other fields. (Answers name their scope in the record
            // id, which the server checks before, so they need no lookup.)
            let scope = try storedScope ?? (key.collection == CollectionName.answers ? nil : recordScope(of: key))
            guard try screen(StoredState(scope: scope, vector: seen, versionsAfter: siblingsAfter)) == .merge else {
                return nil
            }
        }
        if let storedScope, storedScope != change.scope.description {
            throw StorageError.scopeMismatch(key: key, stored: storedScope, claimed: change.scope)
        }
        guard case .insert(let superseding) = decision, let siblings = siblingsAfter else { return nil }

        // The first insert of a scratch names its sequence, one above the highest ever given;
        // that row is then the newest of `versions`, and SQLite's own next rowid (one above the
        // newest) is the next sequence: cheaper than naming it (about a tenth on a first sync).
        let named = !scratch.sequenceChecked
        let insert = try database.cachedStatement(
            named
                ? """
                INSERT INTO versions (seq, collection, record, field, scope, vector, author, change)
                VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7)
                """
                : """
                INSERT INTO versions (collection, record, field, scope, vector, author, change)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                """)
        insert.bindText(key.collection, at: 1)
        insert.bindText(key.record, at: 2)
        insert.bindText(key.field, at: 3)
        insert.bindText(change.scope.description, at: 4)
        insert.bindBlob(row.vector, at: 5)
        insert.bindText(utf8: row.author, at: 6)
        insert.bindText(utf8: row.json, at: 7)
        if named { insert.bindInt64(try lastSequence() + 1, at: 8) }
        try insert.executeBound()
        scratch.sequenceChecked = true
        let sequence = database.lastInsertedRowID
        for index in superseding {
            try moveToHistory(sequence: existing[index].seq, supersededBy: sequence)
        }
        if siblings > 1 {
            try database.cachedStatement(
                """
                INSERT INTO conflicts (collection, record, field, siblings) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (collection, record, field) DO UPDATE SET siblings = excluded.siblings
                """
            ).execute([key.collection, key.record, key.field, siblings])
        } else if existing.count > 1 {
            try database.cachedStatement("DELETE FROM conflicts WHERE collection = ?1 AND record = ?2 AND field = ?3")
                .execute([key.collection, key.record, key.field])
        }
        return sequence
    }

    /// Appends the sequence and vector of each current version of `key` to `versions` (in
    /// sequence order: the key index keeps a key's rows in rowid order); returns the register's
    /// scope, nil when it has no current version.
    func currentVectors(of key: RecordKey, into versions: inout [(seq: Int64, vector: VersionVector)]) throws
        -> String?
    {
        let select = try database.cachedStatement(
            "SELECT seq, scope, vector FROM versions WHERE collection = ?1 AND record = ?2 AND field = ?3")
        select.bindText(key.collection, at: 1)
        select.bindText(key.record, at: 2)
        select.bindText(key.field, at: 3)
        var scope: String?
        try select.forEachBoundRow { row in
            let seq = row.int64(0)
            scope = row.text(1)
            guard let vector = row.withBytes(2, VectorBlob.decode) else {
                throw StorageError.corruptRecord(sequence: seq, reason: localized("storage.corrupt.vector"))
            }
            versions.append((seq, vector))
        }
        return scope
    }

    /// Merges every change in order, storing the rows encoded ahead; counts what was accepted
    /// and ignored.
    func apply(_ encoded: EncodedChanges) throws -> ApplySummary {
        var scratch = Scratch(storedKeys: try StoredKeys.read(for: encoded.changes, in: self))
        var summary = ApplySummary()
        for (index, change) in encoded.changes.enumerated() {
            if try apply(change, row: encoded.row(at: index), scratch: &scratch) != nil {
                summary.accepted += 1
            } else {
                summary.ignored += 1
            }
        }
        return summary
    }

    /// Adds to `prints` the fingerprints (`StoredKeys.fingerprint`) of the keys of current
    /// versions from `lowest` through `highest` in key order; returns false when there are more
    /// than `limit` keys (then only the first `limit` were read and added).
    func keyFingerprints(
        from lowest: RecordKey, through highest: RecordKey, atMost limit: Int, into prints: inout Set<UInt64>
    ) throws -> Bool {
        var count = 0
        try database.cachedStatement(
            """
            SELECT DISTINCT collection, record, field FROM versions
            WHERE (collection, record, field) >= (?1, ?2, ?3) AND (collection, record, field) <= (?4, ?5, ?6)
            LIMIT ?7
            """
        ).forEachRowWhile(
            [
                lowest.collection, lowest.record, lowest.field, highest.collection, highest.record, highest.field,
                limit + 1,
            ]
        ) { row in
            count += 1
            guard count <= limit else { return false }
            var hash = StoredKeys.FNV1a()
            for column in Int32(0)..<3 { row.withBytes(column) { hash.add(part: $0) } }
            prints.insert(hash.value)
            return true
        }
        return count <= limit
    }

    func moveToHistory(sequence: Int64, supersededBy newSequence: Int64) throws {
        try database.cachedStatement(
            """
            INSERT INTO history (seq, collection, record, field, scope, vector, author, change, superseded_by)
            SELECT seq, collection, record, field, scope, vector, author, change, ?2 FROM versions WHERE seq = ?1
            """
        ).execute([sequence, newSequence])
        try database.cachedStatement("DELETE FROM versions WHERE seq = ?1").execute([sequence])
    }

    /// The scope of `key`'s register, read from one small column of one current version
    /// without decoding any; nil when it has none.
    func registerScope(of key: RecordKey) throws -> Scope? {
        try database.cachedStatement(
            "SELECT seq, scope FROM versions WHERE collection = ?1 AND record = ?2 AND field = ?3 LIMIT 1"
        ).fetchOne([key.collection, key.record, key.field]) { row in
            do { return try Scope(validating: row.text(1)) } catch {
                throw StorageError.corruptRecord(sequence: row.int64(0), reason: "\(error)")
            }
        } ?? nil
    }

    /// The scope of any current version of `key`'s record (any field), nil when none exists.
    func recordScope(of key: RecordKey) throws -> String? {
        try database.cachedStatement("SELECT scope FROM versions WHERE collection = ?1 AND record = ?2 LIMIT 1")
            .fetchOne([key.collection, key.record]) { $0.text(0) }
    }

    /// The current version stored under `sequence`.
    func storedChange(sequence: Int64) throws -> Change {
        let change = try database.cachedStatement("SELECT change FROM versions WHERE seq = ?1").fetchOne([sequence]) {
            row in try decodeChange(row, column: 0, sequence: sequence)
        }
        guard let change else {
            throw StorageError.corruptRecord(sequence: sequence, reason: localized("storage.corrupt.missing"))
        }
        return change
    }

    /// The current siblings of `key` as a register (empty when never written).
    func register(for key: RecordKey) throws -> Register {
        var register = Register()
        try database.cachedStatement(
            "SELECT seq, change FROM versions WHERE collection = ?1 AND record = ?2 AND field = ?3"
        ).forEachRow([key.collection, key.record, key.field]) { row in
            register.merge(try decodeChange(row, column: 1, sequence: row.int64(0)).version)
        }
        return register
    }

    /// The current versions of `key` as stored, undecoded, in sequence order.
    func storedChanges(for key: RecordKey) throws -> [StoredChange] {
        var stored: [StoredChange] = []
        try database.cachedStatement(
            "SELECT seq, change FROM versions WHERE collection = ?1 AND record = ?2 AND field = ?3 ORDER BY seq"
        ).forEachRow([key.collection, key.record, key.field]) { row in
            stored.append(StoredChange(sequence: row.int64(0), bytes: row.bytes(1)))
        }
        return stored
    }

    /// Whether verdicts taken under `mark` still hold: the collection is as it was, or every
    /// field the judgement read (`readKeys`) has the same current versions.
    func holds(_ mark: CollectionMark) throws -> Bool {
        if try self.mark(of: mark.collection).sameVersions(as: mark) { return true }
        guard let readKeys = mark.readKeys else { return false }
        for (key, sequences) in readKeys {
            var now: [Int64] = []
            try database.cachedStatement(
                "SELECT seq FROM versions WHERE collection = ?1 AND record = ?2 AND field = ?3 ORDER BY seq"
            ).forEachRow([key.collection, key.record, key.field]) { now.append($0.int64(0)) }
            if now != sequences { return false }
        }
        return true
    }

    /// The mark of `collection`'s current versions (a range of the key index, not a scan).
    func mark(of collection: String) throws -> CollectionMark {
        try database.cachedStatement(
            "SELECT count(*), coalesce(sum(seq), 0), coalesce(max(seq), 0) FROM versions WHERE collection = ?1"
        ).fetchOne([collection]) {
            CollectionMark(
                collection: collection, count: $0.int64(0), sequenceSum: $0.int64(1), highestSequence: $0.int64(2))
        } ?? CollectionMark(collection: collection, count: 0, sequenceSum: 0, highestSequence: 0)
    }

    /// The current siblings of `key` with the register's scope (nil when never written).
    func scopedRegister(for key: RecordKey) throws -> (scope: Scope?, register: Register) {
        var register = Register()
        var scope: Scope?
        try database.cachedStatement(
            "SELECT seq, change FROM versions WHERE collection = ?1 AND record = ?2 AND field = ?3"
        ).forEachRow([key.collection, key.record, key.field]) { row in
            let change = try decodeChange(row, column: 1, sequence: row.int64(0))
            scope = change.scope
            register.merge(change.version)
        }
        return (scope, register)
    }

    /// Every register of `collection` whose record starts with `recordPrefix`, in key order, with
    /// its scope. Uses the key index (a range scan), not a full scan.
    func registers(collection: String, recordPrefix: String) throws -> [(
        key: RecordKey, scope: Scope, register: Register
    )] {
        let range = Self.records(startingWith: recordPrefix)
        return try registers(
            from: database.cachedStatement(
                """
                SELECT seq, change FROM versions
                WHERE collection = ?1 AND record >= ?2 AND record < ?3 ORDER BY collection, record, field, seq
                """),
            [collection, range.lowest, range.above])
    }

    /// The records that start with `prefix` are those from `lowest` up to, not including,
    /// `above` (SQLite compares text byte by byte). A prefix ending in `/` gets an exact bound,
    /// `/` raised to `0`: no record id escapes it, whatever it goes on with (an id going on with
    /// U+10FFFF would sort above `prefix` + U+10FFFF). Other prefixes get U+10FFFF.
    static func records(startingWith prefix: String) -> (lowest: String, above: String) {
        guard prefix.hasSuffix("/") else { return (prefix, prefix + "\u{10FFFF}") }
        return (prefix, prefix.dropLast() + "0")
    }

    /// The registers of one `field` of `collection`, in key order, made of their current versions
    /// whose stored change is at most `maxChangeBytes` bytes of UTF-8 (larger ones are never read
    /// into memory; `length` of the text alone would count characters, up to three bytes each in
    /// Japanese). The key index's range for the collection is walked and `field` checked in the
    /// index, so the rows of other fields are not read at all.
    func registers(collection: String, field: String, maxChangeBytes: Int) throws -> [(
        key: RecordKey, scope: Scope, register: Register
    )] {
        try registers(
            from: database.cachedStatement(
                """
                SELECT seq, change FROM versions INDEXED BY versions_by_key
                WHERE collection = ?1 AND field = ?2 AND length(CAST(change AS BLOB)) <= ?3
                ORDER BY collection, record, field, seq
                """),
            [collection, field, Int64(maxChangeBytes)])
    }

    /// Every register of `collection` with record `record` exactly (one per field), in key order.
    func registers(collection: String, record: String) throws -> [(key: RecordKey, scope: Scope, register: Register)] {
        try registers(
            from: database.cachedStatement(
                """
                SELECT seq, change FROM versions
                WHERE collection = ?1 AND record = ?2 ORDER BY collection, record, field, seq
                """),
            [collection, record])
    }

    /// The registers of the versions `statement` selects (`seq`, `change`, in key order).
    private func registers(from statement: Statement, _ arguments: [DatabaseValueConvertible]) throws -> [(
        key: RecordKey, scope: Scope, register: Register
    )] {
        var result: [(key: RecordKey, scope: Scope, register: Register)] = []
        try statement.forEachRow(arguments) { row in
            let change = try decodeChange(row, column: 1, sequence: row.int64(0))
            if let last = result.last, last.key == change.key {
                result[result.count - 1].register.merge(change.version)
            } else {
                result.append((change.key, change.scope, Register(merging: [change.version])))
            }
        }
        return result
    }

    /// How many distinct records of `collection` start with `recordPrefix`, counted up to
    /// `limit` (a range of the key index, stopped there).
    func recordCount(collection: String, recordPrefix: String, upTo limit: Int) throws -> Int {
        let range = Self.records(startingWith: recordPrefix)
        return try database.cachedStatement(
            """
            SELECT count(*) FROM (
                SELECT DISTINCT record FROM versions
                WHERE collection = ?1 AND record >= ?2 AND record < ?3 LIMIT ?4)
            """
        ).fetchOne([collection, range.lowest, range.above, Int64(limit)]) { Int($0.int64(0)) } ?? 0
    }

    /// Superseded versions of `key`, oldest first.
    func history(for key: RecordKey) throws -> [Version] {
        var versions: [Version] = []
        try database.cachedStatement(
            "\(Self.supersededChain) SELECT seq, change FROM history WHERE seq IN superseded ORDER BY seq"
        ).forEachRow([key.collection, key.record, key.field]) { row in
            versions.append(try decodeChange(row, column: 1, sequence: row.int64(0)).version)
        }
        return versions
    }

    /// The newest superseded versions of `key`, oldest first: at most `limit`, and none after
    /// the one whose stored JSON brings the total to `maxBytes` (so at least one when any
    /// exists); `more` is true when older ones exist that were left out.
    ///
    /// The walk back along `superseded_by` takes the highest sequence first and stops after
    /// `limit + 1` versions, so a register revised a million times costs what a short one does.
    /// That gives the newest ones exactly where a version's sequence is above those it
    /// supersedes: always on the server, which never reverts (a replica's `revert` may point
    /// history at an older current version; replicas use `history(for:)`).
    func recentHistory(for key: RecordKey, limit: Int, maxBytes: Int) throws -> (versions: [Version], more: Bool) {
        precondition(limit > 0, "limit must be positive")
        var versions: [Version] = []
        var bytes = 0
        var more = false
        try database.cachedStatement(
            "\(Self.newestSupersededChain) SELECT seq, change FROM history WHERE seq IN superseded ORDER BY seq DESC"
        ).forEachRowWhile([key.collection, key.record, key.field, limit + 1]) { row in
            guard versions.count < limit, bytes < maxBytes else {
                more = true
                return false
            }
            bytes += row.withBytes(1) { $0.count }
            versions.append(try decodeChange(row, column: 1, sequence: row.int64(0)).version)
            return true
        }
        return (versions.reversed(), more)
    }

    /// Current versions stored after `sequence`, in sequence order, at most `limit`.
    ///
    /// `next` is the sequence of the last change returned, or on the last page the store's last
    /// sequence: asking again with it continues exactly where this page ended.
    func changes(since sequence: Int64, limit: Int) throws -> PullResponse {
        var changes: [Change] = []
        let page = try rawChanges(since: sequence, limit: limit) { seq, bytes in
            do { changes.append(try Change(decoding: bytes)) } catch {
                throw StorageError.corruptRecord(sequence: seq, reason: "\(error)")
            }
        }
        return PullResponse(changes: changes, next: page.next, more: page.more)
    }

    /// Like `changes(since:limit:)` but hands over each stored wire JSON without decoding it.
    ///
    /// With `excludingAuthor`, versions written by that replica are left out (it has them, or
    /// something that superseded them); `scopes` (nil: every scope) leaves out versions of other
    /// scopes. Both are conditions of the query, so SQLite skips such rows without handing them
    /// over, and a page holds up to `limit` versions the caller gets. When the page is the last
    /// one (`more` false), `next` is the store's last sequence in the same snapshot: the rows left
    /// out after the page's last change are never scanned again by the next pull.
    ///
    /// `maxBytes` bounds the page by the wire JSON it hands over as well: the page ends after the
    /// change that reaches it (so a page always holds at least one change when any is left).
    ///
    /// `window` bounds what one call looks at: sequences up to `sequence + window` only. When
    /// the rows left out fill that range the page ends there (`more` true, `next` the range's
    /// end) with fewer than `limit` changes, even none, so that no call scans a whole table of
    /// versions the caller does not get.
    func rawChanges(
        since sequence: Int64, limit: Int, maxBytes: Int = .max, excludingAuthor: ReplicaID? = nil,
        scopes: Set<Scope>? = nil, window: Int64 = .max, _ body: (Int64, UnsafeRawBufferPointer) throws -> Void
    ) throws -> (next: Int64, more: Bool) {
        precondition(limit > 0 && window > 0, "limit and window must be positive")
        let (sum, overflow) = sequence.addingReportingOverflow(window)
        let bound = overflow ? Int64.max : sum
        var conditions = ["seq > ?1", "seq <= ?3"]
        var arguments: [DatabaseValueConvertible] = [sequence, limit + 1, bound]
        if let excludingAuthor {
            arguments.append(excludingAuthor.hex)
            conditions.append("author != ?\(arguments.count)")
        }
        if let scopes {
            // Sorted, so that one set of scopes always gives the same (cached) statement.
            let placeholders = scopes.map(\.description).sorted().map { scope in
                arguments.append(scope)
                return "?\(arguments.count)"
            }
            conditions.append("scope IN (\(placeholders.joined(separator: ", ")))")
        }
        var next = sequence
        var count = 0
        var bytes = 0
        var more = false
        try database.cachedStatement(
            "SELECT seq, change FROM versions WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq LIMIT ?2"
        ).forEachRowWhile(arguments) { row in
            if count == limit || bytes >= maxBytes {
                more = true
                return false
            }
            count += 1
            next = row.int64(0)
            try row.withBytes(1) { change in
                bytes += change.count
                try body(next, change)
            }
            return true
        }
        if !more {
            let last = try lastSequence()
            if bound < last {
                (next, more) = (bound, true)
            } else {
                next = max(next, last)
            }
        }
        return (next, more)
    }

    /// The highest sequence ever given (0 for an empty store).
    ///
    /// Every sequence given is in `versions` or `history`, or at most `version_sequence` (where
    /// `revert` notes what it removes), so the highest of the three is the highest ever given.
    func lastSequence() throws -> Int64 {
        try database.cachedStatement(
            """
            SELECT max(
                (SELECT last FROM version_sequence),
                coalesce((SELECT max(seq) FROM versions), 0),
                coalesce((SELECT max(seq) FROM history), 0))
            """
        ).fetchOne([]) { $0.int64(0) } ?? 0
    }

    /// Keys of registers that have more than one current version, in key order.
    func conflictedKeys() throws -> [RecordKey] {
        var keys: [RecordKey] = []
        try database.cachedStatement(
            "SELECT collection, record, field FROM conflicts ORDER BY collection, record, field"
        )
        .forEachRow { row in
            keys.append(try RecordKey(validating: row.text(0), record: row.text(1), field: row.text(2)))
        }
        return keys
    }

    /// Number of registers with more than one current version.
    func conflictCount() throws -> Int64 {
        try database.fetchInt64(sql: "SELECT count(*) FROM conflicts") ?? 0
    }

    /// Counts of current versions, registers, superseded versions and conflicts.
    func statistics() throws -> StoreStatistics {
        let versions = try database.fetchInt64(sql: "SELECT count(*) FROM versions") ?? 0
        // Each conflicted register holds `siblings` versions; every other register holds one.
        let extraSiblings = try database.fetchInt64(sql: "SELECT coalesce(sum(siblings - 1), 0) FROM conflicts") ?? 0
        return StoreStatistics(
            versions: versions, registers: versions - extraSiblings,
            superseded: try database.fetchInt64(sql: "SELECT count(*) FROM history") ?? 0,
            conflicts: try conflictCount(), lastSequence: try lastSequence())
    }

    /// Every register in key order, one canonical JSON line each:
    /// `{"collection":…,"record":…,"field":…,"scope":…,"versions":[…]}`. Stores that hold the same
    /// versions give the same bytes.
    func canonicalDump() throws -> [UInt8] {
        var output: [UInt8] = []
        var currentKey: RecordKey?
        var currentScope = Scope.shared
        var register = Register()
        func flush() {
            guard let key = currentKey else { return }
            var writer = JSONWriter()
            writer.beginObject()
            Change.writeAddress(key, scope: currentScope, to: &writer)
            writer.key("versions")
            writer.writeRaw(register.canonicalBytes)
            writer.endObject()
            output.append(contentsOf: writer.bytes)
            output.append(0x0A)
        }
        try database.cachedStatement("SELECT seq, change FROM versions ORDER BY collection, record, field").forEachRow {
            row in
            let change = try decodeChange(row, column: 1, sequence: row.int64(0))
            if change.key != currentKey {
                flush()
                currentKey = change.key
                currentScope = change.scope
                register = Register()
            }
            register.merge(change.version)
        }
        flush()
        return output
    }

    private func decodeChange(_ row: Row, column: Int32, sequence: Int64) throws -> Change {
        do {
            return try row.withBytes(column) { buffer throws(ModelError) in try Change(decoding: buffer) }
        } catch {
            throw StorageError.corruptRecord(sequence: sequence, reason: "\(error)")
        }
    }
}

extension VersionTable {
    /// Removes the current version `sequence` for good and brings back the versions it had
    /// superseded, except those a current version of the register supersedes or equals: those
    /// stay in the history, now superseded by that version (so `supersededChain` still finds
    /// them).
    func revert(sequence: Int64) throws {
        let removed = try storedChange(sequence: sequence)
        let key = removed.key
        // The one removal that keeps no trace of the sequence: note it, so it is never given again.
        try database.cachedStatement("UPDATE version_sequence SET last = max(last, ?1)").execute([sequence])
        try database.cachedStatement("DELETE FROM versions WHERE seq = ?1").execute([sequence])
        var current = try register(for: key)
        var restored: [Int64] = []
        var kept: [(seq: Int64, vector: VersionVector)] = []
        try database.cachedStatement("SELECT seq, change FROM history WHERE superseded_by = ?1 ORDER BY seq")
            .forEachRow([sequence]) { row in
                let old: Change
                do { old = try row.withBytes(1) { buffer throws(ModelError) in try Change(decoding: buffer) } } catch {
                    throw StorageError.corruptRecord(sequence: row.int64(0), reason: "\(error)")
                }
                if case .added = current.merge(old.version) {
                    restored.append(row.int64(0))
                } else {
                    kept.append((row.int64(0), old.version.vector))
                }
            }
        for seq in restored {
            try database.cachedStatement(
                """
                INSERT INTO versions (seq, collection, record, field, scope, vector, author, change)
                SELECT seq, collection, record, field, scope, vector, author, change FROM history WHERE seq = ?1
                """
            ).execute([seq])
            try database.cachedStatement("DELETE FROM history WHERE seq = ?1").execute([seq])
        }
        try resupersede(kept, of: key)
        try recountConflict(of: key)
    }

    /// Makes each of `versions` (history rows of `key` whose successor is gone) superseded by a
    /// current version of `key` that supersedes or equals it.
    private func resupersede(_ versions: [(seq: Int64, vector: VersionVector)], of key: RecordKey) throws {
        guard !versions.isEmpty else { return }
        var current: [(seq: Int64, vector: VersionVector)] = []
        _ = try currentVectors(of: key, into: &current)
        for version in versions {
            let successor = current.first { [.after, .equal].contains($0.vector.compare(version.vector)) }
            guard let successor = successor ?? current.last else { continue }
            try database.cachedStatement("UPDATE history SET superseded_by = ?2 WHERE seq = ?1").execute([
                version.seq, successor.seq,
            ])
        }
    }

    /// Brings the `conflicts` row of `key` in line with its current versions (after versions
    /// were removed or restored outside `apply`).
    func recountConflict(of key: RecordKey) throws {
        let siblings =
            try database.fetchInt64(
                sql: "SELECT count(*) FROM versions WHERE collection = ?1 AND record = ?2 AND field = ?3",
                [key.collection, key.record, key.field]) ?? 0
        if siblings > 1 {
            try database.cachedStatement(
                """
                INSERT INTO conflicts (collection, record, field, siblings) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (collection, record, field) DO UPDATE SET siblings = excluded.siblings
                """
            ).execute([key.collection, key.record, key.field, siblings])
        } else {
            try database.cachedStatement("DELETE FROM conflicts WHERE collection = ?1 AND record = ?2 AND field = ?3")
                .execute([key.collection, key.record, key.field])
        }
    }

    /// Rewrites the `user` of the current versions selected by `condition` (an SQL condition on
    /// `versions`, fixed by the caller, never user input); returns how many changed.
    func restamp(user: String, where condition: String) throws -> Int {
        var rows: [(Int64, Change)] = []
        try database.cachedStatement("SELECT seq, change FROM versions WHERE \(condition)").forEachRow([]) { row in
            let change: Change
            do { change = try row.withBytes(1) { buffer throws(ModelError) in try Change(decoding: buffer) } } catch {
                throw StorageError.corruptRecord(sequence: row.int64(0), reason: "\(error)")
            }
            if change.version.user != user { rows.append((row.int64(0), change)) }
        }
        for (seq, var change) in rows {
            change.version.user = user
            try database.cachedStatement("UPDATE versions SET change = ?2 WHERE seq = ?1").execute([
                seq, String(decoding: change.jsonBytes, as: UTF8.self),
            ])
        }
        return rows.count
    }
}
