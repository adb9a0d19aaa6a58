import Foundation
import Models
import SyncStorage
import TestSupport
import Testing

/// Dashboard sessions end with the token they were signed in with, one-time sign-in codes never
/// reach the server's log, and refused pushes are shown to the IT staff with everything a client
/// chose escaped (plain HTTP against the real `renkei-server`).
@Suite(.serialized) struct DashboardSecurityTests {
    static func admin(_ server: ServerProcess, _ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run("renkei-server", ["admin"] + arguments + ["--data", server.dataDirectory])
    }

    /// The `renkei_session=…` pair of a sign-in answer's `Set-Cookie`.
    static func cookie(_ answer: HTTPTestClient.Answer) -> String? {
        answer.header("Set-Cookie")?.split(separator: ";").first.map(String.init)
    }

    @Test func aSessionEndsWhenItsTokenIsRevoked() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let token = try server.token(for: "advisor", role: "advisor")
        let other = try server.token(for: "advisor", role: "advisor")
        let client = HTTPTestClient(port: server.port)
        func signIn(_ token: String) throws -> String? {
            let answer = try client.send(
                "POST", "/login", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: Array("token=\(token)".utf8))
            #expect(answer.status == 303, "\(answer.head)")
            return Self.cookie(answer)
        }
        guard let revokedSession = try signIn(token), let otherSession = try signIn(other) else {
            Issue.record("no session cookie")
            return
        }
        let page = try client.send("GET", "/", headers: [("Cookie", revokedSession)])
        #expect(page.status == 200 && page.text.contains("data-code"), "signed in: \(page.head)")

