import Foundation
import Models
import TestSupport
import Testing

/// 代理入力: an admin allows the advisor to enter a municipality's answers (sent back by mail);
/// the advisor imports and submits them with `--on-behalf`; the audit log names the
/// municipality; the municipality sees who entered each answer. Without the right, or for
/// another municipality, or after it is withdrawn, nothing the advisor sends is stored.
@Suite struct OnBehalfEntryTests {
    static let survey = SecondSurvey.id

    @Test func theAdvisorEntersForOneMunicipalityOnlyWhileAllowed() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let sakai = try CLIReplica(directory, "sakai", scope: "271403", user: "sakai-staff", server: server)
        let schema = directory.path("second.json")
        try Data(SecondSurvey.json.utf8).write(to: URL(fileURLWithPath: schema))
        #expect(try advisor.run(["survey", "publish", schema]).status == 0)
        _ = try advisor.sync()
        func admin(_ arguments: [String]) throws -> CommandRunner.Result {
            try CommandRunner.run("renkei-server", ["admin"] + arguments + ["--data", server.dataDirectory])
        }
        let csv = directory.path("sakai.csv")
        try Data(
            "item,row,column,value\nV01,,,hitachi\nT01,jido_teate,status,実施済\nT01,hoikusho,status,予定\nT01,kaigo_nintei,status,未定\n"
                .utf8
        ).write(to: URL(fileURLWithPath: csv))

        // Not allowed yet: refused here (77), and nothing is written.
        let early = try advisor.run(["survey", "import", Self.survey, csv, "--on-behalf", "271403"])
        #expect(early.status == 77 && early.stderr.contains("allow-entry"), "\(early.stderr)")
        #expect(try advisor.run(["survey", "import", Self.survey, csv]).status == 77, "the advisor has no answers")

        // Only advisors are given the right; an unknown code is refused.
        #expect(try admin(["user", "allow-entry", "sakai-staff", "271403"]).status == 65)
        #expect(try admin(["user", "allow-entry", "advisor", "271400"]).status == 64)
        let allowed = try admin(["user", "allow-entry", "advisor", "271403"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try admin(["user", "list", "--json"]).stdout.contains(#""on_behalf":["271403"]"#))
        _ = try advisor.sync()
        // A change of the survey and entries for a municipality, written before one sync: the
        // client sends them in two batches (the server refuses answers to a survey their own
        // batch changes), so nothing is set aside.
        let retitled = directory.path("second-retitled.json")
        try Data(SecondSurvey.json.replacingOccurrences(of: "（テスト用の別様式）", with: "（改訂）").utf8)
            .write(to: URL(fileURLWithPath: retitled))
        let republished = try advisor.run(["survey", "publish", retitled])
        #expect(republished.status == 0, "\(republished.stderr)")
        let imported = try advisor.run(["survey", "import", Self.survey, csv, "--on-behalf", "271403"])
        #expect(imported.status == 0 && imported.stdout.contains("4 changed"), "\(imported.stderr)")
        let submitted = try advisor.run(["survey", "submit", Self.survey, "--on-behalf", "271403"])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(try advisor.run(["survey", "answer", Self.survey, "V01", "nec", "--on-behalf", "272027"]).status == 77)
        _ = try advisor.sync()
        let setAside = try advisor.run(["rejected", "--json"])
        #expect(setAside.status == 0 && !setAside.stdout.contains("survey_closed"), "\(setAside.stdout)")

        // The audit log says for whom; the municipality sees who entered its answers.
        let audit = try admin(["audit", "--json"]).stdout
        #expect(audit.contains("on_behalf=271403") && audit.contains("admin user allow-entry"), "\(audit)")
        _ = try sakai.sync()
        let shown = try sakai.run(["survey", "show", Self.survey, "V01"]).stdout
        #expect(shown.contains("日立") || shown.contains("hitachi"), "\(shown)")
        #expect(shown.contains("（入力: advisor）"), "\(shown)")
        let check = try sakai.run(["survey", "check", Self.survey]).stdout
        #expect(check.contains("状態: 提出済") && check.contains("advisor"), "\(check)")

        // On the server: another municipality's answers, and after withdrawal this one's, are
        // refused whole (403) and nothing is stored.
        let token = try server.token(for: "advisor", role: "advisor")
        let client = HTTPTestClient(port: server.port, token: token)
        func push(_ code: String, _ value: JSONValue) throws -> Int {
            let replica = ReplicaID.random()
            let change = Change(
                key: try RecordKey(validating: "answers", record: "\(Self.survey)/\(code)/V01", field: "value"),
                scope: try Scope(validating: code),
                version: Version(
                    vector: try VersionVector(validating: [(replica, UInt64(1))]), value: value, author: replica,
                    user: "advisor", at: UnixTime.milliseconds()))
            let body = PushRequest(replica: replica, batch: "b-\(code)", number: 1, changes: [change]).jsonBytes
            return try client.send("POST", Endpoint.push, headers: [("Content-Type", "application/json")], body: body)
                .status
        }
        #expect(try push("272027", "nec") == 403)
        #expect(try admin(["user", "withdraw-entry", "advisor", "271403"]).status == 0)
        #expect(try push("271403", "fujitsu") == 403)
        _ = try advisor.sync()
        #expect(
            try advisor.run(["get", "answers", "\(Self.survey)/272027/V01", "value"]).stdout.contains("nec") == false)
        #expect(try advisor.run(["get", "answers", "\(Self.survey)/271403/V01", "value"]).stdout.contains("hitachi"))
        // The replica learnt at its sync that the right is gone.
        #expect(try advisor.run(["survey", "check", Self.survey, "--on-behalf", "271403"]).status == 77)
    }
}
