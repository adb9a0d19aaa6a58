import Foundation
import Glibc
import Localization
import SyncStorage
import TestSupport
import Testing

/// Databases are created private (0600, and SQLite's -wal and -shm with them); `PrivateFiles`
/// tightens what is too open and refuses what it may not change.
@Suite struct PrivateFilesTests {
    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    @Test func aNewDatabaseAndItsWALAndSharedMemoryAreOwnerOnlyWhateverTheUmask() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("server.sqlite")
        let previous = umask(0o022)
        defer { umask(previous) }
        let store = try ServerStore(path: path)
        try store.access.audit([AuditEntry(user: "a", action: "test", detail: "", peer: "local")])
        // While the connection is open, the WAL and the shared memory exist.
        for name in [path, path + "-wal", path + "-shm"] {
            #expect(Self.mode(name) == 0o600, "\(name): \(String(Self.mode(name) ?? 0, radix: 8))")
        }
        let database = try Database(path: directory.path("plain.sqlite"))
        try database.execute(sql: "CREATE TABLE t (a INTEGER)")
        #expect(Self.mode(directory.path("plain.sqlite")) == 0o600)
    }

    @Test func tooOpenModesAreTightenedAndReported() throws {
        let directory = try TemporaryDirectory()
        let home = directory.url.appendingPathComponent("home")
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent("blobs"), withIntermediateDirectories: true)
        chmod(home.path, 0o755)
        chmod(home.appendingPathComponent("blobs").path, 0o775)
        for (name, mode) in [("db", 0o644), ("db-wal", 0o640), ("other", 0o644), ("private", 0o600)] {
            #expect(FileManager.default.createFile(atPath: home.appendingPathComponent(name).path, contents: Data()))
            chmod(home.appendingPathComponent(name).path, mode_t(mode))
        }
        try FileManager.default.createSymbolicLink(
            atPath: home.appendingPathComponent("db-shm").path, withDestinationPath: directory.path("outside"))
        #expect(FileManager.default.createFile(atPath: directory.path("outside"), contents: Data()))
        chmod(directory.path("outside"), 0o644)

        let fixes = try PrivateFiles.secure(
            directory: home, files: PrivateFiles.databaseFiles("db") + ["private"], directories: ["blobs", "none"])
        #expect(fixes.map(\.path) == [home.path, home.path + "/blobs", home.path + "/db", home.path + "/db-wal"])
        let fixed = localized("storage.private.fixed", ["path": home.path, "was": "0755", "now": "0700"])
        #expect(fixes.first?.description == fixed && fixes.first?.now == 0o700)
        #expect(Self.mode(home.path) == 0o700 && Self.mode(home.path + "/blobs") == 0o700)
        #expect(Self.mode(home.path + "/db") == 0o600 && Self.mode(home.path + "/db-wal") == 0o600)
        #expect(Self.mode(home.path + "/other") == 0o644, "only the files named")
        #expect(Self.mode(directory.path("outside")) == 0o644, "a symbolic link is not followed")
        #expect(try PrivateFiles.secure(directory: home, files: ["db"]).isEmpty, "nothing left to do")
        #expect(try PrivateFiles.secure(directory: directory.url.appendingPathComponent("absent"), files: []).isEmpty)
    }
}
