import Foundation
import Localization
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
}
