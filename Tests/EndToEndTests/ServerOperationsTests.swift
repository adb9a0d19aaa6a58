import Foundation
import Glibc
import Models
import TestSupport
import Testing

/// What the prefecture's IT staff run the server with: its version, a log file that logrotate
/// can move (SIGHUP reopens it and never stops the server), nightly backups that keep the newest
/// N, and the systemd units of Examples/systemd as `systemd-analyze verify` sees them.
@Suite(.serialized) struct ServerOperationsTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Examples").standardized

    @Test func bothProgramsAndTheServerSayTheirVersion() throws {
        #expect(
            try CommandRunner.run("renkei-server", ["--version"]).stdout == "renkei-server \(RenkeiVersion.current)\n")
        #expect(try CommandRunner.run("renkei", ["--version"]).stdout == "renkei \(RenkeiVersion.current)\n")
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let health = try HTTPTestClient(port: server.port).send("GET", "/v1/health")
        #expect(health.status == 200 && health.header("Server") == "renkei-server/\(RenkeiVersion.current)")
        // The body stays what clients of every version read.
        #expect(health.text.hasPrefix(#"{"epoch":""#) && !health.text.contains("version"))
    }

    @Test func sighupReopensTheLogFileAndNeverStopsTheServer() throws {
        let directory = try TemporaryDirectory()
        let log = directory.path("server.log")
        let server = try ServerProcess(dataDirectory: directory.path("server"), extraArguments: ["--log-file", log])
        let client = HTTPTestClient(port: server.port)
        func requests(_ path: String) -> Int {
            ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").components(separatedBy: "path=/v1/health")
                .count - 1
        }
        /// Waits (at most 2 s) until the file at `path` logs `count` requests: a request's line is
        /// written just after its answer.
        func waitFor(_ path: String, _ count: Int) {
            for _ in 0..<100 where requests(path) < count { usleep(20_000) }
        }
        #expect(try client.send("GET", "/v1/health").status == 200)
        waitFor(log, 1)
        // logrotate: the file is moved, then the server is told.
        let rotated = directory.path("server.log.1")
        try FileManager.default.moveItem(atPath: log, toPath: rotated)
        server.send(SIGHUP)
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: log) { usleep(20_000) }
        #expect(FileManager.default.fileExists(atPath: log), "a new log file after SIGHUP")
        #expect(try client.send("GET", "/v1/health").status == 200, "still serving")
        waitFor(log, 1)
        #expect(requests(rotated) == 1 && requests(log) == 1, "each request in the file of its time")
        let old = try String(contentsOfFile: rotated, encoding: .utf8)
        let new = try String(contentsOfFile: log, encoding: .utf8)
        #expect(old.contains("msg=started") && new.contains("msg=\"log file reopened\""), "\(new)")
        let mode = try FileManager.default.attributesOfItem(atPath: log)[.posixPermissions] as? Int
        #expect(mode == 0o640, "the log names users and addresses: not for everyone")
        #expect(server.standardError.isEmpty, "nothing on standard error with a log file")
        #expect(server.stop() == 0)
    }

    /// A log file that is a symbolic link is not followed: the server refuses to start and the
    /// link's target is untouched.
    @Test func aLogFileLinkIsNotFollowed() throws {
        let directory = try TemporaryDirectory()
        let target = directory.path("elsewhere.txt")
        try Data("untouched\n".utf8).write(to: URL(fileURLWithPath: target))
        let link = directory.path("server.log")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try CommandRunner.run("renkei-server", ["init", "--data", directory.path("server")]).status == 0)
        let started = try CommandRunner.run(
            "renkei-server",
            ["serve", "--data", directory.path("server"), "--listen", "127.0.0.1:0", "--log-file", link], timeout: 10)
        #expect(started.status == 1 && started.stderr.contains("cannot open the log file"), "\(started.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "untouched\n")
    }

    @Test func sighupWithoutALogFileIsHarmless() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        server.send(SIGHUP)
        _ = server.logShows("SIGHUP")
        let health = try HTTPTestClient(port: server.port).send("GET", "/v1/health")
        #expect(server.isRunning && health.status == 200)
        #expect(server.standardError.contains("SIGHUP: no log file to reopen"))
    }

    @Test func nightlyBackupsKeepTheNewestN() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let backups = directory.path("backups")
        let manager = FileManager.default
        try manager.createDirectory(atPath: backups, withIntermediateDirectories: true)
        func fake(_ name: String, manifest: String = #"{"epoch":"e","sequence":1}"#) throws {
            try manager.createDirectory(atPath: "\(backups)/\(name)", withIntermediateDirectories: true)
            try Data(manifest.utf8).write(to: URL(fileURLWithPath: "\(backups)/\(name)/backup.json"))
        }
        // Older backups of the same form, and what must be left alone: a folder of one's own, a
        // name in full-width digits (sorts after every real one), a date far in the future, a
        // manifest that is not one, and a link to a folder outside.
        for name in ["renkei-20260101-020000", "renkei-20260102-020000", "renkei-20260103-020000"] { try fake(name) }
        try manager.createDirectory(atPath: "\(backups)/手作業の控え", withIntermediateDirectories: true)
        try fake("renkei-２０２６０１０１-０２００００")
        try fake("renkei-20990101-000000")
        try fake("renkei-20250101-020000", manifest: "{}")
        let outside = directory.path("outside")
        try fake("../outside")
        try manager.createSymbolicLink(atPath: "\(backups)/renkei-20240101-020000", withDestinationPath: outside)
        let result = try CommandRunner.run(
            "renkei-server", ["admin", "backup", backups, "--keep", "2", "--data", server.dataDirectory])
        #expect(result.status == 0, "\(result.stderr)")
        let left = Set(try manager.contentsOfDirectory(atPath: backups))
        let fresh = try #require(
            left.first { $0.hasPrefix("renkei-2026") && $0 > "renkei-20260103-020000" && $0.utf8.count == 22 })
        #expect(manager.fileExists(atPath: "\(backups)/\(fresh)/renkei.sqlite"), "the new backup is kept")
        #expect(
            left == [
                fresh, "renkei-20260103-020000", "手作業の控え", "renkei-２０２６０１０１-０２００００", "renkei-20990101-000000",
                "renkei-20250101-020000", "renkei-20240101-020000",
            ], "\(left.sorted())")
        #expect(manager.fileExists(atPath: "\(outside)/backup.json"), "nothing outside is touched")
        #expect(result.stdout.contains("Removed 2 older backup(s)"), "\(result.stdout)")
        #expect(
            try CommandRunner.run(
                "renkei-server", ["admin", "backup", backups, "--keep", "0", "--data", server.dataDirectory]
            )
            .status == 64)
    }

    /// The units as systemd reads them (with this build's binary in ExecStart), where the
    /// machine has `systemd-analyze`.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze")))
    func theSystemdUnitsVerify() throws {
        let directory = try TemporaryDirectory()
        let binary = try CommandRunner.executable("renkei-server").path
        var paths: [String] = []
        for name in [
            "renkei-server.service", "renkei-backup.service", "renkei-backup.timer", "renkei-federate.service",
            "renkei-federate.timer",
        ] {
            let text = try String(
                contentsOf: Self.examples.appendingPathComponent("systemd/\(name)"), encoding: .utf8)
            let path = directory.path(name)
            try Data(text.replacingOccurrences(of: "/usr/local/bin/renkei-server", with: binary).utf8)
                .write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let verified = try CommandRunner.run("/usr/bin/systemd-analyze", ["verify"] + paths)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let unit = try String(contentsOfFile: paths[0], encoding: .utf8)
        for hardening in [
            "NoNewPrivileges=yes", "ProtectSystem=strict", "ReadWritePaths=/var/lib/renkei", "Restart=on-failure",
        ] {
            #expect(unit.contains(hardening), "\(hardening)")
        }
    }

    /// A token issued with `--expires` works until then and is refused after; `admin token list`
    /// says when each expires and when it was last used.
    @Test func aTokenExpiresAndListsItsLastUse() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        func admin(_ arguments: [String]) throws -> CommandRunner.Result {
            try CommandRunner.run("renkei-server", ["admin"] + arguments + ["--data", server.dataDirectory])
        }
        #expect(try admin(["user", "add", "tanaka", "--role", "staff", "--scope", "271004"]).status == 0)
        let issued = try admin(["token", "issue", "tanaka", "--expires", "2s"])
        #expect(issued.status == 0 && issued.stderr.contains("valid until"), "\(issued.stderr)")
        let token = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let client = HTTPTestClient(port: server.port, token: token)
        #expect(try client.send("GET", "/v1/whoami").status == 200, "valid until it expires")
        let listed = try admin(["token", "list", "--json"]).stdout
        #expect(listed.contains("\"last_used_at\":") && !listed.contains("\"last_used_at\":null"), "\(listed)")
        #expect(try admin(["token", "list"]).stdout.contains("last used"))
        usleep(2_200_000)
        let refused = try client.send("GET", "/v1/whoami")
        #expect(refused.status == 401 && refused.text.contains("expired"), "\(refused.text)")
        #expect(try admin(["token", "list"]).stdout.contains("expired"))
        for bad in ["0d", "-5d", "90x", "999999999999d", "2020-01-01", "明日"] {
            #expect(try admin(["token", "issue", "tanaka", "--expires", bad]).status == 64, "\(bad)")
        }
        // A date: valid through that whole day in Japan.
        let dated = try admin(["token", "issue", "tanaka", "--expires", "2099-12-31"])
        #expect(
            dated.stderr.contains("valid until 2100-01-01 00:00 JST"), "\(dated.stderr)")
    }

    /// `GET /metrics` for Prometheus: admins only; the counters follow what happened (a push of
    /// two answers, a pull, a refused push) and the gauges what is (the last sync per municipality).
    @Test func metricsCountWhatHappenedForAdminsOnly() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        #expect(try advisor.run(["survey", "publish", SurveyEndToEndTests.examplePath]).status == 0)
        _ = try advisor.sync()
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        _ = try osaka.sync()
        #expect(try osaka.run(["survey", "answer", SurveyEndToEndTests.survey, "B07", "12"]).status == 0)
        #expect(try osaka.run(["survey", "answer", SurveyEndToEndTests.survey, "B01", "はい"]).status == 0)
        _ = try osaka.sync()
        let admin = HTTPTestClient(port: server.port, token: try server.token(for: "admin1", role: "admin"))
        let scrape = try admin.send("GET", "/metrics")
        #expect(scrape.status == 200 && scrape.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = scrape.text
        #expect(text.contains("renkei_info{version=\"\(RenkeiVersion.current)\"} 1"), "\(text)")
        #expect(
            text.contains("renkei_push_changes_total{outcome=\"accepted\"} 6"), "the survey's four fields, two answers")
        #expect(text.contains(#"renkei_http_requests_total{route="/v1/push",method="POST",status="200"} 2"#))
        #expect(text.range(of: #"renkei_pull_changes_total [1-9]"#, options: .regularExpression) != nil)
        #expect(
            text.range(of: #"renkei_last_sync_age_seconds\{municipality="271004"\} \d+"#, options: .regularExpression)
                != nil)
        #expect(!text.contains("municipality=\"shared\""), "the advisor's replica is no municipality")
        #expect(text.contains("renkei_open_connections 1") && text.contains("# TYPE renkei_database_bytes gauge"))
        // Municipal staff and the advisor may not read it; without a token: 401.
        let staff = HTTPTestClient(
            port: server.port, token: try server.token(for: "tanaka", role: "staff", scope: "271004"))
        #expect(try staff.send("GET", "/metrics").status == 403)
        let advisorClient = HTTPTestClient(port: server.port, token: try server.token(for: "advisor", role: "advisor"))
        #expect(try advisorClient.send("GET", "/metrics").status == 403)
        #expect(try HTTPTestClient(port: server.port).send("GET", "/metrics").status == 401)
        #expect(try admin.send("POST", "/metrics").status == 405)
        let tokenInURL = try HTTPTestClient(port: server.port).send(
            "GET", "/metrics?token=\(try server.token(for: "admin1", role: "admin"))")
        #expect(
            tokenInURL.status == 400 && !tokenInURL.text.contains("renkei_"), "a token in the URL is refused, not used")
        // Invented methods and paths add no series: every page outside /v1/ is `dashboard`, and
        // a method the server does not name is `other` (the parser accepts any token).
        for index in 0..<5 {
            _ = try HTTPTestClient(port: server.port).send("GET", "/x\(index)")
            _ = try HTTPTestClient(port: server.port).send("FOO\(index)", "/x\(index)")
        }
        let series = try admin.send("GET", "/metrics").text
        #expect(!series.contains("FOO") && !series.contains("/x"), "\(series)")
        #expect(series.contains(#"renkei_http_requests_total{route="dashboard",method="other","#), "\(series)")
        // A push into another municipality's scope is refused whole, and counted.
        #expect(try admin.send("GET", "/metrics").text.contains("renkei_push_refused_total 0"))
        let squat = try SecurityTests.change(
            "answers", "\(SurveyEndToEndTests.survey)/271403/B07", "value", scope: "271403", value: 1)
        #expect(try SecurityTests.push(staff, [squat]).status == 403)
        let after = try admin.send("GET", "/metrics").text
        #expect(after.contains("renkei_push_refused_total 1"), "\(after)")
        #expect(after.contains(#"renkei_http_requests_total{route="/v1/push",method="POST",status="403"} 1"#))
    }
}

