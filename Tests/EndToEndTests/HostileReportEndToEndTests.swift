import Foundation
import Models
import SyncStorage
import TestSupport
import Testing

/// The real binaries on a replica holding hostile answers (`C04 = 1e300`, `Int64.max` beside
/// `1`, a `<script>` answer): every report in every format exits 0 and shows the values as they
/// are, and the server's export of what it accepted does too.
@Suite(.serialized) struct HostileReportEndToEndTests {
    @Test func reportsOfHostileAnswersExitZeroInEveryFormat() throws {
        let survey = SurveyEndToEndTests.survey
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        // The prefecture's replica (admins may write every municipality's answers).
        let prefecture = try CLIReplica(
            directory, "prefecture", scope: "shared", user: "prefecture", server: "http://127.0.0.1:9")
        let token = try server.token(for: "prefecture", role: "admin")
        let tokenFile = directory.path("prefecture.token")
        #expect(
            FileManager.default.createFile(
                atPath: tokenFile, contents: Data(token.utf8), attributes: [.posixPermissions: 0o600]))
        let login = try prefecture.run(["login", "--server", server.url, "--token-file", tokenFile])
        #expect(login.status == 0, "\(login.stderr)")
        // The example survey without its ranges: the extremes of whole numbers are valid answers
        // there and reach the totals; doubles where integers belong stay invalid, shown marked.
        let unbounded = directory.path("unbounded.json")
        let example = try String(contentsOfFile: SurveyEndToEndTests.examplePath, encoding: .utf8)
        try example.replacingOccurrences(of: #",\s*"(min|max)":\s*[0-9]+"#, with: "", options: .regularExpression)
            .write(toFile: unbounded, atomically: true, encoding: .utf8)
        #expect(try prefecture.run(["survey", "publish", unbounded]).status == 0)
        // Values `renkei put` now refuses (C04 is 0...5000, A02 one line of text) can still reach
        // a replica: written by an older client, or pulled before the survey's rules were
        // checked. They go straight into the replica's store; the rest through `renkei put`.
        let forged: [(code: String, item: String, value: JSONValue)] = [
            ("271004", "C04", .double(1e300)), ("271403", "C04", .double(-1e300)), ("272027", "C04", .double(1e-300)),
            ("271004", "C05", .integer(.max)), ("271403", "C05", .integer(1)), ("272027", "C05", .integer(.min)),
            ("271004", "G03", .integer(.max)), ("271403", "G03", .integer(.max)),
            ("272035", "B07", try JSONValue(parsing: "123456789012345678901234567890")),
            ("271403", "H02", "\t=1+1"),
        ]
        let store = try ReplicaStore.open(at: prefecture.storePath)
        try store.writeAll(
            forged.map { answer in
                (
                    try RecordKey(
                        validating: "answers", record: "\(survey)/\(answer.code)/\(answer.item)", field: "value"),
                    try Scope(validating: answer.code), answer.value
                )
            }, user: "prefecture")
        try prefecture.put(
            "answers", "\(survey)/271004/H01", "value", #""<script>alert(1)</script>[x](javascript:alert(1))""#,
            scope: "271004")

        for verb in ["survey", "progress", "systems"] {
            for format in ["csv", "xlsx", "json", "md", "docx"] {
                let output = directory.path("\(verb).\(format)")
                let result = try prefecture.run(["report", verb, survey, "--format", format, "-o", output])
                #expect(result.status == 0, "report \(verb) --format \(format): \(result.stderr)")
                #expect(FileManager.default.fileExists(atPath: output))
            }
        }
        // The analysis report reads the same answers.
        let analysis = try prefecture.run(["report", "analysis", survey, "-o", directory.path("analysis.docx")])
        #expect(analysis.status == 0, "report analysis: \(analysis.stderr)")
        for name in ["survey.docx", "progress.docx", "systems.docx", "analysis.docx"] {
            let text = try Python.run(
                "import docx, sys; d = docx.Document(sys.argv[1]); print(len(d.paragraphs), len(d.tables))",
                [directory.path(name)])
            #expect(!text.isEmpty, "\(name) opens in python-docx")
        }
        let surveyMarkdown = try String(contentsOfFile: directory.path("survey.md"), encoding: .utf8)
        // Refused by the survey (a double where an integer belongs): shown marked, counted nowhere.
        #expect(surveyMarkdown.contains("| 【不正】1e+300 |") && surveyMarkdown.contains("| 【不正】-1e+300 |"))
        #expect(surveyMarkdown.contains("| 9223372036854775807 |"))
        #expect(surveyMarkdown.contains("&lt;script&gt;") && !surveyMarkdown.contains("<script"))
        let csv = try String(contentsOfFile: directory.path("survey.csv"), encoding: .utf8)
        #expect(csv.contains(",'\t=1+1\r\n"), "a leading TAB is defused")
        let progress = try String(contentsOfFile: directory.path("progress.md"), encoding: .utf8)
        #expect(progress.contains("| 2 | 18446744073709551614 |"), "G03: a total past Int64, exact")
        #expect(
            progress.contains("| 3 | 0 | 0 | -9223372036854775808 | 9223372036854775807 |"),
            "C05: Int64.max + 1 + Int64.min")

        // The server's export of the same answers (as far as the server accepted them).
        _ = try prefecture.run(["sync"])
        for format in ["csv", "xlsx", "json", "md", "docx"] {
            let output = directory.path("export.\(format)")
            let export = try CommandRunner.run(
                "renkei-server",
                ["admin", "export", "survey", survey, "--format", format, "-o", output, "--data", server.dataDirectory])
            #expect(export.status == 0, "admin export --format \(format): \(export.stderr)")
        }
    }
}
