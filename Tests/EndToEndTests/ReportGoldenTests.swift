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
}
