import Foundation
import Models
import Synchronization

/// The prefecture server's database: every register's current versions under one server
/// sequence (never reused), superseded versions in `history`, and the push batches already applied.
///
/// Commits use `synchronous = FULL`: when `push` returns, the batch survives a power cut.
///
/// ```swift
/// let store = try ServerStore(path: "renkei-data/renkei.sqlite")
/// let answer = try store.push(request)            // idempotent per (replica, batch)
/// let page = try store.pull(since: 0, limit: 1000)
/// ```
public final class ServerStore: VersionStore {
    private let queue: DatabaseQueue
    /// A second, read-only connection with a small page cache (`scanCacheKiB`), for reads that
    /// scan many rows: pull pages and the dashboard's completion counts. They must neither fill
    /// the main connection's cache nor wait behind pushes: WAL lets it read while the main one
    /// writes, each read seeing the last commit before it began.
    let scanQueue: DatabaseQueue
    /// The server's own replica identity (used when it syncs upward as a replica).
    public let replicaID: ReplicaID
    /// Published surveys' schemas, worked out once for the pushes that answer them (kept only
    /// while the stored `items` are unchanged).
    public let surveySchemas = SurveySchemaCache()

    /// Page cache of `scanQueue`, in KiB.
    static let scanCacheKiB = 2_048
    /// Page cache of the main connection, in KiB: the key index's hot pages and a push's dirty
    /// pages. Every page written stays cached up to this size, so it bounds what a burst of
    /// pushes adds to the server's memory (`renkei-bench load`: 64 MiB of cache gave a peak RSS
    /// of 74 MiB, 16 MiB gives 68 MiB, with no loss of push throughput measured; the operating
    /// system's file cache holds the rest of the database).
    static let cacheKiB = 16_384

    /// The highest server sequence this object has seen committed (-1: not read yet), so that
    /// `GET /v1/health` under many connections reads memory, not the database. Pushes are the
    /// only writers of versions and go through this object; a sequence only grows.
    private let knownSequence = Atomic<Int64>(-1)
    /// The epoch as first read by this object, for the same reason (set once, read without a
    /// lock). `renewEpoch` (a restore, with the server stopped) does not change it: open the
    /// store again to read the new one.
    private let knownEpoch = AtomicLazyReference<EpochText>()

    private final class EpochText: Sendable {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// Opens the database at `path`, creating it on first use.
    ///
    /// - Throws: `StorageError` when the file is not a Renkei server database.
    public init(path: String) throws {
        var configuration = Database.Configuration()
        configuration.synchronous = .full
        configuration.cacheKiB = Self.cacheKiB
        configuration.checkpointsInBackground = true  // no commit waits for a checkpoint
        queue = try StoreFile.open(
            path: path, kind: .server, configuration: configuration, migrator: Self.migrator(replica: .random()))
        replicaID = try StoreFile.replicaID(in: queue)
        var scan = Database.Configuration()
        scan.readOnly = true
        scan.cacheKiB = Self.scanCacheKiB
        do {
            scanQueue = try DatabaseQueue(path: path, configuration: scan)
        } catch let error as DatabaseError {
            throw StorageError.cannotOpen(path: path, reason: error.message)
        }
    }

    /// Registers with conflicting versions, counted per scope.
    public func conflictCounts() throws -> [String: Int] {
        try queue.read { database in
            var counts: [String: Int] = [:]
            try database.cachedStatement(
                """
                SELECT versions.scope, count(DISTINCT conflicts.collection || '/' || conflicts.record || '#' || conflicts.field)
                    FROM conflicts JOIN versions USING (collection, record, field) GROUP BY versions.scope
                """
            ).forEachRow([]) { row in counts[row.text(0)] = Int(row.int64(1)) }
            return counts
        }
    }

