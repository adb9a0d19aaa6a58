import Foundation
import Models
import TestSupport
import Testing

/// The server dashboard in a real headless Chromium (Debian's `chromium`): the numbers of a
/// seeded scenario, the per-survey page, and municipal staff kept out.
@Suite(.serialized) struct DashboardTests {
    static let chromium = "/usr/bin/chromium"

    /// Runs headless Chromium with a profile kept in `profile` (so a sign-in cookie carries over).
    static func chromium(_ arguments: [String], profile: String) throws -> CommandRunner.Result {
        try CommandRunner.run(
            chromium,
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)"] + arguments,
            timeout: 60)
    }

    /// The text of the table cell with `class` in the row of municipality `code`.
    static func cell(_ dom: String, code: String, _ name: String) -> String? {
        guard let row = dom.range(of: "<tr data-code=\"\(code)\">"),
            let end = dom.range(of: "</tr>", range: row.upperBound..<dom.endIndex)
        else { return nil }
        let html = String(dom[row.upperBound..<end.lowerBound])
        guard
            let match = html.range(of: "<td class=\"[^\"]*\\b\(name)\\b[^\"]*\">.*?</td>", options: .regularExpression)
        else { return nil }
        return String(html[match]).replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
    }

    @Test func advisorsSeeEveryMunicipalityAndStaffAreKeptOut() throws {
        let survey = SurveyEndToEndTests.survey
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let tanaka = try CLIReplica(directory, "tanaka", scope: "271004", user: "tanaka", server: server)
        let suzuki = try CLIReplica(directory, "suzuki", scope: "271004", user: "suzuki", server: server)
        let sakai = try CLIReplica(directory, "sakai", scope: "271403", user: "sato", server: server)
        #expect(try advisor.run(["survey", "publish", SurveyEndToEndTests.examplePath]).status == 0)
        for replica in [advisor, tanaka, suzuki, sakai] { _ = try replica.sync() }
        #expect(try tanaka.run(["survey", "answer", survey, "B07", "13"]).status == 0)
        #expect(try suzuki.run(["survey", "answer", survey, "B07", "14"]).status == 0)
        #expect(try sakai.run(["survey", "answer", survey, "B01", "いいえ"]).status == 0)
        let file = directory.path("計画.txt")
        try Data(repeating: 0x41, count: 2_500_000).write(to: URL(fileURLWithPath: file))
        #expect(try sakai.run(["docs", "put", file]).status == 0)
        for replica in [tanaka, suzuki, sakai, tanaka] { _ = try replica.sync() }

        func link(_ user: String) throws -> CommandRunner.Result {
            try CommandRunner.run(
                "renkei-server",
                ["admin", "dashboard-link", user, "--base", server.url, "--data", server.dataDirectory])
        }
        let profile = directory.path("chromium-profile")
        let signIn = try link("advisor")
        #expect(signIn.status == 0, "\(signIn.stderr)")
        let dom = try Self.chromium(
            ["--dump-dom", signIn.stdout.trimmingCharacters(in: .whitespacesAndNewlines)], profile: profile)
        #expect(dom.status == 0, "\(dom.stderr.suffix(500))")
        let page = dom.stdout
        #expect(page.contains("<title>Renkei 同期状況</title>"), "\(page.prefix(300))")
        #expect(page.contains("同期済み団体 <b>2</b> / 43"))
        #expect(Self.cell(page, code: "271004", "replicas") == "2")
        #expect(Self.cell(page, code: "271004", "conflicts") == "1", "B07 is in conflict")
        #expect(Self.cell(page, code: "271403", "documents") == "1")
        #expect(Self.cell(page, code: "271403", "bytes") == "2.5 MB")
        #expect(Self.cell(page, code: "271403", "completion")?.hasSuffix("%") == true)
        #expect(Self.cell(page, code: "272027", "last-sync") == "未同期")
        #expect(page.contains("http-equiv=\"refresh\""), "refreshes itself")

        // The per-survey page, with the same signed-in profile.
        let bars = try Self.chromium(["--dump-dom", "\(server.url)/surveys/\(survey)"], profile: profile)
        #expect(bars.stdout.contains("<table id=\"completion\">") && bars.stdout.contains("class=\"bar\""))
        #expect(bars.stdout.components(separatedBy: "<tr data-code=").count == 44)
        let shot = directory.path("dashboard.png")
        _ = try Self.chromium(["--screenshot=\(shot)", "--window-size=1400,1000", "\(server.url)/"], profile: profile)
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "a rendered page")

        // A user disabled after signing in is signed out at once.
        let disabled = try CommandRunner.run(
            "renkei-server", ["admin", "user", "disable", "advisor", "--data", server.dataDirectory])
        #expect(disabled.status == 0)
        let signedOut = try Self.chromium(["--dump-dom", "\(server.url)/"], profile: profile)
        #expect(signedOut.stdout.contains("name=\"token\"") && !signedOut.stdout.contains("data-code"))
        #expect(
            try CommandRunner.run(
                "renkei-server", ["admin", "user", "enable", "advisor", "--data", server.dataDirectory]
            ).status == 0)

        // Without a session: the sign-in page. Municipal staff cannot get in.
        let anonymous = try Self.chromium(["--dump-dom", "\(server.url)/"], profile: directory.path("fresh-profile"))
        #expect(anonymous.stdout.contains("name=\"token\"") && !anonymous.stdout.contains("data-code"))
        #expect(try link("tanaka").status == 77)
        let staffToken = try server.token(for: "tanaka", role: "staff", scope: "271004")
        let client = HTTPTestClient(port: server.port)
        let refused = try client.send(
            "POST", "/login", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("token=\(staffToken)".utf8))
        #expect(refused.status == 403 && refused.header("Set-Cookie") == nil)
        let advisorToken = try server.token(for: "advisor", role: "advisor")
        let accepted = try client.send(
            "POST", "/login", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("token=\(advisorToken)".utf8))
        #expect(accepted.status == 303 && accepted.header("Set-Cookie")?.contains("HttpOnly") == true)
        #expect(accepted.header("Set-Cookie")?.contains("SameSite=Strict") == true)
        // A one-time link works once.
        let once = try link("advisor").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let path = String(once.dropFirst(server.url.count))
        #expect(try client.send("GET", path).status == 303)
        #expect(try client.send("GET", path).status == 401)
    }

    /// The hearing programme on the dashboard: the same figures as `renkei report hearings`,
    /// the target from the URL, every text escaped, a bad target refused and not echoed.
    @Test func theHearingProgrammeIsOnTheDashboard() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        for (code, date) in [("271004", "2026-06-10"), ("271403", "2026-07-31"), ("272035", "2026-08-20")] {
            #expect(
                try advisor.run(["hearing", "new", "--municipality", code, "--date", date, "--place", "<b>庁舎</b>"])
                    .status == 0)
        }
        _ = try advisor.sync()
        let client = HTTPTestClient(port: server.port)
        let signIn = try client.send(
            "POST", "/login", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("token=\(try server.token(for: "advisor", role: "advisor"))".utf8))
        let cookie = try #require(signIn.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        func page(_ path: String) throws -> (status: Int, html: String) {
            let response = try client.send("GET", path, headers: [("Cookie", cookie)])
            return (Int(response.status), String(decoding: response.body, as: UTF8.self))
        }
        let overview = try page("/")
        #expect(overview.html.contains("id=\"hearing-summary\"") && overview.html.contains("href=\"/hearings\""))
        let programme = try page("/hearings?target=2&by=2026-07-31")
        #expect(programme.status == 200)
        #expect(programme.html.contains("<td>目標</td><td>2 団体（2026-04-01〜2026-07-31）</td>"), "\(programme.html)")
        #expect(programme.html.contains("<td>うち期間内に実施</td><td class=\"n\">2</td>"))
        #expect(programme.html.contains("<td>FAQ の期限（最後のヒアリングの3週間後）</td><td>2026-09-10</td>"))
        #expect(programme.html.contains("<td>272035</td><td>豊中市</td><td>中核市</td><td>2026-08-20</td>"))
        for bad in ["/hearings?target=0", "/hearings?target=99999999999999999999", "/hearings?by=%3Cscript%3E"] {
            let refused = try page(bad)
            #expect(refused.status == 400 && !refused.html.contains("<script"), "\(bad)")
        }
        // Without a session: the sign-in page.
        #expect(try client.send("GET", "/hearings").status == 303)
    }
}
