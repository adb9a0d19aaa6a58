import Foundation
import Models
import TestSupport
import Testing

/// A whole survey round as the issue describes it, through the real binaries: the advisor
/// publishes; Osaka answers through the Excel form, Sakai through a CSV, Toyonaka with
/// `survey answer`; Toyonaka's submission is returned and resubmitted; Kishiwada's answers, sent
/// by mail, are entered by the advisor on its behalf; the survey is closed; the consolidated
/// report and the progress report show every state.
@Suite struct SurveyRoundTests {
    static let survey = SecondSurvey.id
    static let rows = ["jido_teate", "hoikusho", "kaigo_nintei"]

    @Test func aRoundFromPublicationToClosing() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "osaka-staff", server: server)
        let sakai = try CLIReplica(directory, "sakai", scope: "271403", user: "sakai-staff", server: server)
        let toyonaka = try CLIReplica(directory, "toyonaka", scope: "272035", user: "toyonaka-staff", server: server)
        let ikeda = try CLIReplica(directory, "ikeda", scope: "272043", user: "ikeda-staff", server: server)
        let schema = directory.path("second.json")
        try Data(SecondSurvey.json.utf8).write(to: URL(fileURLWithPath: schema))
        #expect(try advisor.run(["survey", "publish", schema]).status == 0)
        _ = try advisor.sync()
        for replica in [osaka, sakai, toyonaka, ikeda] { _ = try replica.sync() }
        func succeeds(_ replica: CLIReplica, _ arguments: [String]) throws {
            let result = try replica.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }

        // Osaka: the Excel form, filled in with openpyxl (a DEFLATE-compressed file, as Excel saves).
        let form = directory.path("osaka.xlsx")
        try succeeds(osaka, ["survey", "form", Self.survey, "-o", form])
        let filled = directory.path("osaka-filled.xlsx")
        try AnswerFormTests.edit(
            form, filled,
            """
            ws = wb["T01 手続のオンライン化状況"]
            ws["C4"] = "実施済"
            ws["C5"] = "実施済"
            ws["C6"] = "予定"
            cell("S システム", "M01").value = 1250
            """)
        try succeeds(osaka, ["survey", "import", Self.survey, filled])
        try succeeds(osaka, ["survey", "submit", Self.survey])

        // Sakai: a CSV saved by Excel (CP932).
        let csv =
            "item,row,column,value\r\nV01,,,nec\r\nT01,jido_teate,status,実施済\r\nT01,hoikusho,status,予定\r\nT01,kaigo_nintei,status,未定\r\n"
        let csvPath = directory.path("sakai.csv")
        let encoded = try CommandRunner.run(
            "/usr/bin/env",
            ["python3", "-c", "import sys; open(sys.argv[2], 'wb').write(sys.argv[1].encode('cp932'))", csv, csvPath])
        #expect(encoded.status == 0, "\(encoded.stderr)")
        try succeeds(sakai, ["survey", "import", Self.survey, csvPath])
        try succeeds(sakai, ["survey", "submit", Self.survey])

        // Toyonaka: item by item; submitted, returned with a comment, fixed, submitted again.
        for row in Self.rows {
            try succeeds(toyonaka, ["survey", "answer", Self.survey, "T01", "未定", "--row", row, "--column", "status"])
        }
        try succeeds(toyonaka, ["survey", "answer", Self.survey, "M01", "5"])
        try succeeds(toyonaka, ["survey", "submit", Self.survey])

        // Kishiwada's answers came by mail: the advisor enters them once allowed.
        let allowed = try CommandRunner.run(
            "renkei-server", ["admin", "user", "allow-entry", "advisor", "272027", "--data", server.dataDirectory])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        _ = try advisor.sync()
        let mailed = directory.path("kishiwada.csv")
        try Data(
            "item,row,column,value\nT01,jido_teate,status,予定\nT01,hoikusho,status,予定\nT01,kaigo_nintei,status,予定\n"
                .utf8
        ).write(to: URL(fileURLWithPath: mailed))
        try succeeds(advisor, ["survey", "import", Self.survey, mailed, "--on-behalf", "272027"])
        try succeeds(advisor, ["survey", "submit", Self.survey, "--on-behalf", "272027"])

        for replica in [osaka, sakai, toyonaka, advisor] { _ = try replica.sync() }
        try succeeds(advisor, ["survey", "return", Self.survey, "272035", "--comment", "M01 は千円単位です。金額を確認してください"])
        _ = try advisor.sync()
        _ = try toyonaka.sync()
        // The dashboard, in a real browser, shows each state, when and by whom, and the comment.
        let link = try CommandRunner.run(
            "renkei-server",
            ["admin", "dashboard-link", "advisor", "--base", server.url, "--data", server.dataDirectory])
        let profile = directory.path("chromium-profile")
        let signedIn = try DashboardTests.chromium(
            ["--dump-dom", link.stdout.trimmingCharacters(in: .whitespacesAndNewlines)], profile: profile)
        #expect(DashboardTests.cell(signedIn.stdout, code: "271004", "completion")?.contains("提出済") == true)
        let page = try DashboardTests.chromium(
            ["--dump-dom", "\(server.url)/surveys/\(Self.survey)"], profile: profile
        )
        .stdout
        #expect(DashboardTests.cell(page, code: "272035", "state") == " 差戻し", "\(page.suffix(3000))")
        #expect(DashboardTests.cell(page, code: "272035", "comment") == "M01 は千円単位です。金額を確認してください")
        #expect(DashboardTests.cell(page, code: "271403", "state") == " 提出済")
        #expect(DashboardTests.cell(page, code: "272027", "state-at")?.hasSuffix(" advisor") == true)
        #expect(DashboardTests.cell(page, code: "272043", "state") == "回答中")
        if let shot = ProcessInfo.processInfo.environment["RENKEI_SCREENSHOT_DIR"] {
            _ = try DashboardTests.chromium(
                [
                    "--screenshot=\(shot)/survey-states.png", "--window-size=1400,900",
                    "\(server.url)/surveys/\(Self.survey)",
                ],
                profile: profile)
        }

        let returned = try toyonaka.run(["survey", "check", Self.survey]).stdout
        #expect(returned.contains("状態: 差戻し") && returned.contains("M01 は千円単位です"), "\(returned)")
        try succeeds(toyonaka, ["survey", "answer", Self.survey, "M01", "5,000"])
        try succeeds(toyonaka, ["survey", "submit", Self.survey])
        _ = try toyonaka.sync()

        // Closed: nobody answers any more, here or on the server.
        #expect(try advisor.run(["survey", "publish", schema, "--status", "closed"]).status == 0)
        _ = try advisor.sync()
        _ = try ikeda.sync()
        let late = try ikeda.run(["survey", "answer", Self.survey, "V01", "nec"])
        #expect(late.status == 65 && late.stderr.contains("受け付けていません"), "\(late.stderr)")

        let report = try advisor.run(["report", "survey", Self.survey, "--format", "md"]).stdout
        for (code, name) in [("271004", "大阪市"), ("271403", "堺市"), ("272035", "豊中市"), ("272027", "岸和田市")] {
            #expect(report.contains("| \(code) | \(name) | 提出済 |"), "\(code): \(report)")
        }
        #expect(report.contains("| 272043 | 池田市 | 回答中 |"))
        let progress = try advisor.run(["report", "progress", Self.survey, "--format", "md"]).stdout
        func row(_ code: String) -> String {
            progress.split(separator: "\n").first { $0.hasPrefix("| \(code) |") }.map(String.init) ?? ""
        }
        #expect(row("272035").contains("| 提出済 |") && row("272035").contains("| toyonaka-staff |"), "\(row("272035"))")
        #expect(row("272027").contains("| advisor |"), "entered on behalf: \(row("272027"))")
        #expect(try advisor.run(["get", "answers", "\(Self.survey)/272035/M01", "value"]).stdout.contains("5000000"))
        let audit = try CommandRunner.run(
            "renkei-server", ["admin", "audit", "--json", "--data", server.dataDirectory])
        #expect(audit.stdout.contains("on_behalf=272027"))
    }
}
