import Foundation
import Models
import TestSupport
import Testing

/// `renkei` as municipal staff run it, offline.
@Suite struct ClientCommandTests {
    func renkei(_ home: TemporaryDirectory, _ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run("renkei", arguments, environment: ["RENKEI_HOME": home.path("home")])
    }

    @Test func writeReadAndStatusOffline() throws {
        let home = try TemporaryDirectory()
        #expect(try renkei(home, ["init", "--scope", "271004", "--user", "tanaka"]).status == 0)
        let put = try renkei(home, ["put", "answers", "osaka-dx-2025/271004/A05", "value", "12"])
        #expect(put.status == 0, "\(put.stderr)")
        #expect(try renkei(home, ["put", "answers", "osaka-dx-2025/271004/A06", "value", #""はい""#]).status == 0)
        #expect(try renkei(home, ["get", "answers", "osaka-dx-2025/271004/A06", "value"]).stdout == "\"はい\"\n")
        let status = try renkei(home, ["status", "--json"])
        let parsed = try JSONValue(parsing: status.stdout.trimmingCharacters(in: .newlines))
        guard case .object(let members) = parsed else { Issue.record("not an object"); return }
        #expect(members["pending"] == 2 && members["conflicts"] == 0 && members["scope"] == "271004")
        let dump = try renkei(home, ["dump"])
        #expect(dump.stdout.split(separator: "\n").count == 2)
    }

    @Test func badInputIsRefusedWithTheReasonAndWritesNothing() throws {
        let home = try TemporaryDirectory()
        let noReplica = try renkei(home, ["status"])
        #expect(noReplica.status == 66 && noReplica.stderr.contains("renkei init"))
        let badCode = try renkei(home, ["init", "--scope", "271005", "--user", "tanaka"])
        #expect(badCode.status == 64 && badCode.stderr.contains("check digit should be 4"))
        #expect(try renkei(home, ["init", "--scope", "271004", "--user", "tanaka"]).status == 0)
        let notJSON = try renkei(home, ["put", "answers", "osaka-dx-2025/271004/A06", "value", "はい"])
        #expect(notJSON.status == 65 && notJSON.stderr.contains("not JSON"))
        let badKey = try renkei(home, ["put", "Answers", "r", "value", "1"])
        #expect(badKey.status == 64 && badKey.stderr.contains("collection"))
        try renkei(home, ["put", "answers", "osaka-dx-2025/271004/A05", "value", "1"]).expectSuccess()
        let wrongScope = try renkei(
            home, ["put", "answers", "osaka-dx-2025/271004/A05", "value", "2", "--scope", "shared"])
        #expect(wrongScope.status == 77 && wrongScope.stderr.contains("may not write answers in scope shared"))
        #expect(try renkei(home, ["get", "answers", "osaka-dx-2025/271004/A05", "value"]).stdout == "1\n")
        let again = try renkei(home, ["init", "--scope", "271004", "--user", "other"])
        #expect(again.status == 1 && again.stderr.contains("already exists"))
        let status = try renkei(home, ["status", "--json"])
        #expect(status.stdout.contains(#""pending":1"#), "only the one valid write is pending")
    }
}

extension CommandRunner.Result {
    func expectSuccess(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == 0, "exit \(status): \(stderr)", sourceLocation: sourceLocation)
    }
}
