import Foundation
import Glibc
import TestSupport
import Testing

/// The server's data directory and a replica's home are private to their owner: directories
/// 0700, database files (with SQLite's -wal and -shm) 0600, from the start; a directory made too
/// open beforehand is tightened with a warning, and one this account may not change is refused.
@Suite(.serialized) struct DataFilePermissionTests {
    static func mode(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else { return "missing" }
        return String(info.st_mode & 0o7777, radix: 8)
    }

    @Test func theServersDataIsPrivateFromTheStartAndWhileServing() throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("server")
        let initialised = try CommandRunner.run("renkei-server", ["init", "--data", data])
        #expect(initialised.status == 0 && !initialised.stderr.contains("tightened"), "\(initialised.stderr)")
        #expect(Self.mode(data) == "700" && Self.mode(data + "/renkei.sqlite") == "600")

        let server = try ServerProcess(dataDirectory: data)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let file = directory.path("計画.txt")
        try Data("DX推進計画".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try osaka.run(["docs", "put", file]).status == 0)
        try osaka.put("answers", "osaka-dx-2025/271004/A01", "value", "1")
        _ = try osaka.sync()
        // The server holds its connection open: the WAL and shared memory exist now.
        for name in ["renkei.sqlite", "renkei.sqlite-wal", "renkei.sqlite-shm", ".serve.lock"] {
            #expect(Self.mode(data + "/" + name) == "600", "\(name)")
        }
        #expect(
            Self.mode(data) == "700" && Self.mode(data + "/blobs") == "700" && Self.mode(data + "/blobs/tmp") == "700")
        let blob = try FileManager.default.subpathsOfDirectory(atPath: data + "/blobs").filter { $0.count > 64 }
        #expect(blob.count == 1 && Self.mode(data + "/blobs/" + blob[0]) == "600", "\(blob)")
        #expect(!server.standardError.contains("tightened"))

        // The replica's home, likewise (its WAL is gone once `renkei` exits).
        #expect(Self.mode(osaka.home) == "700" && Self.mode(osaka.storePath) == "600")
        #expect(Self.mode(osaka.home + "/blobs") == "700")
        #expect(server.stop() == 0)

        // A backup is private too.
        let backup = directory.path("backup")
        #expect(try CommandRunner.run("renkei-server", ["admin", "backup", backup, "--data", data]).status == 0)
        #expect(Self.mode(backup) == "700" && Self.mode(backup + "/renkei.sqlite") == "600")
    }

    @Test func aDirectoryMadeTooOpenBeforehandIsTightenedWithAWarning() throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("server")
        #expect(mkdir(data, 0o755) == 0 && chmod(data, 0o755) == 0)
        let initialised = try CommandRunner.run("renkei-server", ["init", "--data", data])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(initialised.stderr.contains("permissions tightened") && initialised.stderr.contains("was=0755"))
        #expect(Self.mode(data) == "700" && Self.mode(data + "/renkei.sqlite") == "600")
        // Files an older version (or a copy) left open are tightened by the next command that
        // opens the directory (`serve` opens it the same way; a server is not started here).
        // `damaged/` (files moved aside by `admin verify-blobs --quarantine`) likewise.
        chmod(data + "/renkei.sqlite", 0o644)
        chmod(data, 0o755)
        #expect(mkdir(data + "/damaged", 0o755) == 0 && chmod(data + "/damaged", 0o755) == 0)
        let status = try CommandRunner.run("renkei-server", ["status", "--data", data])
        #expect(status.status == 0 && status.stderr.contains("path=\(data)/renkei.sqlite was=0644 now=0600"))
        #expect(status.stderr.contains("path=\(data)/damaged was=0755 now=0700"), "\(status.stderr)")
        #expect(Self.mode(data) == "700" && Self.mode(data + "/renkei.sqlite") == "600")
        #expect(Self.mode(data + "/damaged") == "700")

        let home = directory.path("home")
        #expect(mkdir(home, 0o755) == 0 && chmod(home, 0o755) == 0)
        let created = try CommandRunner.run(
            "renkei", ["--home", home, "init", "--scope", "271004", "--user", "tanaka"])
        #expect(
            created.status == 0 && created.stderr.contains("Warning: \(home) could be read by other users (mode 0755)"))
        #expect(Self.mode(home) == "700")
        #expect(
            try CommandRunner.run("renkei", ["--home", home, "put", "answers", "a/271004/A01", "value", "1"]).status
                == 0)
        #expect(Self.mode(home + "/replica.sqlite") == "600")
        chmod(home + "/replica.sqlite", 0o644)
        let replicaStatus = try CommandRunner.run("renkei", ["--home", home, "status"])
        #expect(
            replicaStatus.status == 0 && replicaStatus.stderr.contains("replica.sqlite could be read by other users"))
        #expect(Self.mode(home + "/replica.sqlite") == "600")
        #expect(!(try CommandRunner.run("renkei", ["--home", home, "status"]).stderr.contains("Warning")), "said once")
    }

    @Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func aDirectoryThisAccountMayNotTightenIsRefused() throws {
        let directory = try TemporaryDirectory()
        chmod(directory.url.path, 0o755)
        let data = directory.path("server")
        #expect(try CommandRunner.run("renkei-server", ["init", "--data", data]).status == 0)
        let home = directory.path("home")
        #expect(
            try CommandRunner.run("renkei", ["--home", home, "init", "--scope", "271004", "--user", "t"]).status == 0)
        // Owned by root, opened too wide; run as `nobody`, who may read but not chmod it.
        for path in [data, home] { chmod(path, 0o755) }
        chmod(data + "/renkei.sqlite", 0o644)
        let nobody = ["--reuid=65534", "--regid=65534", "--clear-groups"]
        let server = try CommandRunner.run(
            "/usr/bin/setpriv", nobody + [try CommandRunner.executable("renkei-server").path, "status", "--data", data])
        #expect(server.status == 77, "\(server.stdout) \(server.stderr)")
        #expect(server.stderr.contains("\(data) can be read by other users (mode 0755)"), "\(server.stderr)")
        #expect(server.stderr.contains("belongs to root") && server.stderr.contains("chmod 0700 \(data)"))
        let client = try CommandRunner.run(
            "/usr/bin/setpriv", nobody + [try CommandRunner.executable("renkei").path, "--home", home, "status"])
        #expect(client.status == 77 && client.stderr.contains("belongs to root"), "\(client.stderr)")
        #expect(Self.mode(data) == "755" && Self.mode(home) == "755", "left as they were")
    }
}
