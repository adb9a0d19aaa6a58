import Foundation
import Models
import TestSupport
import Testing

/// `renkei report survey` on the advisor's replica and `renkei-server admin export survey` read the
/// same registers the same way (`SurveyRecords`): after a round with conflicts everywhere a
/// sibling could be picked differently (the survey's schema, an answer, a table cell) and an
/// answer from outside the built-in municipality list, every format the two share is the same,
/// byte for byte.
@Suite(.serialized) struct SurveyExportIdentityTests {
    /// The example survey under another title, in `directory`.
    static func retitled(_ title: String, in directory: TemporaryDirectory) throws -> String {
        let example = try JSONValue(
            parsing: Array(try Data(contentsOf: URL(fileURLWithPath: SurveyEndToEndTests.examplePath))))
        guard case .object(var members) = example else {
            throw ModelError.invalidField(path: "", reason: "the example survey is not an object")
        }
        members["title"] = .string(title)
        let path = directory.path("retitled.json")
        try Data(JSONValue.object(members).canonicalBytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Every regular file in `directory`, by name.
    static func files(in directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
        }
        return files
    }

    @Test func theClientReportIsTheServerExportByteForByteAfterARoundWithConflicts() throws {
        let survey = SurveyEndToEndTests.survey
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        // A municipality registered on the server only (the replicas have no copy of that list)
        // that never answered: no table has a row for it.
        let csv = directory.path("extra.csv")
        try Data("code,name_ja\n132012,八王子市\n".utf8).write(to: URL(fileURLWithPath: csv))
        let registered = try CommandRunner.run(
            "renkei-server", ["admin", "municipality", "import", csv, "--data", server.dataDirectory])
        #expect(registered.status == 0, "\(registered.stderr)")
        func ok(_ replica: CLIReplica, _ arguments: [String]) throws {
            let result = try replica.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        // The prefecture's admin may write every municipality's answers (it logs in: its role comes
        // with the token).
        let prefecture = try CLIReplica(
            directory, "prefecture", scope: "shared", user: "prefecture", server: "http://127.0.0.1:9")
        let login = try prefecture.login(server: server.url, token: try server.token(for: "prefecture", role: "admin"))
        #expect(login.status == 0, "\(login.stderr)")
        let tanaka = try CLIReplica(directory, "tanaka", scope: "271004", user: "tanaka", server: server)
        let suzuki = try CLIReplica(directory, "suzuki", scope: "271004", user: "suzuki", server: server)

        // The advisor and the prefecture publish the survey at the same time under two titles:
        // its schema register holds two siblings, and the report's title is the one it shows.
        try ok(advisor, ["survey", "publish", SurveyEndToEndTests.examplePath])
        try ok(prefecture, ["survey", "publish", try Self.retitled("令和7年度 DX 調査（県版）", in: directory)])
        for replica in [advisor, prefecture, tanaka, suzuki] { _ = try replica.sync() }

        // Two staff of Osaka City answer the same item and the same table cell offline.
        try ok(tanaka, ["survey", "answer", survey, "B07", "12"])
        try ok(suzuki, ["survey", "answer", survey, "B07", "13"])
        try ok(tanaka, ["survey", "answer", survey, "D01", "株式会社A", "--row", "r1", "--column", "vendor_name"])
        try ok(suzuki, ["survey", "answer", survey, "D01", "株式会社B", "--row", "r1", "--column", "vendor_name"])
        try ok(tanaka, ["survey", "answer", survey, "D01", "2024-04-01", "--row", "r1", "--column", "contract_start"])
        // An answer of a municipality outside the built-in list, written by the prefecture's admin.
        try prefecture.put("answers", "\(survey)/131016/B07", "value", "4", scope: "131016")
        for replica in [tanaka, suzuki, prefecture, advisor] { _ = try replica.sync() }

        let markdown = try advisor.run(["report", "survey", survey, "--format", "md"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("| 271004 | 大阪市 |") && markdown.stdout.contains("【競合】12 / 13"))
        #expect(markdown.stdout.contains("| 271004 | 大阪市 | r1 |") && markdown.stdout.contains("| 【競合】 |"))
        #expect(markdown.stdout.contains("| 131016 | 131016 |"), "a municipality that answered has its row")
        #expect(!markdown.stdout.contains("132012"), "a registered municipality without answers has none")
        // The title is that of the schema first in vector order (the register as stored).
        let items = try advisor.run(["get", "surveys", survey, "items", "--json"])
        guard case .array(let siblings) = try JSONValue(parsing: items.stdout), siblings.count == 2,
            case .string(let title)? = siblings[0]["value"]?["title"]
        else {
            Issue.record("the survey's schema should hold two siblings: \(items.stdout.prefix(200))")
            return
        }
        #expect(markdown.stdout.hasPrefix("# \(title)\n"))

        let cases: [(format: String, encoding: String, file: String)] = [
            ("csv", "utf-8", "調査結果.csv"), ("csv", "cp932", "調査結果.csv"), ("xlsx", "utf-8", "調査結果.xlsx"),
            ("json", "utf-8", "調査結果.json"), ("md", "utf-8", "調査結果.md"),
        ]
        for (index, test) in cases.enumerated() {
            let client = directory.path("client-\(index)")
            let exported = directory.path("server-\(index)")
            for folder in [client, exported] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            let options = ["--format", test.format, "--encoding", test.encoding]
            // The same made-at time for both (the workbook's title block shows it).
            let made = ["SOURCE_DATE_EPOCH": "1767225600"]
            let report = try advisor.run(
                ["report", "survey", survey, "-o", client + "/" + test.file] + options, environment: made)
            #expect(report.status == 0, "\(test): \(report.stderr)")
            let export = try CommandRunner.run(
                "renkei-server",
                ["admin", "export", "survey", survey, "-o", exported + "/" + test.file, "--data", server.dataDirectory]
                    + options, environment: made)
            #expect(export.status == 0, "\(test): \(export.stderr)")
            let reported = try Self.files(in: client)
            #expect(test.format == "csv" ? reported.count > 1 : reported.count == 1, "\(reported.keys.sorted())")
            #expect(reported == (try Self.files(in: exported)), "\(test): the report and the export differ")
        }
    }
}