        // Revoke the token this browser signed in with (not the user's other one).
        let id = String(SHA256.hex(SHA256.hash(Array(token.utf8))).prefix(12))
        let revoked = try Self.admin(server, ["token", "revoke", id])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        let after = try client.send("GET", "/", headers: [("Cookie", revokedSession)])
        #expect(after.status == 303 && after.header("Location") == "/login", "signed out: \(after.head)")
        let survey = try client.send("GET", "/surveys/x", headers: [("Cookie", revokedSession)])
        #expect(survey.status == 303 && survey.header("Location") == "/login", "every page")
        // The session is gone, not just refused once: a new token of the same user does not revive it.
        let still = try client.send("GET", "/", headers: [("Cookie", revokedSession)])
        #expect(still.status == 303)
        // A session signed in with a token that is still live goes on.
        let live = try client.send("GET", "/", headers: [("Cookie", otherSession)])
        #expect(live.status == 200 && live.text.contains("data-code"), "\(live.head)")
        // Revoking all of the user's tokens ends that one too.
        #expect(try Self.admin(server, ["token", "revoke", "--user", "advisor"]).status == 0)
        #expect(try client.send("GET", "/", headers: [("Cookie", otherSession)]).status == 303)
    }

    @Test func oneTimeSignInCodesAreNotLogged() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        _ = try server.token(for: "advisor", role: "advisor")
        let link = try Self.admin(server, ["dashboard-link", "advisor", "--base", server.url])
        #expect(link.status == 0, "\(link.stderr)")
        let url = link.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let code = String(url.split(separator: "/").last ?? "")
        #expect(code.count == 64 && url.hasPrefix(server.url + "/login/once/"), "\(url)")
        let client = HTTPTestClient(port: server.port)
        let path = String(url.dropFirst(server.url.count))
        let used = try client.send("GET", path)
        #expect(used.status == 303 && Self.cookie(used) != nil)
        // Used up: refused, and that attempt is not logged with its code either; nor a code in a query.
        #expect(try client.send("GET", path).status == 401)
        #expect(try client.send("GET", path + "?code=\(code)").status == 401)
        // The request lines are written after the answers: wait for all three.
        let deadline = Date().addingTimeInterval(5)
        while server.standardError.components(separatedBy: "/login/once/").count < 4 && Date() < deadline {
            usleep(20_000)
        }
        let log = server.standardError
        #expect(log.components(separatedBy: "path=/login/once/[redacted]").count == 4, "\(log)")
        #expect(!log.contains(code), "the code is not in the log")
        #expect(!log.contains(String(code.prefix(16))), "not even a part of it")
    }

    /// An answer by `user` from `replica` (as its author unless `author` forges another).
    static func answerPush(
        user: String, replica: ReplicaID, scope: String, item: String, author: ReplicaID? = nil
    ) throws -> [UInt8] {
        let writer = author ?? replica
        let change = Change(
            key: try RecordKey(validating: "answers", record: "s/\(scope)/\(item)", field: "value"),
            scope: try Scope(validating: scope),
            version: Version(
                vector: try VersionVector(validating: [(writer, UInt64(1))]), value: "x", author: writer, user: user,
                at: UnixTime.milliseconds()))
        return PushRequest(replica: replica, batch: UUID().uuidString, changes: [change]).jsonBytes
    }

    /// The `Renkei-Replica` header is a claim: another user's requests naming a replica id
    /// (one bound by a push, or an advisor's that only pulls) neither take over nor hide that
    /// replica's row on the dashboard.
    @Test func claimingAnotherUsersReplicaIdHidesNothing() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let sakai = try CLIReplica(directory, "sakai", scope: "271403", user: "sato", server: server)
        let advisorReplica = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        try sakai.put("answers", "osaka-dx-2025/271403/A05", "value", "1")
        let attacker = HTTPTestClient(
            port: server.port, token: try server.token(for: "tanaka", role: "staff", scope: "271004"))
        func claim() throws {
            for home in [sakai.home, advisorReplica.home] {
                let id = try ReplicaStore.open(at: home + "/replica.sqlite").replicaID.hex
                #expect(try attacker.send("GET", "/v1/whoami", headers: [("Renkei-Replica", id)]).status == 200)
            }
        }
        try claim()  // before the victims ever talk to the server
        _ = try sakai.sync()
        _ = try advisorReplica.sync()
        try claim()  // and after

        let advisorToken = try server.token(for: "advisor2", role: "advisor")
        let client = HTTPTestClient(port: server.port)
        let signIn = try client.send(
            "POST", "/login", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("token=\(advisorToken)".utf8))
        let cookie = try #require(Self.cookie(signIn), "\(signIn.head)")
        let page = try client.send("GET", "/", headers: [("Cookie", cookie)]).text
        func row(_ code: String) -> String {
            guard let start = page.range(of: "<tr data-code=\"\(code)\">") else { return "" }
            return String(page[start.upperBound...].prefix { $0 != "\n" }.split(separator: "</tr>").first ?? "")
        }
        let sakaiRow = row("271403")
        #expect(sakaiRow.contains("<td class=\"n replicas\">1</td>") && !sakaiRow.contains("未同期"), "\(sakaiRow)")
        #expect(page.contains("アドバイザー等のレプリカ 1"), "the advisor's replica is still its own")
        // The claimed bound id is not counted for the claimant's municipality either.
        #expect(!row("271004").contains("<td class=\"n replicas\">2</td>"), "\(row("271004"))")
    }

    /// An outside review sent `GET /v1/whoami` with a new random `Renkei-Replica` each time: every
    /// one left a row (100,000 in 70 s, from reads nobody is charged for), and the dashboard then
    /// took 55 s and 800 MB. A user is now recorded with at most eight replica ids a day.
    @Test func randomReplicaIdsLeaveAtMostEightRowsPerUser() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let attacker = HTTPTestClient(
            port: server.port, token: try server.token(for: "tanaka", role: "staff", scope: "271004"))
        for _ in 0..<200 {
            let id = ReplicaID.random().hex
            #expect(try attacker.send("GET", "/v1/whoami", headers: [("Renkei-Replica", id)]).status == 200)
        }
        let rows = try ServerStore(path: directory.path("server") + "/renkei.sqlite").activity.all()
        #expect(rows.filter { $0.user == "tanaka" }.count == 8, "\(rows.count) rows")
        // Another user's replica is still recorded.
        let sakai = try CLIReplica(directory, "sakai", scope: "271403", user: "sato", server: server)
        _ = try sakai.sync()
        let after = try ServerStore(path: directory.path("server") + "/renkei.sqlite").activity.all()
        #expect(after.contains { $0.user == "sato" })
    }

    @Test func refusedPushesAreShownEscapedNewestFirst() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let tanaka = try server.token(for: "tanaka", role: "staff", scope: "271004")
        let advisor = try server.token(for: "advisor", role: "advisor")
        // A user name `admin user add` would refuse, written straight into the database: the page
        // must not rely on names being tame.
        let hostile = "<script>alert('x')</script>&\"h"
        let hostileToken = "rk_" + SHA256.hex(SHA256.hash(Array(UUID().uuidString.utf8)))
        do {
            let access = try ServerStore(path: server.dataDirectory + "/renkei.sqlite").access
            try access.addUser(
                hostile, grant: Grant(role: .staff, municipality: try MunicipalityCode(validating: "271403")))
            _ = try access.addToken(hash: SHA256.hex(SHA256.hash(Array(hostileToken.utf8))), user: hostile)
        }
        let json = [("Content-Type", "application/json")]
        // Before anything is refused, the section says so.
        let client = HTTPTestClient(port: server.port)
        let signIn = try client.send(
            "POST", "/login", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("token=\(advisor)".utf8))
        let cookie = try #require(Self.cookie(signIn), "\(signIn.head)")
        let quiet = try client.send("GET", "/", headers: [("Cookie", cookie)])
        #expect(quiet.status == 200 && quiet.text.contains("過去7日間に拒否された送信はありません。"))
        #expect(quiet.text.contains("<a href=\"#refusals\">拒否された送信</a>（過去7日間） <b>0</b> 件"))

        // Osaka city's staff writes into Sakai's scope, twice: 403, audited as push-refused.
        let osaka = HTTPTestClient(port: server.port, token: tanaka)
        let replica = ReplicaID.random()
        for _ in 0..<2 {
            let refused = try osaka.send(
                "POST", "/v1/push", headers: json,
                body: try Self.answerPush(user: "tanaka", replica: replica, scope: "271403", item: "A05"))
            #expect(refused.status == 403 && refused.text.contains("forbidden_scope"), "\(refused.text)")
        }
        // Then the hostile user forges another replica as the author: 400.
        let forger = HTTPTestClient(port: server.port, token: hostileToken)
        let forged = try forger.send(
            "POST", "/v1/push", headers: json,
            body: try Self.answerPush(
                user: hostile, replica: .random(), scope: "271403", item: "A05", author: .random()))
        #expect(forged.status == 400 && forged.text.contains("invalid_field"), "\(forged.text)")

        let page = try client.send("GET", "/", headers: [("Cookie", cookie)])
        #expect(page.status == 200, "\(page.head)")
        let html = page.text
        #expect(html.contains("<h2>拒否された送信（過去7日間）</h2>"))
        #expect(html.contains("<b id=\"refusal-total\">3</b>"))
        #expect(html.contains("<a href=\"#refusals\">拒否された送信</a>（過去7日間） <b>3</b> 件"), "in the summary")
        let rows = html.components(separatedBy: "<tr><td class=\"at\">")
        #expect(rows.count == 3, "one row per user")
        let newest = rows.count == 3 ? rows[1] : ""
        let older = rows.count == 3 ? rows[2] : ""
        // Escaped, never markup; newest first.
        #expect(
            newest.contains(
                "<td class=\"user\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;h</td>"), "\(newest)")
        #expect(!html.contains("<script>"), "no user text becomes markup")
        #expect(newest.contains("<td class=\"n count\">1</td>") && newest.contains("<code>invalid_field</code>"))
        #expect(newest.contains("271403 堺市"))
        #expect(older.contains("<td class=\"user\">tanaka</td>") && older.contains("271004 大阪市"), "\(older)")
        #expect(older.contains("<td class=\"n count\">2</td>") && older.contains("<code>forbidden_scope</code>"))
        #expect(older.contains("refused=forbidden_scope") && older.contains("<td class=\"peer\">127.0.0.1</td>"))
    }
}
