import Foundation
import Localization
import Models
import Synchronization

/// A municipality's (or the advisor's) local replica: the same versions and history tables as
/// the server, plus an outbox of local versions the server has not acknowledged and the pull
/// cursor. Every method works offline.
///
/// ```swift
/// let store = try ReplicaStore.create(at: "replica.sqlite")
/// try store.write("はい", to: key, scope: .municipality(code), user: "tanaka")
/// if let batch = try store.nextPushBatch(limit: 5000) {   // push batch.changesJSON, then:
///     try store.acknowledge(batch: batch.name)
/// }
/// try store.applyPulled(page)                            // changes + cursor, one transaction
/// ```
public final class ReplicaStore: VersionStore {
    let queue: DatabaseQueue
    /// This replica's identity: made at creation, changed only when the replica turns out to
    /// have been restored from an older copy of itself (`continueAsNewReplica`).
    public var replicaID: ReplicaID { identity.withLock { $0 } }
    let identity: Mutex<ReplicaID>

    /// Opens the replica at `path`, creating it (with `replica` or a random id) when the file is
    /// new. Prefer `create(at:)` and `open(at:)`, which say which of the two is meant.
    public init(path: String, newReplicaID replica: ReplicaID = .random()) throws {
        var configuration = Database.Configuration()
        configuration.synchronous = .full  // a saved answer must survive a power cut
        configuration.checkpointsInBackground = true  // no commit waits for a checkpoint
        queue = try StoreFile.open(
            path: path, kind: .replica, configuration: configuration, migrator: Self.migrator(replica: replica))
        identity = Mutex(try StoreFile.replicaID(in: queue))
    }

