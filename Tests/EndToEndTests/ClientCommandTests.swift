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
        // An empty --home would make the current directory the replica's home: refused.
        let emptyHome = try CommandRunner.run("renkei", ["--home", "", "status"])
        #expect(emptyHome.status == 64 && emptyHome.stderr.contains("--home needs a directory"), "\(emptyHome.stderr)")
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

    @Test func everyVerbHasItsOwnHelpAlsoThroughHelpVerb() throws {
        let home = try TemporaryDirectory()
        let answer = try renkei(home, ["survey", "answer", "--help"])
        #expect(answer.status == 0 && answer.stdout.hasPrefix("OVERVIEW: Answer one item"), "\(answer.stdout)")
        #expect(answer.stdout.contains("USAGE: renkei survey answer <survey> <item> <value>"))
        #expect(answer.stdout.contains("--row ROW") && answer.stdout.contains("--home DIR"))
        #expect(answer.stdout.contains("\"\" clears the answer"), "the ARGUMENTS of the verb")
        #expect(!answer.stdout.contains("SUBCOMMANDS") && !answer.stdout.contains("publish"), "not survey's help")
        #expect(try renkei(home, ["help", "survey", "answer"]).stdout == answer.stdout)
        #expect(try renkei(home, ["--home", home.path("x"), "survey", "answer", "-h"]).stdout == answer.stdout)
        let get = try renkei(home, ["help", "docs", "get"])
        #expect(get.status == 0 && get.stdout.contains("USAGE: renkei docs get ID|PATH [-o FILE|-]"))
        #expect(get.stdout.contains("-o, --output FILE") && !get.stdout.contains("--repair"), "only get's options")
        #expect(
            try renkei(home, ["docs", "list", "--help"]).stdout == (try renkei(home, ["docs", "ls", "--help"])).stdout)
        let survey = try renkei(home, ["survey", "--help"])
        #expect(survey.stdout.contains("SUBCOMMANDS:") && survey.stdout.contains("renkei survey import <survey>"))
        #expect(
            try renkei(home, ["--home", home.path("x"), "--version"]).stdout == "renkei \(RenkeiVersion.current)\n")
    }

    @Test func mistypedVerbsAndOptionsAreSuggestedWithTheVerbsUsage() throws {
        let home = try TemporaryDirectory()
        let verb = try renkei(home, ["survy", "list"])
        #expect(verb.status == 64 && verb.stderr.contains("unknown subcommand \"survy\"; did you mean survey?"))
        #expect(verb.stderr.contains("Usage: renkei <subcommand> [options]"), "\(verb.stderr)")
        let option = try renkei(home, ["sync", "--sever", "x"])
        #expect(option.status == 64 && option.stderr.contains("unknown option --sever; did you mean --server?"))
        #expect(
            option.stderr.contains("Usage: renkei sync [--every INTERVAL] [--server URL] [--proxy URL]"),
            "\(option.stderr)")
        #expect(option.stderr.contains("Run `renkei sync --help`"))
        let inner = try renkei(home, ["survey", "anwser", "s", "B07", "12"])
        #expect(inner.status == 64 && inner.stderr.contains("did you mean answer?"))
        #expect(inner.stderr.contains("Usage: renkei survey publish") && inner.stderr.contains("renkei survey answer"))
        let flag = try renkei(home, ["docs", "get", "x", "--froce"])
        #expect(flag.status == 64 && flag.stderr.contains("did you mean --force?"))
        #expect(flag.stderr.contains("Usage: renkei docs get ID|PATH") && !flag.stderr.contains("docs put"))
        let body = try renkei(home, ["init", "--scope", "271005", "--user", "tanaka"])
        #expect(body.status == 64 && body.stderr.contains("Usage: renkei init --scope CODE --user NAME"))
        #expect(body.stderr.contains("Run `renkei init --help`"))
        let notItsOption = try renkei(home, ["conflicts", "resolve", "answers/x#value", "--pick", "1", "--all"])
        #expect(notItsOption.status == 64 && notItsOption.stderr.contains("unknown option --all"))
        #expect(notItsOption.stderr.contains("Usage: renkei conflicts resolve <key>"))
        let noJSON = try renkei(home, ["dump", "--json"])
        #expect(noJSON.status == 64 && noJSON.stderr.contains("unknown option --json"))
        #expect(noJSON.stderr.contains("Usage: renkei dump [--home DIR]"), "\(noJSON.stderr)")
    }

    /// Walks the table through the binary: from the top-level help down every SUBCOMMANDS list.
    @Test func everyCommandExplainsItselfWithUsageAndAnExampleOrNote() throws {
        let seen = try HelpWalk.commands(of: "renkei")
        #expect(seen.count == 72, "\(seen)")
        #expect(seen.contains("renkei hearing item add") && seen.contains("renkei docs ls"))
    }
}

extension CommandRunner.Result {
    func expectSuccess(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == 0, "exit \(status): \(stderr)", sourceLocation: sourceLocation)
    }
}
