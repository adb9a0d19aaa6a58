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
}
