import Foundation
import Models
import SyncStorage
import TestSupport
import Testing

/// Dashboard sessions end with the token they were signed in with, and one-time sign-in codes
/// never reach the server's log (plain HTTP against the real `renkei-server`).
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
}
