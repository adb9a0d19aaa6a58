import Foundation
import Glibc
import TestSupport
import Testing

extension CLIReplica {
    /// `renkei login --server URL --token-file FILE`, the token written to a file only its
    /// owner may read (as a user would keep it).
    func login(server: String, token: String) throws -> CommandRunner.Result {
        let file = home + ".token-input"
        try? FileManager.default.removeItem(atPath: file)
        guard
            FileManager.default.createFile(
                atPath: file, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown) }
        defer { try? FileManager.default.removeItem(atPath: file) }
        return try run(["login", "--server", server, "--token-file", file])
    }
}

/// `renkei login` takes its token from standard input (hidden on a terminal) or a file, never
/// from the command line (shell history, `ps`).
@Suite(.serialized) struct LoginTokenInputTests {
    static func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @Test func aTokenOnTheCommandLineIsRefusedWithHowToGiveIt() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let token = try server.token(for: "tanaka", role: "staff", scope: "271004")
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: "http://127.0.0.1:9")
        let refused = try osaka.run(["login", "--server", server.url, "--token", token])
        #expect(refused.status == 64, "\(refused.stderr)")
        #expect(
            refused.stderr.contains("--token -") && refused.stderr.contains("--token-file FILE"), "\(refused.stderr)")
        #expect(refused.stderr.contains("shell history") && refused.stderr.contains("revoked"))
        #expect(!refused.stderr.contains(token) && !refused.stdout.contains(token), "never echoed back")
        #expect(!FileManager.default.fileExists(atPath: osaka.home + "/token"), "nothing stored")
        let equals = try osaka.run(["login", "--server", server.url, "--token=\(token)"])
        #expect(equals.status == 64 && !FileManager.default.fileExists(atPath: osaka.home + "/token"))
        let both = try osaka.run(["login", "--server", server.url, "--token", "-", "--token-file", "/dev/null"])
        #expect(both.status == 64 && both.stderr.contains("not both"))
        let neither = try osaka.run(["login", "--server", server.url])
        #expect(neither.status == 64 && neither.stderr.contains("--token-file"))
        let help = try osaka.run(["login", "--help"])
        #expect(help.stdout.contains("--token-file FILE") && !help.stdout.contains("--token TOKEN"))
        // Nothing else suggests the refused form either.
        let issued = try CommandRunner.run(
            "renkei-server", ["admin", "token", "issue", "tanaka", "--data", directory.path("server")])
        #expect(issued.status == 0 && issued.stderr.contains("--token -") && !issued.stderr.contains("--token TOKEN"))
        let unknown = try CLIReplica(directory, "fresh", scope: "271004", user: "tanaka", server: "http://127.0.0.1:9")
        let noToken = try unknown.run(["sync"])
        #expect(noToken.status != 0 && noToken.stderr.contains("--token -"), "\(noToken.stderr)")
    }

    @Test func aTokenFromAFileOrAPipeIsAcceptedAndAnOpenFileIsRefused() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let token = try server.token(for: "tanaka", role: "staff", scope: "271004")
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: "http://127.0.0.1:9")
        let fromFile = try osaka.login(server: server.url, token: token)
        #expect(fromFile.status == 0 && fromFile.stdout.contains("tanaka (staff of 271004)"), "\(fromFile.stderr)")
        #expect(!fromFile.stdout.contains(token) && !fromFile.stderr.contains(token))

        let open = directory.path("open.token")
        try Data((token + "\n").utf8).write(to: URL(fileURLWithPath: open))
        chmod(open, 0o644)
        let refused = try osaka.run(["login", "--server", server.url, "--token-file", open])
        #expect(refused.status == 66 && refused.stderr.contains("chmod 600"), "\(refused.stderr)")
        let missing = try osaka.run(["login", "--server", server.url, "--token-file", directory.path("none")])
        #expect(missing.status == 66 && missing.stderr.contains("cannot read the token file"))

        // As the demos do: `admin token issue USER | renkei login --server URL --token -`.
        let renkei = try CommandRunner.executable("renkei").path
        let serverBinary = try CommandRunner.executable("renkei-server").path
        let pipeline = [
            Self.shellQuoted(serverBinary), "admin", "token", "issue", "tanaka", "--data",
            Self.shellQuoted(server.dataDirectory), "2>/dev/null", "|", Self.shellQuoted(renkei), "--home",
            Self.shellQuoted(osaka.home), "login", "--server", server.url, "--token", "-",
        ].joined(separator: " ")
        let piped = try CommandRunner.run("/bin/sh", ["-c", pipeline])
        #expect(piped.status == 0 && piped.stdout.contains("Logged in"), "\(piped.stderr)")
        #expect(try osaka.run(["sync"]).status == 0, "the piped token works")
    }

    @Test func onATerminalTheTokenIsAskedForAndNotEchoed() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let token = try server.token(for: "advisor", role: "advisor")
        let advisor = try CLIReplica(
            directory, "advisor", scope: "shared", user: "advisor", server: "http://127.0.0.1:9")
        let command = [
            Self.shellQuoted(try CommandRunner.executable("renkei").path), "--home", Self.shellQuoted(advisor.home),
            "login", "--server", server.url, "--token", "-",
        ].joined(separator: " ")
        // `script` gives the command a pseudo-terminal and shows what the terminal shows; the
        // token is typed a second later, once the prompt is up (and echo is off).
        let typed = "(sleep 1; printf '%s\\n' \(token))"
        let session = try CommandRunner.run(
            "/bin/sh", ["-c", "\(typed) | /usr/bin/script -q -e -c \(Self.shellQuoted(command)) /dev/null"])
        #expect(session.status == 0, "\(session.stdout) \(session.stderr)")
        #expect(session.stdout.contains("Token (not shown as you type):"), "\(session.stdout)")
        #expect(session.stdout.contains("Logged in") && session.stdout.contains("advisor"), "\(session.stdout)")
        #expect(!session.stdout.contains(token) && !session.stdout.contains(String(token.prefix(20))), "not echoed")
        var info = stat()
        #expect(stat(advisor.home + "/token", &info) == 0 && info.st_mode & 0o777 == 0o600)
    }
}
