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

    /// The audit log as `admin audit --json` shows it: number -> (action, detail, hash).
    static func auditLog(_ data: String) throws -> [Int64: (action: String, detail: String, hash: String)] {
        let listed = try CommandRunner.run("renkei-server", ["admin", "audit", "--json", "--data", data])
        guard listed.status == 0, case .array(let entries) = try JSONValue(parsing: listed.stdout) else {
            Issue.record("admin audit --json: \(listed.stderr)")
            return [:]
        }
        var log: [Int64: (action: String, detail: String, hash: String)] = [:]
        for case .object(let entry) in entries {
            guard case .integer(let sequence)? = entry["seq"], case .string(let action)? = entry["action"],
                case .string(let detail)? = entry["detail"], case .string(let hash)? = entry["hash"]
            else { continue }
            log[sequence] = (action, detail, hash)
        }
        return log
    }

    /// A restore never hides or rewrites audit history: entries written after the backup are
    /// carried over unchanged, the restore's entry names the replaced log's head, numbers are
    /// never given twice, and `audit verify` checks the whole chain.
    @Test func aRestoreKeepsTheAuditLogWholeAndHonest() throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("server")
        var server = try ServerProcess(dataDirectory: data)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        try osaka.put("answers", "osaka-dx-2025/271004/A01", "value", "1")
        _ = try osaka.sync()
        let backup = directory.path("backup")
        #expect(try CommandRunner.run("renkei-server", ["admin", "backup", backup, "--data", data]).status == 0)
        // After the backup: entries the restore must not lose.
        _ = try server.token(for: "suzuki", role: "staff", scope: "271403")
        #expect(server.stop() == 0)
        let before = try Self.auditLog(data)
        let head = try #require(before.keys.max())
        let backupLog = try Self.auditLog(backup)
        let backupHead = try #require(backupLog.keys.max())
        #expect(head > backupHead, "entries were written after the backup")

        let restored = try CommandRunner.run("renkei-server", ["admin", "restore", backup, "--force", "--data", data])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stdout.contains("were carried over unchanged"), "\(restored.stdout)")
        let after = try Self.auditLog(data)
        for (sequence, entry) in before {
            #expect(after[sequence]?.hash == entry.hash, "entry \(sequence) kept as it was")
        }
        let restore = try #require(after[head + 1])
        #expect(
            restore.action == "admin restore"
                && restore.detail.contains("replaced_audit_head=\(head):\(before[head]!.hash)"))
        let verified = try CommandRunner.run("renkei-server", ["admin", "audit", "verify", "--data", data])
        #expect(verified.status == 0 && verified.stdout.contains("intact"), "\(verified.stdout) \(verified.stderr)")

        // A backup of another server: nothing can be carried over, but no number is reused and
        // the chain still verifies; the replaced log stays in the set-aside directory.
        let otherData = directory.path("other")
        server = try ServerProcess(dataDirectory: otherData)
        _ = try server.token(for: "someone", role: "advisor")
        #expect(server.stop() == 0)
        let otherBackup = directory.path("other-backup")
        #expect(
            try CommandRunner.run("renkei-server", ["admin", "backup", otherBackup, "--data", otherData]).status == 0)
        let foreign = try CommandRunner.run(
            "renkei-server", ["admin", "restore", otherBackup, "--force", "--data", data])
        #expect(foreign.status == 0, "\(foreign.stderr)")
        #expect(foreign.stdout.contains("differs from the replaced one"), "\(foreign.stdout)")
        let foreignLog = try Self.auditLog(data)
        let foreignRestore = try #require(foreignLog.max { $0.key < $1.key })
        #expect(foreignRestore.key > head + 1, "numbers of the replaced log are not given again")
        #expect(foreignRestore.value.action == "admin restore" && foreignRestore.value.detail.contains("skipped="))
        let reverified = try CommandRunner.run("renkei-server", ["admin", "audit", "verify", "--data", data])
        #expect(
            reverified.status == 0 && reverified.stdout.contains("intact"), "\(reverified.stdout) \(reverified.stderr)")
    }
}