    /// This database's epoch: 32 hex digits, new after every restore from a backup.
    public func epoch() throws -> String {
        if let known = knownEpoch.load() { return known.text }
        let read = try queue.inDatabase { database in
            try database.fetchText(sql: "SELECT value FROM store_info WHERE name = 'epoch'") ?? ""
        }
        return knownEpoch.storeIfNil(EpochText(read)).text
    }

    /// A value of the `store_info` table (name and value text), nil when absent.
    func storeInfo(_ name: String) throws -> String? {
        try queue.inDatabase { database in
            try database.fetchText(sql: "SELECT value FROM store_info WHERE name = ?1", [name])
        }
    }

    /// Sets a value of the `store_info` table.
    func setStoreInfo(_ name: String, to value: String) throws {
        try queue.write { database in
            try database.execute(
                sql: "INSERT INTO store_info (name, value) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET value = ?2",
                [name, value])
        }
    }

    /// Starts a new epoch (after a restore): replicas seeing it send their own versions again.
    public func renewEpoch() throws {
        try queue.write { database in
            try database.execute(
                sql: "UPDATE store_info SET value = ?1 WHERE name = 'epoch'", [ReplicaID.random().hex])
        }
    }

    /// A consistent copy of the database at `path` (SQLite online backup, safe while serving).
    public func backup(to path: String) throws {
        try queue.inDatabase { database in try database.backup(to: path) }
    }

    /// Checks the database file (`PRAGMA integrity_check`); returns the problems, empty when sound.
    public func integrityProblems() throws -> [String] {
        try queue.inDatabase { database in try database.integrityProblems() }
    }

    /// Users, tokens, municipalities and the audit log, in this database.
    public var access: AccessStore { AccessStore(queue: queue) }

    /// Upload sessions and who sent which file, in this database.
    public var uploads: UploadStore { UploadStore(queue: queue) }

    /// When each replica last talked to the server, in this database.
    public var activity: ActivityStore { ActivityStore(queue: queue) }

    /// Applies a push batch in one transaction, exactly once per `(replica, batch)`.
    ///
    /// A retried batch changes nothing and gets the first answer again with `replayed = true`.
    /// The answer is returned only after the commit is durable.
    /// With `audit`, an audit entry is appended in the same transaction (its detail completed
    /// with what the batch did): a push is never applied without its entry, nor logged unapplied.
    ///
    /// The server's authority (see `SyncService`) comes in three parts: `owner`, the user whose
    /// token pushes (the replica id is bound to the first such user; another user's push throws
    /// `StorageError.replicaOwned`); `rejected`, changes already refused by checks that need no
    /// stored state (left out, reported in the answer); and `screen`, run on every other change
    /// with what the store holds of its register, before anything of it is written.
    /// `encoded`: the batch's rows when the caller has encoded them already (to know what they
    /// weigh), else they are encoded here. `unchanged`: the mark of a collection the checks
    /// before the transaction read (`surveys`, which the answers were judged against); if what
    /// they read of it has changed since (`VersionTable.holds`), nothing is applied and
    /// `CollectionMark.Changed` is thrown (a replayed
    /// batch is answered as before).
    public func push(
        _ request: PushRequest, audit: AuditEntry? = nil, at now: Int64 = UnixTime.milliseconds(),
        owner: String? = nil, rejected: [RejectedChange] = [], screen: PushScreen? = nil,
        encoded given: EncodedChanges? = nil, unchanged mark: CollectionMark? = nil
    ) throws -> PushResponse {
        // Encoded before the write lock is taken: other connections' transactions go on meanwhile.
        let encoded = given ?? EncodedChanges(request.changes, inParallel: true)
        let response = try queue.write { database in
            func record(_ response: PushResponse) throws {
                guard var entry = audit else { return }
                entry.detail += entry.detail.isEmpty ? "" : " "
                entry.detail +=
                    "batch=\(request.batch) changes=\(request.changes.count) accepted=\(response.accepted)\(response.replayed ? " replayed" : "")"
                if !response.rejected.isEmpty { entry.detail += " rejected=\(response.rejected.count)" }
                try AuditTable(database: database).append([entry], at: now)
            }
            if let owner { try Self.bind(request.replica, to: owner, in: database, at: now) }
            if let stored = try database.cachedStatement(
                "SELECT response FROM push_batches WHERE replica = ?1 AND batch = ?2"
            ).fetchOne([request.replica.hex, request.batch], { $0.bytes(0) }) {
                var response = try PushResponse(decoding: stored)
                response.replayed = true
                try record(response)
                return response
            }
            if let mark, try !VersionTable(database: database).holds(mark) {
                throw CollectionMark.Changed(collection: mark.collection)
            }
            if let number = request.number { try Self.advancePushNumber(of: request.replica, to: number, in: database) }
            var refused = rejected
            let skipped = Set(rejected.map(\.index))
            let reader = TransactionReader(table: VersionTable(database: database))
            let summary = try Self.applyAndReference(encoded, in: database) { index, change, stored in
                if skipped.contains(index) { return false }
                guard let screen else { return true }
                switch try screen(index, change, stored, reader) {
                case .merge:
                    reader.forgetLastRead()
                    return true
                case .reject(let rejection):
                    refused.append(rejection)
                    return false
                }
            }
            refused.sort { $0.index < $1.index }
            let response = PushResponse(
                batch: request.batch, accepted: summary.accepted, ignored: summary.ignored - refused.count,
                replayed: false, sequence: try VersionTable(database: database).lastSequence(), rejected: refused)
            try database.cachedStatement(
                "INSERT INTO push_batches (replica, batch, response, applied_at) VALUES (?1, ?2, ?3, ?4)"
            ).execute([request.replica.hex, request.batch, String(decoding: response.jsonBytes, as: UTF8.self), now])
            try record(response)
            return response
        }
        noteSequence(response.sequence)
        return response
    }

