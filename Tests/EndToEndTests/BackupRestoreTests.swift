import Foundation
import Models
import TestSupport
import Testing

/// `renkei-server admin backup` while serving, `admin restore` of an older backup, and clients
/// sending again what the restored server lost.
@Suite(.serialized) struct BackupRestoreTests {
    @Test func aRestoredOlderBackupGetsTheNewerChangesBackFromTheReplicas() throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("server")
        var server = try ServerProcess(dataDirectory: data)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        try osaka.put("answers", "osaka-dx-2025/271004/A01", "value", "1")
        let file = directory.path("計画.txt")
        try Data("DX推進計画 第1版".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try osaka.run(["docs", "put", file]).status == 0)
        _ = try osaka.sync()

        let backup = directory.path("backup-1")
        let made = try CommandRunner.run("renkei-server", ["admin", "backup", backup, "--data", data])
        #expect(made.status == 0 && made.stdout.contains("1 file(s)"), "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: backup + "/backup.json"))

        // After the backup: a change the server acknowledges, then loses in the restore.
        try osaka.put("answers", "osaka-dx-2025/271004/A02", "value", "2")
        _ = try osaka.sync()
        let whileServing = try CommandRunner.run(
            "renkei-server", ["admin", "restore", backup, "--force", "--data", data])
        #expect(whileServing.status != 0 && whileServing.stderr.contains("stop it first"))
        #expect(server.stop() == 0)

        let refused = try CommandRunner.run("renkei-server", ["admin", "restore", backup, "--data", data])
        #expect(refused.status != 0 && refused.stderr.contains("--force"))
        let restored = try CommandRunner.run("renkei-server", ["admin", "restore", backup, "--force", "--data", data])
        #expect(restored.status == 0, "\(restored.stderr)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: directory.path("")).filter {
            $0.hasPrefix("server.replaced-")
        }
        #expect(kept.count == 1, "the replaced data is kept")

        server = try ServerProcess(dataDirectory: data)
        let advisorBefore = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        _ = try advisorBefore.sync()
        #expect(
            try advisorBefore.register("answers", "osaka-dx-2025/271004/A02", "value") == .array([]),
            "lost in the restore")

        let report = try osaka.run(["sync", "--server", server.url])
        #expect(
            report.status == 0 && report.stdout.contains("restored from a backup"), "\(report.stdout) \(report.stderr)")
        _ = try advisorBefore.sync()
        let fresh = try CLIReplica(directory, "fresh", scope: "shared", user: "advisor", server: server)
        _ = try fresh.sync()
        for replica in [advisorBefore, fresh] {
            #expect(try replica.run(["get", "answers", "osaka-dx-2025/271004/A02", "value"]).stdout == "2\n")
            #expect(try replica.run(["get", "answers", "osaka-dx-2025/271004/A01", "value"]).stdout == "1\n")
        }
        #expect(try fresh.run(["docs", "get", "計画.txt", "-o", "-"]).stdout == "DX推進計画 第1版", "files come back too")
        #expect(try osaka.dump() == (try fresh.dump(readableBy: "271004")))
        // One more round moves nothing.
        #expect(try osaka.sync()["pushed"] == 0)
    }
}