    /// Creates a new replica; refuses when `path` already exists.
    public static func create(at path: String, replica: ReplicaID = .random()) throws -> ReplicaStore {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StorageError.cannotOpen(path: path, reason: localized("storage.open.exists"))
        }
        return try ReplicaStore(path: path, newReplicaID: replica)
    }

    /// Opens an existing replica; refuses when there is none at `path`.
    public static func open(at path: String) throws -> ReplicaStore {
        guard FileManager.default.fileExists(atPath: path) else { throw StorageError.missingReplica(path: path) }
        return try ReplicaStore(path: path)
    }

    static func migrator(replica: ReplicaID) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        StoreFile.registerStoreInfo(in: &migrator, kind: .replica, replica: replica)
        migrator.registerMigration("002-versions", VersionTable.createTables)
        migrator.registerMigration("003-outbox-and-cursor") { database in
            try database.execute(
                sql: """
                    CREATE TABLE outbox (
                        seq INTEGER PRIMARY KEY REFERENCES versions (seq) ON DELETE CASCADE  -- a local version not yet acknowledged
                    ) STRICT;
                    CREATE TABLE pull_cursor (
                        id   INTEGER PRIMARY KEY CHECK (id = 1),
                        next INTEGER NOT NULL CHECK (next >= 0)  -- server sequence pulled up to; never decreases
                    ) STRICT;
                    INSERT INTO pull_cursor (id, next) VALUES (1, 0);
                    """)
        }
        migrator.registerMigration("004-open-push-batch") { database in
            // The batch sent and not yet acknowledged: a retry resends the outbox rows in this
            // sequence range under the same name, so the server recognises it and applies it once.
            try database.execute(
                sql: """
                    CREATE TABLE open_push_batch (
                        id        INTEGER PRIMARY KEY CHECK (id = 1),  -- at most one batch is open
                        name      TEXT NOT NULL,     -- batch name sent to the server
                        first_seq INTEGER NOT NULL,  -- outbox rows first_seq...last_seq belong to it
                        last_seq  INTEGER NOT NULL
                    ) STRICT
                    """)
        }
        migrator.registerMigration("005-rejected") { database in
            // Local versions the server refused for good. A later local write of the same field
            // supersedes the version, which removes its row here (ON DELETE CASCADE).
            try database.execute(
                sql: """
                    CREATE TABLE rejected (
                        seq         INTEGER PRIMARY KEY REFERENCES versions (seq) ON DELETE CASCADE,
                        code        TEXT NOT NULL,     -- the server's reason code, e.g. invalid_answer
                        message     TEXT NOT NULL,     -- the server's reason for people
                        rejected_at INTEGER NOT NULL   -- Unix milliseconds
                    ) STRICT
                    """)
        }
        migrator.registerMigration("006-push-numbers-and-rewind") { database in
            try database.execute(
                sql: """
                    -- The open batch's push number (NULL for a batch opened before numbers existed).
                    ALTER TABLE open_push_batch ADD COLUMN number INTEGER;
                    -- After continuing under a new replica id (`continueAsNewReplica`): for each
                    -- register with a re-stamped local version, the SHA-256 of every other version
                    -- this replica held of it. Versions pulled later with one of these hashes
                    -- were seen by that local write (`settleRewind`).
                    CREATE TABLE rewind_seen (
                        collection TEXT NOT NULL,
                        record     TEXT NOT NULL,
                        field      TEXT NOT NULL,
                        hash       TEXT NOT NULL,  -- SHA-256 (hex) of the version's stored change JSON
                        PRIMARY KEY (collection, record, field, hash)
                    ) STRICT, WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("007-history-by-successor", VersionTable.indexHistoryBySuccessor)
        migrator.registerMigration("008-open-push-batches") { database in
            // Up to `PushRequest.window` batches are in flight at once (was one): each keeps its
            // name, number and outbox range until the server acknowledges it.
            try database.execute(
                sql: """
                    CREATE TABLE open_push_batches (
                        name      TEXT PRIMARY KEY,   -- batch name sent to the server
                        first_seq INTEGER NOT NULL,   -- outbox rows first_seq...last_seq belong to it
                        last_seq  INTEGER NOT NULL,   -- (ranges of open batches never overlap)
                        number    INTEGER             -- push number; NULL for a batch opened before numbers existed
                    ) STRICT;
                    INSERT INTO open_push_batches (name, first_seq, last_seq, number)
                        SELECT name, first_seq, last_seq, number FROM open_push_batch;
                    DROP TABLE open_push_batch;
                    """)
        }
        migrator.registerMigration("009-versions-without-autoincrement", VersionTable.dropAutoincrement)
        return migrator
    }

    /// A local write: supersedes every version of the register this replica has seen, and waits
    /// in the outbox until the server acknowledges it. Writing `.null` deletes the field.
    ///
    /// - Throws: `StorageError.scopeMismatch` when the record belongs to another scope.
    @discardableResult
    public func write(
        _ value: JSONValue, to key: RecordKey, scope: Scope, user: String, at time: Int64 = UnixTime.milliseconds()
    ) throws -> Version {
        try writeAll([(key, scope, value)], user: user, at: time)[0]
    }

    /// Local writes of many fields in one transaction: all are written, or none (an import).
    /// Each write supersedes what this replica has seen of its field, like `write`.
    @discardableResult
    public func writeAll(
        _ writes: [(key: RecordKey, scope: Scope, value: JSONValue)], user: String,
        at time: Int64 = UnixTime.milliseconds()
    ) throws -> [Version] {
        try queue.write { database in
            let table = VersionTable(database: database)
            var scratch = VersionTable.Scratch()
            let outbox = try database.cachedStatement("INSERT INTO outbox (seq) VALUES (?1)")
            var versions: [Version] = []
            versions.reserveCapacity(writes.count)
            for write in writes {
                var register = try table.register(for: write.key)
                let version = register.write(write.value, by: replicaID, user: user, at: time)
                let change = Change(key: write.key, scope: write.scope, version: version)
                guard
                    let sequence = try table.apply(change, row: EncodedChanges([change]).row(at: 0), scratch: &scratch)
                else { preconditionFailure("a local write always supersedes what it has seen") }
                try outbox.execute([sequence])
                versions.append(version)
            }
            return versions
        }
    }

    /// A named setting of this replica (`scope`, `user`, `server`…), or nil when unset.
    public func setting(_ name: ReplicaSetting) throws -> String? {
        try queue.inDatabase { database in
            try database.fetchText(sql: "SELECT value FROM store_info WHERE name = ?1", [name.rawValue])
        }
    }

    /// Stores a setting (replacing the previous value).
    public func setSetting(_ name: ReplicaSetting, to value: String) throws {
        try queue.write { database in try Self.setSetting(name, to: value, in: database) }
    }

    static func setSetting(_ name: ReplicaSetting, to value: String, in database: Database) throws {
        try database.execute(
            sql:
                "INSERT INTO store_info (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [name.rawValue, value])
    }

    public func apply(_ changes: [Change]) throws -> ApplySummary {
        let encoded = EncodedChanges(changes)
        return try queue.write { database in try VersionTable(database: database).apply(encoded) }
    }

    /// Applies one pulled page and advances the cursor to `page.next` in the same transaction,
    /// so a crash leaves either both or neither.
    @discardableResult
    public func applyPulled(_ page: PullResponse) throws -> ApplySummary {
        try applyPulled(EncodedChanges(page.changes), next: page.next)
    }

    /// Applies the changes of one pulled page, encoded ahead (possibly on another thread), and
    /// advances the cursor to `next` (the page's `next`) in the same transaction.
    @discardableResult
    public func applyPulled(_ changes: EncodedChanges, next: Int64) throws -> ApplySummary {
        var summary = ApplySummary()
        try applyPulledPages { previous in
            if let previous {
                summary = previous
                return nil
            }
            return (changes, next)
        }
        return summary
    }

    /// Applies pulled pages in one transaction (a commit group), each with its cursor, for as
    /// long as `nextPage` gives one (it may wait for the network meanwhile); commits when it
    /// gives nil. `nextPage` is told what the page it gave before did (nil at its first call).
    ///
    /// A group commits once where a page each would commit each: the pages of the key index
    /// that every page's changes touch are written to the WAL and synced once (keys in random
    /// order apply 13-30% faster in groups of five pages of 10,000). A failure anywhere rolls
    /// the whole group back, cursor included: the next pull starts again from the last commit.
    public func applyPulledPages(
        _ nextPage: (_ previous: ApplySummary?) throws -> (changes: EncodedChanges, next: Int64)?
    ) throws {
        try queue.write { database in
            let table = VersionTable(database: database)
            let cursor = try database.cachedStatement("UPDATE pull_cursor SET next = max(next, ?1) WHERE id = 1")
            var previous: ApplySummary?
            while let page = try nextPage(previous) {
                previous = try table.apply(page.changes)
                try cursor.execute([page.next])
            }
        }
    }

    /// The server sequence this replica has pulled up to.
    public func pullCursor() throws -> Int64 {
        try queue.inDatabase { database in
            try database.fetchInt64(sql: "SELECT next FROM pull_cursor WHERE id = 1") ?? 0
        }
    }

    /// The next push batch to send: the oldest batch sent before and not yet acknowledged that
    /// is not `inFlight` (a retry sends it again, same name and number), else up to `limit`
    /// unsent versions after every open batch, under a new name and number, ending once their
    /// JSON reaches `maxBytes` (at least one version; the server takes 8 MiB per push). Nil when
    /// nothing waits. The caller bounds how many batches are open at once (`PushRequest.window`).
    public func nextPushBatch(
        limit: Int, maxBytes: Int = PushRequest.maxBatchBytes, excluding inFlight: Set<String> = []
    ) throws -> PushBatch? {
        try queue.write { database in
            var after: Int64 = 0
            for open in try Self.openBatches(in: database) {
                if inFlight.contains(open.name) {
                    after = max(after, open.last)
                    continue
                }
                let changes = try Self.outboxChanges(in: database, from: open.first, through: open.last)
                if !changes.isEmpty {
                    return PushBatch(
                        name: open.name, number: open.number, changesJSON: changes.map(\.json),
                        sequences: changes.map(\.seq))
                }
                // Every version of this batch was superseded locally: nothing left to resend.
                try database.cachedStatement("DELETE FROM open_push_batches WHERE name = ?1").execute([open.name])
            }
            // One pass over the outbox after the open batches: each change's stored JSON is read
            // once, and reading stops at the byte bound. A batch holds survey changes or answers
            // and submissions, never both: the server refuses answers and submissions to a survey
            // their own batch changes (an advisor's publication and its entries for a
            // municipality go in two batches, in the order they were written).
            var changes: [(seq: Int64, json: [UInt8])] = []
            var bytes = 0
            var holds: (surveys: Bool, answers: Bool) = (false, false)
            try database.cachedStatement(
                "SELECT o.seq, v.change, v.collection FROM outbox AS o JOIN versions AS v ON v.seq = o.seq WHERE o.seq > ?1 ORDER BY o.seq LIMIT ?2"
            ).forEachRowWhile([after, limit]) { row in
                let collection = row.text(2)
                let isSurvey = collection == CollectionName.surveys
                let isAnswer = CollectionName.isJudgedAgainstSurveys(collection)
                if (isSurvey && holds.answers) || (isAnswer && holds.surveys) { return false }
                holds = (holds.surveys || isSurvey, holds.answers || isAnswer)
                let json = row.bytes(1)
                changes.append((row.int64(0), json))
                bytes += json.count
                return bytes < maxBytes
            }
            guard let first = changes.first?.seq, let last = changes.last?.seq else { return nil }
            let name = UUID().uuidString.lowercased()
            // Every new batch gets the next number, whether or not the one before was acknowledged.
            let number = try Self.highestPushNumber(in: database) + 1
            try database.cachedStatement(
                "INSERT INTO open_push_batches (name, first_seq, last_seq, number) VALUES (?1, ?2, ?3, ?4)"
            ).execute([name, first, last, number])
            try Self.setSetting(.pushNumber, to: String(number), in: database)
            return PushBatch(
                name: name, number: number, changesJSON: changes.map(\.json), sequences: changes.map(\.seq))
        }
    }

    /// Removes a batch the server acknowledged from the outbox (ignored when it is not open).
    /// Versions the server refused for good (`rejected`: local sequence, code, message) are set
    /// aside in `rejected` instead: they stay in this replica, listed by `renkei rejected`, and
    /// never block later batches.
    public func acknowledge(
        batch name: String, rejected: [(sequence: Int64, code: String, message: String)] = [],
        at now: Int64 = UnixTime.milliseconds()
    ) throws {
        try queue.write { database in
            guard let open = try Self.openBatches(in: database).first(where: { $0.name == name }) else { return }
            for rejection in rejected where (open.first...open.last).contains(rejection.sequence) {
                try Self.setAside(
                    rejection.sequence, code: rejection.code, message: rejection.message, at: now, in: database)
            }
            try database.execute(sql: "DELETE FROM outbox WHERE seq BETWEEN ?1 AND ?2", [open.first, open.last])
            try database.cachedStatement("DELETE FROM open_push_batches WHERE name = ?1").execute([name])
        }
    }

    /// The batches sent and not yet acknowledged, oldest first.
    private static func openBatches(in database: Database) throws -> [(
        name: String, first: Int64, last: Int64, number: Int64?
    )] {
        var batches: [(String, Int64, Int64, Int64?)] = []
        try database.cachedStatement(
            "SELECT name, first_seq, last_seq, number FROM open_push_batches ORDER BY first_seq"
        ).forEachRow([]) { row in
            batches.append((row.text(0), row.int64(1), row.int64(2), row.isNull(3) ? nil : row.int64(3)))
        }
        return batches
    }

    /// The highest push number this replica has given a batch (0: none yet).
    public func highestPushNumber() throws -> Int64 {
        try queue.inDatabase { database in try Self.highestPushNumber(in: database) }
    }

    static func highestPushNumber(in database: Database) throws -> Int64 {
        Int64(
            try database.fetchText(
                sql: "SELECT value FROM store_info WHERE name = ?1", [ReplicaSetting.pushNumber.rawValue]) ?? "") ?? 0
    }

    private static func outboxChanges(in database: Database, from first: Int64, through last: Int64) throws -> [(
        seq: Int64, json: [UInt8]
    )] {
        var changes: [(Int64, [UInt8])] = []
        try database.cachedStatement(
            "SELECT v.seq, v.change FROM outbox AS o JOIN versions AS v ON v.seq = o.seq WHERE o.seq BETWEEN ?1 AND ?2 ORDER BY o.seq"
        ).forEachRow([first, last]) { row in changes.append((row.int64(0), row.bytes(1))) }
        return changes
    }

    /// Files named by documents waiting in the outbox, with the size the document gives and a
    /// document name for progress output: they must reach the server before those records are
    /// pushed (`sync` uploads them first). Sorted by hash, one entry per hash and size.
    public func pendingBlobs() throws -> [(sha256: String, size: Int64, name: String)] {
        try queue.read { database in
            var blobs: [(String, Int64, String)] = []
            try database.cachedStatement(
                """
                SELECT json_extract(versions.change, '$.value.sha256') AS hash,
                       json_extract(versions.change, '$.value.size') AS size,
                       min(json_extract(versions.change, '$.value.name'))
                    FROM outbox JOIN versions ON versions.seq = outbox.seq
                    WHERE versions.collection = 'documents' AND hash IS NOT NULL
                    GROUP BY hash, size ORDER BY hash, size
                """
            ).forEachRow([]) { row in blobs.append((row.text(0), row.int64(1), row.text(2))) }
            return blobs
        }
    }

    /// Sets aside (`rejected`, with `code` and `message`) the documents waiting in the outbox
    /// that name the file `sha256` of `size` bytes: a file this replica cannot send, so that
    /// they do not hold up everything else. Returns how many were set aside.
    @discardableResult
    public func setAsidePendingDocuments(
        naming sha256: String, size: Int64, code: String, message: String, at now: Int64 = UnixTime.milliseconds()
    ) throws -> Int {
        try queue.write { database in
            var sequences: [Int64] = []
            try database.cachedStatement(
                """
                SELECT versions.seq FROM outbox JOIN versions ON versions.seq = outbox.seq
                    WHERE versions.collection = 'documents'
                        AND json_extract(versions.change, '$.value.sha256') = ?1
                        AND json_extract(versions.change, '$.value.size') = ?2
                """
            ).forEachRow([sha256, size]) { row in sequences.append(row.int64(0)) }
            let leave = try database.cachedStatement("DELETE FROM outbox WHERE seq = ?1")
            for sequence in sequences {
                try Self.setAside(sequence, code: code, message: message, at: now, in: database)
                try leave.execute([sequence])
            }
            return sequences.count
        }
    }

    /// Records why the version `sequence` was refused (`rejected`), replacing an earlier reason;
    /// the caller takes it out of the outbox.
    private static func setAside(
        _ sequence: Int64, code: String, message: String, at now: Int64, in database: Database
    ) throws {
        try database.cachedStatement(
            """
            INSERT INTO rejected (seq, code, message, rejected_at) SELECT seq, ?2, ?3, ?4 FROM versions WHERE seq = ?1
                ON CONFLICT (seq) DO UPDATE SET code = excluded.code, message = excluded.message,
                    rejected_at = excluded.rejected_at
            """
        ).execute([sequence, code, message, now])
    }

    /// The server was restored from a backup and may have lost what this replica sent since:
    /// every current version this replica wrote goes back into the outbox (the server ignores
    /// what it still has), any open batch is dropped, and the next pull starts from 0.
    /// Returns how many versions were queued again.
    @discardableResult
    public func requeueOwnVersionsForRestoredServer() throws -> Int {
        try queue.write { database in
            try database.execute(
                sql: "INSERT OR IGNORE INTO outbox (seq) SELECT seq FROM versions WHERE author = ?1", [replicaID.hex])
            let queued = Int(try database.fetchInt64(sql: "SELECT changes()") ?? 0)
            try database.execute(sql: "DELETE FROM open_push_batches")
            try database.execute(sql: "UPDATE pull_cursor SET next = 0")
            return queued
        }
    }

    /// Checks the replica file (`PRAGMA integrity_check`); the problems, empty when sound.
    public func integrityProblems() throws -> [String] {
        try queue.inDatabase { database in try database.integrityProblems() }
    }

    /// Number of local versions waiting for the server.
    public func pendingCount() throws -> Int64 {
        try queue.inDatabase { database in try database.fetchInt64(sql: "SELECT count(*) FROM outbox") ?? 0 }
    }

    public func changes(since sequence: Int64, limit: Int) throws -> PullResponse {
        try queue.read { database in try VersionTable(database: database).changes(since: sequence, limit: limit) }
    }

    public func register(for key: RecordKey) throws -> Register {
        try queue.read { database in try VersionTable(database: database).register(for: key) }
    }

    public func storedChanges(for key: RecordKey) throws -> [StoredChange] {
        try queue.read { database in try VersionTable(database: database).storedChanges(for: key) }
    }

    public func history(for key: RecordKey) throws -> [Version] {
        try queue.read { database in try VersionTable(database: database).history(for: key) }
    }

    /// Every register of `collection` whose record id starts with `recordPrefix` ("" for all),
    /// with its scope, in key order.
    public func registers(
        in collection: String, recordPrefix: String = ""
    ) throws -> [(key: RecordKey, scope: Scope, register: Register)] {
        try queue.read { database in
            try VersionTable(database: database).registers(collection: collection, recordPrefix: recordPrefix)
        }
    }

    /// Every register with siblings, with its scope, in key order.
    public func conflicts() throws -> [(key: RecordKey, scope: Scope, register: Register)] {
        try queue.read { database in
            let table = VersionTable(database: database)
            return try table.conflictedKeys().compactMap { key in
                let (scope, register) = try table.scopedRegister(for: key)
                return scope.map { (key, $0, register) }
            }
        }
    }

    /// The scope of the record `key` belongs to, if this replica holds it.
    public func scope(of key: RecordKey) throws -> Scope? {
        try queue.read { database in try VersionTable(database: database).registerScope(of: key) }
    }

    /// Number of registers with siblings (constant time: kept as versions are applied).
    public func conflictCount() throws -> Int64 {
        try queue.inDatabase { database in try VersionTable(database: database).conflictCount() }
    }

    /// Keys of registers with siblings, in key order.
    public func conflictedKeys() throws -> [RecordKey] {
        try queue.read { database in try VersionTable(database: database).conflictedKeys() }
    }

    public func canonicalDump() throws -> [UInt8] {
        try queue.read { database in try VersionTable(database: database).canonicalDump() }
    }

    public func statistics() throws -> StoreStatistics {
        try queue.read { database in try VersionTable(database: database).statistics() }
    }
}