    /// The server sequence as last committed, from memory once known (`knownSequence`).
    public func currentSequence() throws -> Int64 {
        let known = knownSequence.load(ordering: .acquiring)
        if known >= 0 { return known }
        let read = try lastSequence()
        noteSequence(read)
        return read
    }

    /// Raises `knownSequence` to `sequence` (never lowers it).
    private func noteSequence(_ sequence: Int64) {
        var current = knownSequence.load(ordering: .relaxed)
        while sequence > current {
            let (exchanged, original) = knownSequence.compareExchange(
                expected: current, desired: sequence, ordering: .acquiringAndReleasing)
            if exchanged { return }
            current = original
        }
    }

    /// Binds `replica` to `user` at its first push; throws `StorageError.replicaOwned` when another
    /// user's token used it first.
    private static func bind(_ replica: ReplicaID, to user: String, in database: Database, at now: Int64) throws {
        try database.cachedStatement(
            "INSERT INTO replica_owners (replica, user, bound_at) VALUES (?1, ?2, ?3) ON CONFLICT (replica) DO NOTHING"
        ).execute([replica.hex, user, now])
        let owner = try database.cachedStatement("SELECT user FROM replica_owners WHERE replica = ?1").fetchOne(
            [replica.hex]
        ) { $0.text(0) }
        if let owner, owner != user { throw StorageError.replicaOwned(replica: replica, owner: owner) }
    }

    /// Skipped numbers kept per replica, at most (the highest ones): a client with
    /// `PushRequest.window` batches in flight leaves at most two behind, plus numbers it gave to
    /// batches it never sent (all their versions superseded locally before they went).
    static let maxSkippedNumbers: Int64 = 8

