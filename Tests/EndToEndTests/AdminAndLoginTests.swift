import Foundation
import Glibc
import Models
import TestSupport
import Testing

/// Provisioning with `renkei-server admin`, `renkei login`, revocation taking effect at once,
/// and the audit log's outputs.
@Suite(.serialized) struct AdminAndLoginTests {
    func admin(_ data: String, _ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run("renkei-server", ["admin"] + arguments + ["--data", data])
    }

    @Test func municipalitiesAreImportedAllOrNothingWithEveryBadLineNamed() throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("server")
        let csv = directory.path("bad.csv")
        try "code,name_ja\n271004,大阪市\n271405,堺市\nabc,どこか\n272027,\n".write(
            toFile: csv, atomically: true, encoding: .utf8)
        let refused = try admin(data, ["municipality", "import", csv])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("line 3") && refused.stderr.contains("check digit"), "\(refused.stderr)")
        #expect(refused.stderr.contains("line 4") && refused.stderr.contains("line 5"))
        #expect(!FileManager.default.fileExists(atPath: data), "nothing was created")
        let imported = try admin(data, ["municipality", "import", ServerProcess.municipalitiesCSV])
        #expect(imported.status == 0 && imported.stdout.contains("43 municipalities (43 new)"), "\(imported.stderr)")
        #expect(try admin(data, ["user", "add", "sato", "--role", "staff", "--scope", "271400"]).status == 64)
        #expect(try admin(data, ["user", "add", "sato", "--role", "staff"]).status == 64)
        #expect(try admin(data, ["user", "add", "sato", "--role", "advisor", "--scope", "271403"]).status == 64)
        #expect(try admin(data, ["user", "add", "bad name\n", "--role", "advisor"]).status == 64)
        #expect(try admin(data, ["user", "add", "sato", "--role", "chief"]).status == 64)
        #expect(try admin(data, ["user", "add", "sato", "--role", "staff", "--scope", "271403"]).status == 0)
        #expect(
            try admin(data, ["user", "add", "sato", "--role", "staff", "--scope", "271403"]).status == 65, "exists")
    }

    @Test func aTokenIsShownOnceStoredPrivatelyAndRefusedOnceRevoked() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let data = server.dataDirectory
        #expect(try admin(data, ["user", "add", "tanaka", "--role", "staff", "--scope", "271004"]).status == 0)
        let issued = try admin(data, ["token", "issue", "tanaka"])
        let token = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(issued.status == 0 && token.hasPrefix("rk_") && token.count == 67)
        #expect(!issued.stderr.contains(token), "the token is on stdout only, once")
        let listing = try admin(data, ["token", "list", "--json"]).stdout
        #expect(!listing.contains(token) && !listing.contains(String(token.dropFirst(3))))
        #expect(!(try String(contentsOfFile: data + "/renkei.sqlite", encoding: .isoLatin1)).contains(token))

        // Login: checked with the server, stored 0600, never printed.
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: "http://127.0.0.1:9")
        let wrongReplica = try CLIReplica(
            directory, "sakai", scope: "271403", user: "sato", server: "http://127.0.0.1:9")
        let login = try osaka.login(server: server.url, token: token)
        #expect(login.status == 0 && login.stdout.contains("tanaka (staff of 271004)"), "\(login.stderr)")
        #expect(!login.stdout.contains(token) && !login.stderr.contains(token))
        var info = stat()
        #expect(stat(osaka.home + "/token", &info) == 0 && info.st_mode & 0o777 == 0o600)
        let refused = try wrongReplica.login(server: server.url, token: token)
        #expect(refused.status == 65 && refused.stderr.contains("the token is for staff of 271004"))
        #expect(!FileManager.default.fileExists(atPath: wrongReplica.home + "/token"), "nothing stored")
        let bogus = try osaka.login(server: server.url, token: "rk_" + String(repeating: "1", count: 64))
        // A token the server refuses is "not allowed" (77), like every 401 and 403 of the protocol.
        #expect(bogus.status == 77 && bogus.stderr.contains("401"), "\(bogus.stderr)")
        let notAToken = try osaka.login(server: server.url, token: "hunter2")
        #expect(notAToken.status == 65 && notAToken.stderr.contains("does not hold a Renkei token"))
        #expect(!(try osaka.run(["status"]).stdout.contains(token)))

        try osaka.put("answers", "osaka-dx-2025/271004/A01", "value", "true")
        #expect(try osaka.run(["sync"]).status == 0)
        // Revoked: refused from the next request on.
        let tokens = try JSONValue(parsing: try admin(data, ["token", "list", "--json"]).stdout)
        guard case .array(let list) = tokens, case .string(let tokenID)? = list.first?["id"] else {
            Issue.record("no token id")
            return
        }
        #expect(try admin(data, ["token", "revoke", tokenID]).status == 0)
        let afterRevoke = try osaka.run(["sync"])
        #expect(afterRevoke.status != 0 && afterRevoke.stderr.contains("401"), "\(afterRevoke.stderr)")
        // A new token works; disabling the user refuses it at once.
        let second = try admin(data, ["token", "issue", "tanaka"]).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(try osaka.login(server: server.url, token: second).status == 0)
        #expect(try osaka.run(["sync"]).status == 0)
        #expect(try admin(data, ["user", "disable", "tanaka"]).status == 0)
        #expect(try osaka.run(["sync"]).status != 0)
        #expect(try admin(data, ["user", "enable", "tanaka"]).status == 0)
        #expect(try osaka.run(["sync"]).status == 0)

        // The audit log names who did it, and can be read as text, JSON and CSV.
        let audit = try admin(data, ["audit", "--user", "tanaka"]).stdout
        #expect(audit.contains(#"user="tanaka""#) && audit.contains(#"action="push""#) && audit.contains("127.0.0.1"))
        let all = try admin(data, ["audit"]).stdout
        #expect(all.contains(#"action="admin token revoke""#) && all.contains(#"action="admin user disable""#))
        let csv = try admin(data, ["audit", "--csv"]).stdout
        #expect(csv.hasPrefix("\u{FEFF}seq,at,user") && csv.contains("\r\n"))
        #expect(try admin(data, ["audit", "verify"]).stdout.contains("intact"))
        #expect(try admin(data, ["audit", "--since", "yesterday"]).status == 64)
    }

    @Test func forwardedAddressesAreBelievedOnlyFromTheTrustedProxy() throws {
        for trusted in [false, true] {
            let directory = try TemporaryDirectory()
            let server = try ServerProcess(
                dataDirectory: directory.path("server"),
                extraArguments: trusted ? ["--trusted-proxy", "127.0.0.1"] : [])
            let token = try server.token(for: "tanaka", role: "staff", scope: "271004")
            let client = HTTPTestClient(port: server.port, token: token)
            for (forwarded, status) in [("203.0.113.7", 200), ("198.51.100.1 forged", 200), ("x\u{1B}[31m", 400)] {
                var register = Register()
                let change = Change(
                    key: try RecordKey(validating: "answers", record: "a/271004/\(forwarded.count)", field: "value"),
                    scope: try Scope(validating: "271004"),
                    version: register.write(
                        1, by: ReplicaID(high: 1, low: 1), user: "tanaka", at: UnixTime.milliseconds()))
                let answer = try client.send(
                    "POST", "/v1/push",
                    headers: [("Content-Type", "application/json"), ("X-Forwarded-For", forwarded)],
                    body: PushRequest(replica: ReplicaID(high: 1, low: 1), batch: UUID().uuidString, changes: [change])
                        .jsonBytes)
                #expect(answer.status == status, "\(forwarded)")
            }
            let audit = try admin(server.dataDirectory, ["audit", "--json"]).stdout
            #expect(audit.contains("203.0.113.7") == trusted, "trusted proxy: \(trusted)")
            #expect(!audit.contains("forged") && !audit.contains("\u{1B}"), "only an address is ever taken")
        }
    }
}
