import Models
import SyncStorage
import TestSupport
import Testing

/// Store sequences order pulls: a sequence once given must never be given again, or a replica
/// that pulled past it would miss the version that reuses it.
@Suite struct VersionSequenceTests {
    let osaka = Scope.municipality(try! MunicipalityCode(validating: "271004"))

    func key(_ item: String) -> RecordKey {
        try! RecordKey(validating: "answers", record: "osaka-dx-2025/271004/\(item)", field: "value")
    }

    /// Dropping a rejected version is the one removal that keeps no copy in the history; when it
    /// was the newest version, the next write still gets a new sequence.
    @Test func theSequenceOfADroppedNewestVersionIsNotGivenAgain() throws {
        let directory = try TemporaryDirectory()
        let store = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        try store.write("はい", to: key("A01"), scope: osaka, user: "tanaka")
        try store.write("いいえ", to: key("A02"), scope: osaka, user: "tanaka")
        let batch = try #require(try store.nextPushBatch(limit: 10))
        let newest = try #require(batch.sequences.last)
        #expect(batch.sequences == [newest - 1, newest])
        try store.acknowledge(batch: batch.name, rejected: [(newest, "survey_submitted", "提出済み")])
        #expect(try store.dropRejected(newest))
        #expect(try store.statistics().lastSequence == newest)

        try store.write("一部", to: key("A03"), scope: osaka, user: "tanaka")
        let next = try #require(try store.nextPushBatch(limit: 10))
        #expect(next.sequences == [newest + 1])
        // Reopened, the store still knows.
        #expect(try ReplicaStore.open(at: directory.path("replica.sqlite")).statistics().lastSequence == newest + 1)
    }

    /// A replica store from before 0.22 numbered versions with AUTOINCREMENT; the migration keeps
    /// every version, its sequence and the highest sequence given, even one no row holds.
    @Test func aReplicaStoreOfAnOlderVersionKeepsItsSequences() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("replica.sqlite")
        do {
            let store = try ReplicaStore.create(at: path)
            for item in ["A01", "A02", "A03"] { try store.write("はい", to: key(item), scope: osaka, user: "tanaka") }
            try store.write("いいえ", to: key("A01"), scope: osaka, user: "tanaka")  // A01's first version: history
            // A02 (sequence 2) is refused; A03 and the second A01 wait in the outbox.
            let batch = try #require(try store.nextPushBatch(limit: 1))
            try store.acknowledge(batch: batch.name, rejected: [(2, "survey_closed", "締め切り済み")])
            #expect(try store.pendingCount() == 2 && store.rejectedVersions().count == 1)
        }
        // Sequence 7 was given and then removed (sqlite_sequence remembers it).
        try Self.makeOlderLayout(
            at: path, migration: "009-versions-without-autoincrement", highestGiven: 7, keeping: ["outbox", "rejected"])
        #expect(try Database(path: path).fetchInt64(sql: "SELECT count(*) FROM outbox") == 2)

        let store = try ReplicaStore.open(at: path)
        // Unsent and refused local writes are still there (their tables reference `versions`).
        #expect(try store.pendingCount() == 2)
        #expect(try store.rejectedVersions().map(\.sequence) == [2])
        #expect(try store.nextPushBatch(limit: 10)?.sequences == [3, 4])
        #expect(try store.statistics().lastSequence == 7)
        #expect(try store.register(for: key("A01")).versions.map(\.value) == ["いいえ"])
        #expect(try store.history(for: key("A01")).map(\.value) == ["はい"])
        #expect(try store.register(for: key("A03")).versions.map(\.value) == ["はい"])
        try store.write("一部", to: key("A04"), scope: osaka, user: "tanaka")
        #expect(try store.pendingCount() == 3)
        #expect(try Self.versionsTableSQL(at: path).contains("AUTOINCREMENT") == false)
    }

    @Test func aServerStoreOfAnOlderVersionKeepsItsSequences() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("server.sqlite")
        var writer = Register()
        let replica = ReplicaID(high: 1, low: 2)
        let first = writer.write("はい", by: replica, user: "tanaka", at: 0)
        do {
            let store = try ServerStore(path: path)
            _ = try store.apply([Change(key: key("A01"), scope: osaka, version: first)])
        }
        try Self.makeOlderLayout(
            at: path, migration: "019-versions-without-autoincrement", highestGiven: 5, keeping: [])

        let store = try ServerStore(path: path)
        #expect(try store.lastSequence() == 5)
        #expect(try store.register(for: key("A01")).versions == [first])
        let second = writer.write("いいえ", by: replica, user: "tanaka", at: 1)
        _ = try store.apply([Change(key: key("A01"), scope: osaka, version: second)])
        #expect(try store.lastSequence() == 6)
        #expect(try store.changes(since: 5, limit: 10).changes.map(\.version) == [second])
        #expect(try store.history(for: key("A01")) == [first])
    }

    /// Turns a migrated store file back into the layout before `migration`: `versions` with
    /// AUTOINCREMENT, `sqlite_sequence` saying `highestGiven`, no `version_sequence`. The rows of
    /// `dependents` (tables referencing `versions`) are kept.
    static func makeOlderLayout(at path: String, migration: String, highestGiven: Int64, keeping dependents: [String])
        throws
    {
        let database = try Database(path: path)
        for table in dependents {
            try database.execute(sql: "CREATE TEMP TABLE kept_\(table) AS SELECT * FROM \(table)")
        }
        try database.execute(
            sql: """
                DROP TABLE version_sequence;
                CREATE TABLE versions_old (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, collection TEXT NOT NULL, record TEXT NOT NULL,
                    field TEXT NOT NULL, scope TEXT NOT NULL, vector BLOB NOT NULL, author TEXT NOT NULL,
                    change TEXT NOT NULL
                ) STRICT;
                INSERT INTO versions_old SELECT * FROM versions;
                DROP TABLE versions;
                ALTER TABLE versions_old RENAME TO versions;
                CREATE INDEX versions_by_key ON versions (collection, record, field);
                """)
        for table in dependents { try database.execute(sql: "INSERT INTO \(table) SELECT * FROM temp.kept_\(table)") }
        try database.execute(sql: "UPDATE sqlite_sequence SET seq = ?1 WHERE name = 'versions'", [highestGiven])
        try database.execute(sql: "DELETE FROM renkei_migrations WHERE identifier = ?1", [migration])
        #expect(try versionsTableSQL(in: database).contains("AUTOINCREMENT"))
    }

    static func versionsTableSQL(at path: String) throws -> String {
        try versionsTableSQL(in: Database(path: path))
    }

    static func versionsTableSQL(in database: Database) throws -> String {
        try database.fetchText(sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'versions'") ?? ""
    }
}