    /// Checks and records push `number` of a bound `replica`: above the highest applied, it
    /// becomes the highest (the numbers in between, at most `maxSkippedNumbers`, are recorded
    /// as skipped); below it, it must be a skipped number, which is then used up. Anything else
    /// (a number applied before under another batch name, or older than what is kept) throws
    /// `StorageError.replicaRewound`. A retry of an applied batch never gets here: it is
    /// answered from `push_batches`.
    private static func advancePushNumber(of replica: ReplicaID, to number: Int64, in database: Database) throws {
        let acknowledged =
            try database.cachedStatement("SELECT last_push FROM replica_owners WHERE replica = ?1").fetchOne(
                [replica.hex]
            ) { $0.int64(0) } ?? 0
        if number < acknowledged {
            try database.cachedStatement("DELETE FROM skipped_push_numbers WHERE replica = ?1 AND number = ?2")
                .execute([replica.hex, number])
            guard database.changesCount == 1 else {
                throw StorageError.replicaRewound(replica: replica, number: number, acknowledged: acknowledged)
            }
            return
        }
        guard number > acknowledged else {
            throw StorageError.replicaRewound(replica: replica, number: number, acknowledged: acknowledged)
        }
        // The row exists once the replica is bound (`bind`, before); unbound pushes (tests,
        // tools writing the store directly) keep no number.
        try database.cachedStatement("UPDATE replica_owners SET last_push = ?2 WHERE replica = ?1").execute([
            replica.hex, number,
        ])
        guard database.changesCount == 1 else { return }
        let keptFrom = number - maxSkippedNumbers
        let skip = try database.cachedStatement("INSERT INTO skipped_push_numbers (replica, number) VALUES (?1, ?2)")
        for skipped in max(acknowledged + 1, keptFrom)..<number { try skip.execute([replica.hex, skipped]) }
        try database.cachedStatement("DELETE FROM skipped_push_numbers WHERE replica = ?1 AND number < ?2")
            .execute([replica.hex, keptFrom])
    }

    /// The mark of `collection` as committed now (see `CollectionMark`).
    public func mark(of collection: String) throws -> CollectionMark {
        try queue.read { database in try VersionTable(database: database).mark(of: collection) }
    }

    /// The scope of the record `collection`/`record` (any of its fields), nil when none exists.
    public func recordScope(collection: String, record: String) throws -> String? {
        let key = try RecordKey(validating: collection, record: record, field: "scope")
        return try queue.read { database in try VersionTable(database: database).recordScope(of: key) }
    }

    /// The highest push number applied from `replica` if `user` owns it, else 0 (nothing is said
    /// about another user's replica).
    public func lastPushNumber(of replica: ReplicaID, user: String) throws -> Int64 {
        try queue.read { database in
            try database.cachedStatement("SELECT last_push FROM replica_owners WHERE replica = ?1 AND user = ?2")
                .fetchOne([replica.hex, user]) { $0.int64(0) } ?? 0
        }
    }

    public func apply(_ changes: [Change]) throws -> ApplySummary {
        let encoded = EncodedChanges(changes)
        return try queue.write { database in try Self.applyAndReference(encoded, in: database) }
    }

    /// Applies changes; each accepted document version records the blob it names. `admit` sees
    /// each change (with its batch position and stored register) first and may leave it out;
    /// without it, a change for a register of another scope throws `StorageError.scopeMismatch`.
    private static func applyAndReference(
        _ encoded: EncodedChanges, in database: Database,
        admit: ((Int, Change, StoredRegister) throws -> Bool)? = nil
    ) throws -> ApplySummary {
        let table = VersionTable(database: database)
        var reference: Statement?
        var scratch = VersionTable.Scratch(storedKeys: try StoredKeys.read(for: encoded.changes, in: table))
        var summary = ApplySummary()
        for (index, change) in encoded.changes.enumerated() {
            let merged: Int64?
            let row = encoded.row(at: index)
            if let admit {
                merged = try table.apply(change, row: row, scratch: &scratch) { stored in
                    // Usually the stored scope is the change's own: no parsing then.
                    let scope =
                        stored.scope == change.scope.description
                        ? change.scope : stored.scope.flatMap { try? Scope(validating: $0) }
                    let register = StoredRegister(
                        scope: scope, vector: stored.vector, versionsAfter: stored.versionsAfter)
                    return try admit(index, change, register) ? .merge : .skip
                }
            } else {
                merged = try table.apply(change, row: row, scratch: &scratch)
            }
            guard merged != nil else {
                summary.ignored += 1
                continue
            }
            summary.accepted += 1
            guard change.key.collection == Document.collection, case .object(let members) = change.version.value,
                case .string(let hash)? = members["sha256"]
            else { continue }
            if reference == nil {
                reference = try database.cachedStatement(
                    "INSERT OR IGNORE INTO blob_references (sha256, scope) VALUES (?1, ?2)")
            }
            try reference?.execute([hash, change.scope.description])
        }
        return summary
    }

