import Foundation
import Models
import TestSupport
import Testing

/// What the CLI says when something is in the way, and what the person can do next: a
/// revoked token, a replica made with the wrong scope, a server that does not answer.
@Suite struct ClientNextStepTests {
    @Test func aRevokedTokenSaysWhatToDoAndStatusChecksIt() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let tanaka = try CLIReplica(directory, "tanaka", scope: "271004", user: "tanaka", server: server)
        let accepted = try tanaka.run(["status", "--json"])
        #expect(accepted.stdout.contains("\"token_check\":\"accepted\""), "\(accepted.stdout)")
        #expect(try tanaka.run(["status"]).stdout.contains("the server accepts it (tanaka)"))
        #expect(try tanaka.run(["status", "--offline", "--json"]).stdout.contains("\"token_check\":\"not_checked\""))

        let revoked = try CommandRunner.run(
            "renkei-server", ["admin", "token", "revoke", "--user", "tanaka", "--data", server.dataDirectory])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(try tanaka.run(["put", "answers", "osaka-dx-2025/271004/A05", "value", "12"]).status == 0)
        let refused = try tanaka.run(["sync"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("renkei login --server URL --token -"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Changes not sent yet stay on this PC"))
        // The same in Japanese.
        let japanese = try tanaka.run(["sync"], environment: ["RENKEI_LANG": "ja"])
        #expect(japanese.stderr.contains("新しいトークンの発行を依頼"), "\(japanese.stderr)")
        // (A third refused token from this address; a fourth would be throttled.)
        let status = try tanaka.run(["status", "--json"])
        #expect(status.stdout.contains("\"token_check\":\"refused\""), "\(status.stdout)")

        // Unreachable: not known, and said so.
        let offline = try CLIReplica(
            directory, "offline", scope: "271004", user: "suzuki", server: "http://127.0.0.1:9",
            token: try server.token(for: "suzuki", role: "staff", scope: "271004"))
        let unknown = try offline.run(["status", "--json"])
        #expect(unknown.stdout.contains("\"token_check\":\"unreachable\""), "\(unknown.stdout)")
    }

    @Test func retriesAreShownWhileTheServerDoesNotAnswer() throws {
        let directory = try TemporaryDirectory()
        let replica = try CLIReplica(
            directory, "r", scope: "271004", user: "tanaka", server: "http://127.0.0.1:9",
            token: "rk_" + String(repeating: "ab", count: 32))
        let english = try replica.run(["sync"], environment: ["RENKEI_RETRY_DELAYS": "0.01,0.01"])
        #expect(english.status == 69)
        #expect(english.stderr.contains("retry 1/2") && english.stderr.contains("retry 2/2"), "\(english.stderr)")
        let japanese = try replica.run(
            ["sync"], environment: ["RENKEI_RETRY_DELAYS": "0.01,0.01", "RENKEI_LANG": "ja"])
        #expect(japanese.stderr.contains("再試行 2/2"), "\(japanese.stderr)")
    }

    @Test func initForceSetsTheOldReplicaAsideAndKeepsTheToken() throws {
        let directory = try TemporaryDirectory()
        let home = directory.path("home")
        func renkei(_ arguments: [String]) throws -> CommandRunner.Result {
            try CommandRunner.run("renkei", ["--home", home] + arguments)
        }
        #expect(try renkei(["init", "--scope", "271403", "--user", "tanaka"]).status == 0)
        #expect(try renkei(["put", "answers", "osaka-dx-2025/271403/A05", "value", "1"]).status == 0)
        try "rk_placeholder\n".write(toFile: home + "/token", atomically: true, encoding: .utf8)
        let refused = try renkei(["init", "--scope", "271004", "--user", "tanaka"])
        #expect(refused.status == 1 && refused.stderr.contains("--force"), "\(refused.stderr)")

        let forced = try renkei(["init", "--scope", "271004", "--user", "tanaka", "--force", "--json"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("1 change(s) never sent"), "\(forced.stderr)")
        let result = try JSONValue(parsing: Array(forced.stdout.utf8))
        guard case .object(let members) = result, case .string(let previous)? = members["previous"] else {
            Issue.record("no previous replica in \(forced.stdout)")
            return
        }
        #expect(FileManager.default.fileExists(atPath: previous + "/replica.sqlite"), "nothing deleted")
        #expect(FileManager.default.fileExists(atPath: home + "/token"), "the token stays")
        #expect(try renkei(["status", "--offline", "--json"]).stdout.contains("\"scope\":\"271004\""))
        let old = try CommandRunner.run("renkei", ["--home", previous, "status", "--offline", "--json"])
        #expect(old.stdout.contains("\"scope\":\"271403\"") && old.stdout.contains("\"pending\":1"), "\(old.stdout)")
    }
}
