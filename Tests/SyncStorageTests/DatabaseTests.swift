import Foundation
import SyncStorage
import TestSupport
import Testing

@Suite struct DatabaseTests {
    @Test func bindsAndReadsEveryStorageClass() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("db.sqlite"))
        try database.execute(sql: "CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n ANY) STRICT")
        try database.execute(
            sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
            [Int64.min, 0.5, "大阪\u{0}府", [UInt8]([0, 1, 255]), DatabaseValue.null])
        let row = try database.makeStatement("SELECT i, r, s, b, n FROM t").fetchOne { row in
            [row.value(0), row.value(1), row.value(2), row.value(3), row.value(4)]
        }
        #expect(row == [.integer(Int64.min), .real(0.5), .text("大阪\u{0}府"), .blob([0, 1, 255]), .null])
        try database.execute(sql: "INSERT INTO t (s, b) VALUES (?, ?)", ["", [UInt8]()])
        let empty = try database.makeStatement("SELECT s, b, typeof(b) FROM t WHERE s = ''").fetchOne { row in
            (row.text(0), row.bytes(1), row.text(2))
        }
        #expect(empty?.0 == "" && empty?.1 == [] && empty?.2 == "blob")
    }

    @Test func errorsCarryTheSQLButNeverTheBoundValues() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("db.sqlite"))
        try database.execute(sql: "CREATE TABLE people (name TEXT PRIMARY KEY) STRICT")
        try database.execute(sql: "INSERT INTO people VALUES (?)", ["山田太郎"])
        do {
            try database.execute(sql: "INSERT INTO people VALUES (?)", ["山田太郎"])
            Issue.record("duplicate accepted")
        } catch {
            #expect(error.resultCode == 19)  // SQLITE_CONSTRAINT
            #expect(error.extendedResultCode == 1555 || error.extendedResultCode == 2067)
            #expect(error.sql == "INSERT INTO people VALUES (?)")
            #expect(!error.description.contains("山田"))
            #expect(error.description.contains("INSERT INTO people"))
        }
        #expect(throws: DatabaseError.self) { try database.execute(sql: "SELEC nonsense") }
    }

    @Test func aFailedTransactionLeavesNothingBehind() throws {
        let directory = try TemporaryDirectory()
        let queue = try DatabaseQueue(path: directory.path("db.sqlite"))
        try queue.inDatabase { try $0.execute(sql: "CREATE TABLE t (a INTEGER NOT NULL) STRICT") }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try queue.write { database in
                try database.execute(sql: "INSERT INTO t VALUES (1)", [])
                throw Stop()
            }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { database in
                try database.execute(sql: "INSERT INTO t VALUES (1)", [])
                try database.execute(sql: "INSERT INTO t VALUES (NULL)", [])
            }
        }
        #expect(try queue.inDatabase { try $0.fetchInt64(sql: "SELECT count(*) FROM t") } == 0)
        #expect(try queue.inDatabase { $0.isInsideTransaction } == false)
    }

    @Test func theJournalIsWALAndCommitsAreFull() throws {
        let directory = try TemporaryDirectory()
        let queue = try DatabaseQueue(path: directory.path("db.sqlite"))
        #expect(try queue.inDatabase { try $0.fetchText(sql: "PRAGMA journal_mode") } == "wal")
        #expect(try queue.inDatabase { try $0.fetchInt64(sql: "PRAGMA synchronous") } == 2)  // FULL
    }

    @Test func migrationsRunOnceInOrderAndAreAppendOnly() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")
        var migrator = DatabaseMigrator()
        migrator.registerMigration("001-a") { try $0.execute(sql: "CREATE TABLE a (x INTEGER) STRICT") }
        migrator.registerMigration("002-b") { try $0.execute(sql: "CREATE TABLE b (x INTEGER) STRICT") }
        let database = try Database(path: path)
        try migrator.migrate(database)
        try migrator.migrate(database)  // second run: nothing to do, no "table exists" error
        #expect(try migrator.applied(in: database) == ["001-a", "002-b"])

        // An older build (knows only 001-a) must refuse a database migrated by a newer one.
        var older = DatabaseMigrator()
        older.registerMigration("001-a") { try $0.execute(sql: "CREATE TABLE a (x INTEGER) STRICT") }
        #expect {
            try older.migrate(database)
        } throws: { error in
            guard case StorageError.newerSchema(_, let unknown) = error else { return false }
            return unknown == ["002-b"]
        }

        // A failing migration is rolled back whole and not recorded.
        var broken = migrator
        broken.registerMigration("003-broken") { database in
            try database.execute(sql: "CREATE TABLE c (x INTEGER) STRICT")
            try database.execute(sql: "CREATE TABLE c (x INTEGER) STRICT")
        }
        #expect(throws: DatabaseError.self) { try broken.migrate(database) }
        #expect(try migrator.applied(in: database) == ["001-a", "002-b"])
        #expect(try database.fetchInt64(sql: "SELECT count(*) FROM sqlite_master WHERE name = 'c'") == 0)
    }

    @Test func statementsAreResetSoCommitIsNeverBlocked() throws {
        let directory = try TemporaryDirectory()
        let queue = try DatabaseQueue(path: directory.path("db.sqlite"))
        try queue.write { database in
            try database.execute(sql: "CREATE TABLE t (a INTEGER) STRICT; INSERT INTO t VALUES (1), (2), (3)")
            // Read only the first of three rows, then commit.
            _ = try database.cachedStatement("SELECT a FROM t").fetchOne { $0.int64(0) }
        }
        try queue.write { database in try database.execute(sql: "INSERT INTO t VALUES (4)", []) }
        #expect(try queue.inDatabase { try $0.fetchInt64(sql: "SELECT count(*) FROM t") } == 4)
    }

    /// With checkpoints in the background, commits only count the WAL's pages: the copy into the
    /// database file still happens (on another connection), so the WAL does not grow forever.
    @Test func checkpointsInTheBackgroundCopyTheWALIntoTheDatabaseFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")
        let queue = try Self.checkpointedInTheBackground(at: path)
        for _ in 0..<8 {
            try queue.write { database in
                for _ in 0..<16 { try database.execute(sql: "INSERT INTO t VALUES (randomblob(4000))") }
            }
        }
        // 128 rows of 4,000 bytes: at least 128 pages of 4 KiB once copied into the file.
        func databaseFileSize() -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        }
        let deadline = Date().addingTimeInterval(10)
        while databaseFileSize() < 128 * 4_096 && Date() < deadline { usleep(20_000) }
        #expect(databaseFileSize() >= 128 * 4_096, "the WAL was never copied into the database file")
        #expect(try queue.inDatabase { try $0.fetchInt64(sql: "SELECT count(*) FROM t") } == 128)
    }
    /// Under commits that follow each other without a pause the background passes never see the
    /// whole WAL copied, and SQLite only starts the WAL over when they do: the committing
    /// connection copies what they left once the WAL reaches twice the threshold, so the WAL file
    /// stays near that size instead of growing with every commit.
    @Test func theWALStaysBoundedUnderCommitsWithoutAPause() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")
        let queue = try Self.checkpointedInTheBackground(at: path)
        func walFileSize() -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0
        }
        var largest = 0
        for _ in 0..<60 {
            try queue.write { database in
                for _ in 0..<16 { try database.execute(sql: "INSERT INTO t VALUES (randomblob(4000))") }
            }
            largest = max(largest, walFileSize())
        }
        // A commit writes about 18 frames of 4,120 bytes; the WAL restarts once it reaches 32
        // pages, so it never holds much more than three commits. 60 commits without restarts
        // would be about 1,080 frames.
        let frame = 4_096 + 24
        #expect(largest <= 64 * frame, "the WAL grew to \(largest / frame) frames")
        #expect(try queue.inDatabase { try $0.fetchInt64(sql: "SELECT count(*) FROM t") } == 960)
    }

    /// A database at `path` whose checkpoints run in the background from 16 pages of WAL, with
    /// a table `t (x BLOB)`.
    static func checkpointedInTheBackground(at path: String) throws -> DatabaseQueue {
        var configuration = Database.Configuration()
        configuration.walAutocheckpointBytes = 16 * 4_096
        configuration.checkpointsInBackground = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { try $0.execute(sql: "CREATE TABLE t (x BLOB NOT NULL) STRICT") }
        return queue
    }
}