    /// One page of current versions changed after `sequence` (see `PullResponse`).
    public func pull(since sequence: Int64, limit: Int) throws -> PullResponse {
        try changes(since: sequence, limit: limit)
    }

    public func changes(since sequence: Int64, limit: Int) throws -> PullResponse {
        try queue.read { database in try VersionTable(database: database).changes(since: sequence, limit: limit) }
    }

    /// Like `changes(since:limit:)`, ending the page once its changes reach `maxBytes` of JSON
    /// (at least one change): what federation sends upward as one push.
    public func changes(since sequence: Int64, limit: Int, maxBytes: Int) throws -> PullResponse {
        try PullResponse(decoding: try pullJSON(since: sequence, limit: limit, maxBytes: maxBytes))
    }

    /// The same page as `pull`, already serialised: the stored wire JSON of each change is
    /// copied as it is, without decoding.
    /// `excludingAuthor` leaves out versions that replica wrote (see `VersionTable.rawChanges`).
    /// `scopes` (nil: all) leaves out versions of other scopes (a municipality's staff read only
    /// their own and `shared`).
    /// `maxBytes` ends the page once its changes reach that many bytes (at least one change).
    /// `window` bounds the sequences one page looks at (see `VersionTable.rawChanges`).
    /// `counted` is told how many changes the page holds (for the server's metrics).
    public func pullJSON(
        since sequence: Int64, limit: Int, maxBytes: Int = .max, excludingAuthor: ReplicaID? = nil,
        scopes: Set<Scope>? = nil, window: Int64 = .max, counted: ((Int) -> Void)? = nil
    ) throws -> [UInt8] {
        try scanQueue.read { database in
            var writer = JSONWriter(reservingCapacity: 64 * 1024)
            writer.beginObject()
            writer.key("changes")
            writer.beginArray()
            var count = 0
            let page = try VersionTable(database: database).rawChanges(
                since: sequence, limit: limit, maxBytes: maxBytes, excludingAuthor: excludingAuthor, scopes: scopes,
                window: window
            ) { _, bytes in
                count += 1
                writer.writeRaw(bytes)
            }
            counted?(count)
            writer.endArray()
            writer.key("next")
            writer.write(integer: page.next)
            writer.key("more")
            writer.write(bool: page.more)
            writer.endObject()
            return writer.bytes
        }
    }

    public func register(for key: RecordKey) throws -> Register {
        try queue.read { database in try VersionTable(database: database).register(for: key) }
    }

