import Foundation
import Localization
import Models
import SyncStorage
import TestSupport
import Testing

/// Opening anything that is not the right kind of Renkei database fails with a clear error and
/// changes nothing.
@Suite struct StoreFileTests {
    @Test func aFileOfGarbageIsNotADatabase() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("garbage.sqlite")
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: path))
        for open in [{ _ = try ServerStore(path: path) }, { _ = try ReplicaStore.open(at: path) }] {
            #expect {
                try open()
            } throws: { error in
                guard case StorageError.notADatabase(let found) = error else { return false }
                return found == path && "\(error)" == localized("storage.not.a.database", ["path": path])
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage, "the file is left untouched")
    }

    @Test func aTruncatedDatabaseIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("server.sqlite")
        _ = try ServerStore(path: path)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(50).write(to: URL(fileURLWithPath: path))  // cut inside the header
        try? FileManager.default.removeItem(atPath: path + "-wal")
        #expect(throws: StorageError.self) { try ServerStore(path: path) }
    }

    @Test func anotherProgramsSQLiteFileIsForeign() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("other.sqlite")
        try Database(path: path).execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
        #expect {
            try ServerStore(path: path)
        } throws: { error in
            if case StorageError.foreignDatabase = error { return true }
            return false
        }
        #expect(
            try Database(path: path).fetchInt64(sql: "SELECT count(*) FROM sqlite_master") == 1, "nothing was added")
    }

    @Test func aReplicaIsNotServerDataAndTheReverse() throws {
        let directory = try TemporaryDirectory()
        _ = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        _ = try ServerStore(path: directory.path("server.sqlite"))
        #expect {
            try ServerStore(path: directory.path("replica.sqlite"))
        } throws: { error in
            let kinds = ["found": localized("storage.kind.replica"), "wanted": localized("storage.kind.server")]
            return "\(error)".contains(localized("storage.foreign.other.kind", kinds))
        }
        #expect(throws: StorageError.self) { try ReplicaStore.open(at: directory.path("server.sqlite")) }
    }

    @Test func missingAndDirectoryPathsAreClearErrors() throws {
        let directory = try TemporaryDirectory()
        #expect {
            try ReplicaStore.open(at: directory.path("nope.sqlite"))
        } throws: { error in
            // The storage error says what is wrong; which command to run is the CLI's to say.
            "\(error)" == localized("storage.missing.replica", ["path": directory.path("nope.sqlite")])
                && !"\(error)".contains("`renkei")
        }
        #expect(throws: StorageError.self) { try ServerStore(path: directory.url.path) }
        #expect(throws: StorageError.self) { try ServerStore(path: directory.path("missing-dir/server.sqlite")) }
        _ = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        #expect(throws: StorageError.self) { try ReplicaStore.create(at: directory.path("replica.sqlite")) }
    }

    @Test func reopeningKeepsTheReplicaIdentity() throws {
        let directory = try TemporaryDirectory()
        let created = try ReplicaStore.create(at: directory.path("replica.sqlite")).replicaID
        #expect(try ReplicaStore.open(at: directory.path("replica.sqlite")).replicaID == created)
        let server = try ServerStore(path: directory.path("server.sqlite")).replicaID
        #expect(try ServerStore(path: directory.path("server.sqlite")).replicaID == server)
        #expect(server != created)
    }

    /// New stores take 8 KiB pages; a store made with SQLite's 4 KiB keeps them and works; a
    /// backup has its store's page size and holds the same data (SQLite refuses to copy pages of
    /// one size into a WAL database of another).
    @Test func pageSizeOfNewOldAndBackedUpStores() throws {
        let directory = try TemporaryDirectory()
        func pageBytes(_ path: String) throws -> Int64? {
            var configuration = Database.Configuration()
            configuration.readOnly = true
            return try Database(path: path, configuration: configuration).fetchInt64(sql: "PRAGMA page_size")
        }
        _ = try ReplicaStore.create(at: directory.path("replica.sqlite"))
        #expect(try pageBytes(directory.path("replica.sqlite")) == 8_192)

        // A store as made before 0.27: SQLite's default size fixed before the first migration.
        let old = directory.path("old.sqlite")
        try Database(path: old).execute(sql: "CREATE TABLE placeholder (a INTEGER); DROP TABLE placeholder")
        #expect(try pageBytes(old) == 4_096)
        let changes = SimulatedHistory(seed: 7, keyCount: 40, operations: 300...300).changes
        let replica = ReplicaID(high: 0xAB, low: 0xCD)
        for (path, size) in [(old, Int64(4_096)), (directory.path("new.sqlite"), 8_192)] {
            let store = try ServerStore(path: path)
            #expect(try store.push(PushRequest(replica: replica, batch: "b", changes: changes)).accepted > 0)
            #expect(try pageBytes(path) == size)
            let backup = path + ".backup"
            try store.backup(to: backup)
            #expect(try pageBytes(backup) == size)
            #expect(try ServerStore(path: backup).canonicalDump() == store.canonicalDump())
        }
    }
}
