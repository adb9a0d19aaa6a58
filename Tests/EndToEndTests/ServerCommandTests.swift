import Foundation
import Models
import TestSupport
import Testing

/// `renkei-server` as its users run it.
@Suite struct ServerCommandTests {
    @Test func initCreatesThePrivateDataDirectoryAndIsSafeToRepeat() throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let first = try CommandRunner.run("renkei-server", ["init", "--data", data, "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let created = try JSONValue(parsing: first.stdout.trimmingCharacters(in: .newlines))
        guard case .object(let members) = created, case .string(let replica) = members["replica"] else {
            Issue.record("unexpected output \(first.stdout)")
            return
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: data)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let second = try CommandRunner.run("renkei-server", ["init", "--data", data, "--json"])
        #expect(second.status == 0 && second.stdout.contains(replica), "the same database is reopened, not replaced")
        let status = try CommandRunner.run("renkei-server", ["status", "--data", data, "--json"])
        #expect(status.status == 0 && status.stdout.contains(#""versions":0"#))
    }

    @Test func statusOfAMissingOrForeignDataDirectoryIsAClearError() throws {
        let directory = try TemporaryDirectory()
        let missing = try CommandRunner.run("renkei-server", ["status", "--data", directory.path("nothing")])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("renkei-server init"))
        try FileManager.default.createDirectory(atPath: directory.path("bad"), withIntermediateDirectories: true)
        try Data("not a database at all, just text".utf8).write(
            to: URL(fileURLWithPath: directory.path("bad/renkei.sqlite")))
        let foreign = try CommandRunner.run("renkei-server", ["status", "--data", directory.path("bad")])
        #expect(foreign.status == 66)
        #expect(foreign.stderr.contains("is not a Renkei database"), "\(foreign.stderr)")
        #expect(!foreign.stderr.contains("Fatal error"))
    }

    @Test func usageErrorsExitWith64AndPointToHelp() throws {
        for arguments in [["statu"], ["status", "--dat", "x"], ["init", "--data"]] {
            let result = try CommandRunner.run("renkei-server", arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains("--help"))
        }
        let help = try CommandRunner.run("renkei-server", ["--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: renkei-server"))
        let initHelp = try CommandRunner.run("renkei-server", ["init", "--help"])
        #expect(initHelp.stdout.contains("--data DIR"))
    }

    @Test func everyVerbHasItsOwnHelpAlsoThroughHelpVerb() throws {
        let add = try CommandRunner.run("renkei-server", ["admin", "user", "add", "--help"])
        #expect(add.status == 0 && add.stdout.hasPrefix("OVERVIEW: Add a user"), "\(add.stdout)")
        #expect(add.stdout.contains("USAGE: renkei-server admin user add NAME --role staff|advisor|admin"))
        #expect(
            add.stdout.contains("--role R") && add.stdout.contains("--scope CODE") && add.stdout.contains("--data DIR"))
        #expect(!add.stdout.contains("--retention-days") && !add.stdout.contains("SUBCOMMANDS"), "not admin's help")
        let issue = try CommandRunner.run("renkei-server", ["help", "admin", "token", "issue"])
        #expect(issue.status == 0 && issue.stdout.contains("USAGE: renkei-server admin token issue USER"))
        #expect(issue.stdout == (try CommandRunner.run("renkei-server", ["admin", "token", "issue", "-h"])).stdout)
        let admin = try CommandRunner.run("renkei-server", ["admin", "--help"])
        #expect(admin.stdout.contains("SUBCOMMANDS:") && admin.stdout.contains("renkei-server admin gc [--data DIR]"))
    }

    @Test func mistypedVerbsAndOptionsAreSuggestedWithTheVerbsUsage() throws {
        let verb = try CommandRunner.run("renkei-server", ["admin", "tokn", "issue", "tanaka"])
        #expect(verb.status == 64)
        #expect(verb.stderr.contains("unknown subcommand \"tokn\"; did you mean token?"), "\(verb.stderr)")
        #expect(
            verb.stderr.contains("Usage: renkei-server admin ")
                && verb.stderr.contains("\n       renkei-server admin token issue USER"))
        #expect(verb.stderr.contains("Run `renkei-server admin --help`"))
        let option = try CommandRunner.run("renkei-server", ["serve", "--listne", "x"])
        #expect(option.status == 64)
        #expect(option.stderr.contains("unknown option --listne; did you mean --listen?"), "\(option.stderr)")
        #expect(option.stderr.contains("Usage: renkei-server serve [--data DIR] [--listen HOST:PORT]"))
        #expect(!option.stderr.contains("admin"), "only serve's usage")
        let inner = try CommandRunner.run("renkei-server", ["admin", "gc", "--aply"])
        #expect(inner.status == 64 && inner.stderr.contains("did you mean --apply?"))
        #expect(inner.stderr.contains("Usage: renkei-server admin gc") && !inner.stderr.contains("admin backup"))
        let body = try CommandRunner.run("renkei-server", ["admin", "user", "add", "sato", "--role", "chief"])
        #expect(body.status == 64 && body.stderr.contains("Usage: renkei-server admin user add NAME"))
        #expect(body.stderr.contains("Run `renkei-server admin user add --help`"))
    }

    /// Walks the table through the binary: from the top-level help down every SUBCOMMANDS list.
    @Test func everyCommandExplainsItselfWithUsageAndAnExampleOrNote() throws {
        let seen = try HelpWalk.commands(of: "renkei-server")
        #expect(seen.count == 29, "\(seen)")
        #expect(seen.contains("renkei-server admin audit verify") && seen.contains("renkei-server admin export survey"))
    }
}