/// `renkei sync --every`: a replica that keeps itself current until stopped.
@Suite struct SyncEveryTests {
    @Test func aReplicaKeepsItselfCurrentUntilStopped() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let tanaka = try CLIReplica(directory, "tanaka", scope: "271004", user: "tanaka", server: server)
        let suzuki = try CLIReplica(directory, "suzuki", scope: "271004", user: "suzuki", server: server)
        let loop = Process()
        loop.executableURL = try CommandRunner.executable("renkei")
        loop.arguments = ["--home", suzuki.home, "sync", "--every", "1s"]
        loop.environment = ProcessInfo.processInfo.environment.merging(["RENKEI_LANG": "en"]) { $1 }
        let output = directory.path("loop.out")
        #expect(FileManager.default.createFile(atPath: output, contents: nil))
        loop.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        let errors = Pipe()
        loop.standardError = errors
        try loop.run()
        try tanaka.put("answers", "example/271004/B07", "value", "12")
        _ = try tanaka.sync()
        var arrived = false
        for _ in 0..<100 where !arrived {
            usleep(100_000)
            arrived = try suzuki.dump().contains("example/271004/B07")
        }
        #expect(arrived, "the loop received tanaka's answer without anyone running sync")
        kill(loop.processIdentifier, SIGINT)
        loop.waitUntilExit()
        #expect(loop.terminationStatus == 0)
        let rounds = try String(contentsOfFile: output, encoding: .utf8)
        #expect(rounds.components(separatedBy: " JST]").count - 1 >= 2, "\(rounds)")
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.contains("Syncing every 1 s") && said.contains("Stopped."), "\(said)")
        for bad in ["0s", "10", "25h", "-1m", "2562047788015216h", "9223372036854775807s"] {
            #expect(try suzuki.run(["sync", "--every", bad]).status == 64, "\(bad)")
        }
    }
}