    public func storedChanges(for key: RecordKey) throws -> [StoredChange] {
        try queue.read { database in try VersionTable(database: database).storedChanges(for: key) }
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

    /// The registers of one `field` of `collection`, in key order, with their scopes, made of the
    /// current versions whose stored change (canonical JSON) is at most `maxChangeBytes` long:
    /// what the dashboard counts, without reading other fields' values or oversized ones.
    public func registers(
        in collection: String, field: String, maxChangeBytes: Int
    ) throws -> [(key: RecordKey, scope: Scope, register: Register)] {
        try queue.read { database in
            try VersionTable(database: database).registers(
                collection: collection, field: field, maxChangeBytes: maxChangeBytes)
        }
    }

    public func history(for key: RecordKey) throws -> [Version] {
        try queue.read { database in try VersionTable(database: database).history(for: key) }
    }

    public func canonicalDump() throws -> [UInt8] {
        try queue.read { database in try VersionTable(database: database).canonicalDump() }
    }

    /// The highest server sequence given so far (0 when empty).
    public func lastSequence() throws -> Int64 {
        try queue.read { database in try VersionTable(database: database).lastSequence() }
    }

    public func conflictedKeys() throws -> [RecordKey] {
        try queue.read { database in try VersionTable(database: database).conflictedKeys() }
    }

    /// The scopes of every document version, current or superseded, that names blob `sha256`
    /// (empty when no document does: the blob may not be downloaded).
    public func blobScopes(sha256: String) throws -> Set<Scope> {
        try queue.read { database in
            var scopes: Set<Scope> = []
            try database.cachedStatement("SELECT scope FROM blob_references WHERE sha256 = ?1").forEachRow([sha256]) {
                row in
                if let scope = try? Scope(validating: row.text(0)) { scopes.insert(scope) }
            }
            return scopes
        }
    }

    /// Every version of the register `key`, superseded ones first (oldest first), then the
    /// current ones; empty when the server has never seen it.
    public func allVersions(of key: RecordKey) throws -> [Change] {
        try queue.read { database in
            let table = VersionTable(database: database)
            let (scope, register) = try table.scopedRegister(for: key)
            guard let scope else { return [] }
            return try (table.history(for: key) + register.versions).map { Change(key: key, scope: scope, version: $0) }
        }
    }

    /// Superseded versions in one `recentVersions` answer, at most (the newest ones): a user
    /// who revises one field a million times must not make the server read and send them all.
    public static let historyLimit = 1_000
    /// Bytes of stored JSON of superseded versions in one `recentVersions` answer, at most
    /// (past it, the version that reached it is the oldest sent).
    public static let historyMaxBytes = 4 << 20

    /// The versions of `key` for `GET /v1/history`: the newest superseded ones (`historyLimit`,
    /// `historyMaxBytes`), oldest first, then the current ones; `more` is true when older
    /// superseded versions were left out. Nil when the register was never written or
    /// `mayRead` refuses its scope: then only the scope was read (not the versions, whose size
    /// would show in how long the answer took). Read on the scan connection, never holding up
    /// a push, and bounded, never holding up a pull for long.
    public func recentVersions(of key: RecordKey, readableBy mayRead: (Scope) -> Bool) throws -> (
        changes: [Change], more: Bool
    )? {
        try scanQueue.read { database in
            let table = VersionTable(database: database)
            guard let scope = try table.registerScope(of: key), mayRead(scope) else { return nil }
            let register = try table.register(for: key)
            let history = try table.recentHistory(for: key, limit: Self.historyLimit, maxBytes: Self.historyMaxBytes)
            let changes = (history.versions + register.versions).map { Change(key: key, scope: scope, version: $0) }
            return (changes, history.more)
        }
    }

    /// Every blob hash a document version (current or superseded) names.
    public func referencedBlobs() throws -> Set<String> {
        try queue.read { database in
            var hashes: Set<String> = []
            try database.cachedStatement("SELECT DISTINCT sha256 FROM blob_references").forEachRow([]) { row in
                if case .text(let hash) = row.value(0) { hashes.insert(hash) }
            }
            return hashes
        }
    }

    /// Gives back memory SQLite holds in caches (call when idle after a burst).
    public func releaseMemory() throws {
        try queue.inDatabase { $0.releaseMemory() }
        try scanQueue.inDatabase { $0.releaseMemory() }
    }

    /// Sizes for status pages and admin commands.
    public func statistics() throws -> StoreStatistics {
        try queue.read { database in try VersionTable(database: database).statistics() }
    }
}
