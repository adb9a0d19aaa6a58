import Foundation
import Models
import SyncStorage
import TestSupport
import Testing

/// The reports of a fixed survey round of all 43 Osaka municipalities, compared byte for byte
/// with files reviewed by hand (`Golden/`). `RENKEI_UPDATE_GOLDEN=1 swift test --filter
/// ReportGoldenTests` rewrites them; review the diff before committing.
@Suite(.serialized) struct ReportGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// What each municipality answered: a pure function of its position in the list.
    static func answers(_ index: Int, code: String) -> [(item: String, value: JSONValue)] {
        var answers: [(String, JSONValue)] = [
            ("A01", .string(code)), ("A03", .string(String(format: "2025-07-%02d", 1 + index % 28))),
            ("B01", index % 4 == 3 ? "no" : "yes"), ("B06", .string(["dedicated", "concurrent", "none"][index % 3])),
            ("B07", .integer(Int64(index * 7 % 25))),
            ("B09", index % 2 == 0 ? ["itaku"] : ["tokubetsushoku", "haken_seido"]),
            ("G03", .integer(Int64(index + 1) * 1_250_000)),
        ]
        if index % 10 == 9 { answers.removeAll { $0.0 == "B07" || $0.0 == "G03" } }  // some leave items open
        return answers
    }

    func compare(_ text: String, _ name: String) throws {
        let url = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RENKEI_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from the reviewed file")
    }

    /// A fixed survey round of all 43 municipalities (with a conflict, some items left open and
    /// D01 rows for every tenth), held by the prefecture's replica.
    struct Round {
        let directory: TemporaryDirectory
        let server: ServerProcess
        let prefecture: CLIReplica
    }

    static func fixedRound() throws -> Round {
        let survey = SurveyEndToEndTests.survey
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        // The prefecture's own replicas (admins may write every municipality's answers).
        var replicas: [CLIReplica] = []
        for name in ["prefecture", "prefecture2"] {
            let replica = try CLIReplica(directory, name, scope: "shared", user: name, server: "http://127.0.0.1:9")
            let token = try server.token(for: name, role: "admin")
            #expect(try replica.login(server: server.url, token: token).status == 0)
            replicas.append(replica)
        }
        let prefecture = replicas[0]
        #expect(try prefecture.run(["survey", "publish", SurveyEndToEndTests.examplePath]).status == 0)
        let store = try ReplicaStore.open(at: prefecture.storePath)
        var writes: [(key: RecordKey, scope: Scope, value: JSONValue)] = []
        for (index, municipality) in OsakaMunicipalities.all.enumerated() {
            let scope = try Scope(validating: municipality.code)
            for answer in Self.answers(index, code: municipality.code) {
                writes.append(
                    (
                        try RecordKey(
                            validating: "answers", record: "\(survey)/\(municipality.code)/\(answer.item)",
                            field: "value"), scope, answer.value
                    ))
            }
            if index % 10 == 0 {
                let row = "\(survey)/\(municipality.code)/D01/r1"
                writes.append(
                    (
                        try RecordKey(validating: "answers", record: row, field: "vendor_name"), scope,
                        .string("ベンダー\(index)")
                    ))
                writes.append(
                    (try RecordKey(validating: "answers", record: row, field: "contract_start"), scope, "2024-04-01"))
                // Contracts ending in fiscal 2026, 2027, 2028, 2029 and 2030, for the expiry chart.
                writes.append(
                    (
                        try RecordKey(validating: "answers", record: row, field: "contract_end"), scope,
                        .string("\(2027 + index / 10)-03-31")
                    ))
                writes.append(
                    (
                        try RecordKey(validating: "answers", record: row, field: "contract_amount_annual"), scope,
                        .integer(Int64(index + 1) * 1_000_000)
                    ))
                writes.append(
                    (
                        try RecordKey(validating: "answers", record: row, field: "category"), scope,
                        .string(index < 20 ? "jumin_kihon_daicho" : "kotei_shisanzei")
                    ))
            }
        }
        try store.writeAll(writes, user: "prefecture")
        _ = try prefecture.sync()
        // One conflict: the second replica changes Osaka City's B07 without having seen the first's.
        try replicas[1].put("answers", "\(survey)/271004/B07", "value", "99", scope: "271004")
        _ = try replicas[1].sync()
        _ = try prefecture.sync()
        return Round(directory: directory, server: server, prefecture: prefecture)
    }

    @Test func theReportsOfAFixedRoundMatchTheReviewedFiles() throws {
        let survey = SurveyEndToEndTests.survey
        let round = try Self.fixedRound()
        let prefecture = round.prefecture

        let report = try prefecture.run(["report", "survey", survey, "--format", "md"])
        #expect(report.status == 0, "\(report.stderr)")
        try compare(report.stdout, "survey-report.md")
        let progress = try prefecture.run(["report", "progress", survey, "--format", "md"])
        #expect(progress.status == 0, "\(progress.stderr)")
        // The last-change column holds today's time: replaced before comparing.
        let stable = progress.stdout.replacingOccurrences(
            of: #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"#, with: "YYYY-MM-DD hh:mm", options: .regularExpression)
        try compare(stable, "progress-report.md")
        // The analysis report (as Markdown, numbered as in Word) over the same round.
        let analysis = try prefecture.run(["report", "analysis", survey, "--format", "md"])
        #expect(analysis.status == 0, "\(analysis.stderr)")
        try compare(
            analysis.stdout.replacingOccurrences(
                of: #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"#, with: "YYYY-MM-DD hh:mm", options: .regularExpression),
            "analysis-report.md")
        // The systems report by kind, and the comparison with the national survey.
        let systems = try prefecture.run(["report", "systems", survey, "--group-by", "kind", "--format", "md"])
        #expect(systems.status == 0, "\(systems.stderr)")
        try compare(systems.stdout, "systems-report.md")
        let comparison = try prefecture.run([
            "report", "progress", survey, "--group-by", "kind", "--compare", "national", "--format", "md",
        ])
        #expect(comparison.status == 0, "\(comparison.stderr)")
        let section = comparison.stdout.components(separatedBy: "\n## 全国比較\n").dropFirst().joined()
        try compare("## 全国比較\n" + section, "comparison-report.md")
    }

    /// The advisor's other reports over the same round: last year's survey beside this year's,
    /// the hearing programme of 16 municipalities (some after the deadline, one planned), the
    /// anonymized FAQ, and a month of the work log.
    @Test func theAdvisorsReportsOfAFixedProgrammeMatchTheReviewedFiles() throws {
        let survey = SurveyEndToEndTests.survey
        let round = try Self.fixedRound()
        let prefecture = round.prefecture
        func ok(_ arguments: [String]) throws -> String {
            let result = try prefecture.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout
        }
        func stable(_ text: String) -> String {
            text.replacingOccurrences(
                of: #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"#, with: "YYYY-MM-DD hh:mm", options: .regularExpression)
        }

        // Last year's survey: the same schema under another id, every municipality's B07 two fewer
        // and B01 answered the other way round by every fifth.
        let lastYear = "osaka-muni-dx-survey-2024"
        let schema = try String(contentsOfFile: SurveyEndToEndTests.examplePath, encoding: .utf8)
            .replacingOccurrences(of: "\"\(survey)\"", with: "\"\(lastYear)\"")
        let schemaPath = round.directory.path("2024.json")
        try Data(schema.utf8).write(to: URL(fileURLWithPath: schemaPath))
        _ = try ok(["survey", "publish", schemaPath])
        let store = try ReplicaStore.open(at: prefecture.storePath)
        var writes: [(key: RecordKey, scope: Scope, value: JSONValue)] = []
        for (index, municipality) in OsakaMunicipalities.all.enumerated() {
            let scope = try Scope(validating: municipality.code)
            func answer(_ item: String, _ value: JSONValue) throws {
                writes.append(
                    (
                        try RecordKey(
                            validating: "answers", record: "\(lastYear)/\(municipality.code)/\(item)", field: "value"),
                        scope, value
                    ))
            }
            try answer("A01", .string(municipality.code))
            try answer("B07", .integer(Int64(max(0, index * 7 % 25 - 2))))
            try answer("B01", (index % 4 == 3) != (index % 5 == 0) ? "no" : "yes")
        }
        try store.writeAll(writes, user: "prefecture")
        _ = try prefecture.sync()
        try compare(try ok(["report", "compare", lastYear, survey, "--format", "md"]), "compare-report.md")

        // The hearing programme: 16 municipalities from May 11, one every 6 days (the last two
        // after July 31), one planned for next year, one without a valid date.
        var hearings: [String] = []
        for (index, municipality) in OsakaMunicipalities.all.prefix(16).enumerated() {
            let date = CivilDay(year: 2026, month: 5, day: 11)?.adding(days: index * 6).description ?? ""
            let id = try ok([
                "hearing", "new", "--municipality", municipality.code, "--date", date, "--place",
                "\(municipality.name)役所",
            ]).trimmingCharacters(in: .whitespacesAndNewlines)
            hearings.append(id)
        }
        _ = try ok(["hearing", "new", "--municipality", "273813", "--date", "2099-06-01", "--place", "太子町役場"])
        for (index, (question, answer, category)) in [
            ("標準準拠システムへの移行はいつまでに？", "令和7年度末までに20業務を移行予定。", "standardization"),
            ("書かない窓口の進め方は？", "まず住民異動届から。", "frontyard"),
            ("電子申請の手数料の納付方法は？", "決済代行を比較中。", "frontyard"),
            ("生成AIの利用ルールは？", "府のガイドラインに沿って策定中。", "ai_rpa"),
        ].enumerated() {
            _ = try ok([
                "hearing", "item", "add", hearings[index * 3], "--question", question, "--answer", answer, "--category",
                category, "--faq",
            ])
        }
        try compare(
            try ok(["report", "hearings", "--target", "15", "--by", "2026-07-31", "--format", "md"]),
            "hearings-report.md")
        try compare(try ok(["report", "faq", "--anonymize", "--format", "md"]), "faq-anonymized.md")

        // A month of the work log.
        for (code, date, channel, theme, minutes) in [
            ("271004", "2026-06-02", "phone", "電子申請", "30"), ("271403", "2026-06-09", "mail", "標準化", "45"),
            ("273015", "2026-06-15", "visit", "電子申請", "60"), ("271004", "2026-06-22", "online", "生成AI", "20"),
        ] {
            _ = try ok([
                "log", "inquiry", "add", "--municipality", code, "--date", date, "--channel", channel, "--theme", theme,
                "--question", "\(theme)について", "--answer", "資料を送付", "--minutes", minutes,
            ])
        }
        _ = try ok([
            "log", "consultation", "add", "--date", "2026-06-18", "--theme", "標準化の移行計画", "--municipalities",
            "271004,271403,272027,273015", "--attendees", "11",
        ])
        let regular = try ok([
            "log", "meeting", "add", "--date", "2026-06-11", "--kind", "定例会", "--title", "6月定例会", "--attendees",
            "府 DX推進課、アドバイザー", "--points", "ヒアリングの日程", "--decisions", "7月末までに15団体",
        ]).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try ok(["log", "meeting", "edit", regular, "--minutes-shared", "2026-06-15"])
        let late = try ok(["log", "meeting", "add", "--date", "2026-06-26", "--kind", "打合せ", "--title", "FAQ の構成"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try ok(["log", "meeting", "edit", late, "--minutes-shared", "2026-07-01"])
        try compare(stable(try ok(["report", "monthly", "2026-06", "--format", "md"])), "monthly-report.md")
    }
}
