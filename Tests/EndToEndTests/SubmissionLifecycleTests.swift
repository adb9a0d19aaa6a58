import Foundation
import Models
import TestSupport
import Testing

/// The survey lifecycle through the real binaries and the real server: 回答中 -> 提出済 (only
/// when `survey check` finds no error) -> 差戻し with the advisor's comment -> 提出済 again;
/// submitted answers are read-only on the client and on the server; every forged state change
/// (staff returning, another municipality submitting, a submission with errors, a state written
/// without having seen the current one, an answer slipped in after a submission in the same
/// batch, a submission to a closed survey) is refused and changes nothing.
@Suite struct SubmissionLifecycleTests {
    /// A push of raw changes with `client`'s token, as a hostile client would send it.
    struct RawPusher {
        let client: HTTPTestClient
        let user: String
        let replica = ReplicaID.random()
        var counter: UInt64 = 0
        var batch = 0

        /// Pushes `changes`, each with a vector of this replica's next counter joined with
        /// `seen` (what the change claims to have seen), or with `seen` itself when `exactly`.
        mutating func push(
            _ changes: [(collection: String, record: String, field: String, scope: String, value: JSONValue)],
            seen: VersionVector = VersionVector(), exactly: Bool = false
        ) throws -> (status: Int, response: PushResponse?) {
            batch += 1
            let versions = try changes.map { entry in
                counter += 1
                let own = try VersionVector(validating: [(replica, counter)])
                return Change(
                    key: try RecordKey(validating: entry.collection, record: entry.record, field: entry.field),
                    scope: try Scope(validating: entry.scope),
                    version: Version(
                        vector: exactly ? seen : own.joined(with: seen), value: entry.value, author: replica,
                        user: user, at: UnixTime.milliseconds()))
            }
            let push = PushRequest(replica: replica, batch: "raw-\(batch)", number: Int64(batch), changes: versions)
            let answer = try client.send(
                "POST", Endpoint.push, headers: [("Content-Type", "application/json")], body: push.jsonBytes)
            return (answer.status, try? PushResponse(decoding: answer.body))
        }
    }

    static let submitted: JSONValue = ["state": "submitted"]
    static let survey = SecondSurvey.id

    @Test func submitReturnResubmitAndEveryForgeryRefused() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let tanaka = try CLIReplica(directory, "tanaka", scope: "271004", user: "tanaka", server: server)
        let schema = directory.path("second.json")
        try Data(SecondSurvey.json.utf8).write(to: URL(fileURLWithPath: schema))
        #expect(try advisor.run(["survey", "publish", schema]).status == 0)
        _ = try advisor.sync()
        _ = try tanaka.sync()
        func state(_ replica: CLIReplica, _ code: String) throws -> String {
            try replica.run(["get", "submissions", "\(Self.survey)/\(code)", "state"]).stdout
        }

        // T01 (a required matrix) is unanswered: no submission, nothing written.
        let early = try tanaka.run(["survey", "submit", Self.survey])
        #expect(early.status == 65 && early.stderr.contains("エラーが"), "\(early.stderr)")
        #expect(!(try state(tanaka, "271004")).contains("submitted"))
        for row in ["jido_teate", "hoikusho", "kaigo_nintei"] {
            #expect(
                try tanaka.run(["survey", "answer", Self.survey, "T01", "実施済", "--row", row, "--column", "status"])
                    .status == 0)
        }
        #expect(try tanaka.run(["survey", "answer", Self.survey, "V01", "nec"]).status == 0)
        let submit = try tanaka.run(["survey", "submit", Self.survey])
        #expect(submit.status == 0 && submit.stdout.contains("提出しました"), "\(submit.stderr)")
        #expect(try tanaka.run(["survey", "check", Self.survey]).stdout.contains("状態: 提出済"))
        // Read-only now, here.
        let locked = try tanaka.run(["survey", "answer", Self.survey, "V01", "fujitsu"])
        #expect(locked.status == 65 && locked.stderr.contains("提出済み"), "\(locked.stderr)")
        _ = try tanaka.sync()

        // On the server: a raw answer from Osaka's staff is refused and changes nothing.
        var osakaRaw = RawPusher(
            client: HTTPTestClient(
                port: server.port, token: try server.token(for: "raw-osaka", role: "staff", scope: "271004")),
            user: "raw-osaka")
        let sneaked = try osakaRaw.push([("answers", "\(Self.survey)/271004/V01", "value", "271004", "fujitsu")])
        #expect(sneaked.response?.rejected.map(\.code) == [.answersSubmitted], "\(sneaked)")
        // Staff do not return their own submission (to unlock it).
        let selfReturn = try osakaRaw.push([
            ("submissions", "\(Self.survey)/271004", "state", "271004", ["state": "returned", "comment": "やり直し"])
        ])
        #expect(selfReturn.response?.rejected.map(\.code) == [.submissionRefused], "\(selfReturn)")
        // Another municipality's staff cannot touch Osaka's state at all.
        var sakaiRaw = RawPusher(
            client: HTTPTestClient(
                port: server.port, token: try server.token(for: "raw-sakai", role: "staff", scope: "271403")),
            user: "raw-sakai")
        let foreign = try sakaiRaw.push([("submissions", "\(Self.survey)/271004", "state", "271004", Self.submitted)])
        #expect(foreign.status == 403)
        // A record naming Osaka in Sakai's scope is refused too.
        let misfiled = try sakaiRaw.push([("submissions", "\(Self.survey)/271004", "state", "271403", Self.submitted)])
        #expect(misfiled.response?.rejected.map(\.code) == [.recordOutOfScope], "\(misfiled)")
        // Sakai submits with nothing answered: the server's own check refuses it.
        let empty = try sakaiRaw.push([("submissions", "\(Self.survey)/271403", "state", "271403", Self.submitted)])
        #expect(empty.response?.rejected.first?.code == .submissionRefused, "\(empty)")
        #expect(empty.response?.rejected.first?.message.contains("T01") == true, "\(empty)")
        // A value that is not a state, and a state with a member of its own.
        let garbage = try sakaiRaw.push([
            ("submissions", "\(Self.survey)/271403", "state", "271403", "submitted"),
            ("submissions", "\(Self.survey)/271403", "state", "271403", ["state": "submitted", "by": "advisor"]),
        ])
        #expect(garbage.response?.rejected.map(\.code) == [.submissionRefused, .submissionRefused], "\(garbage)")
        // Sakai answers T01, then sends a submission followed by an answer in one batch: the
        // submission stands and the answer after it is refused.
        let rows = ["jido_teate", "hoikusho", "kaigo_nintei"].map {
            (
                collection: "answers", record: "\(Self.survey)/271403/T01/\($0)", field: "status", scope: "271403",
                value: JSONValue.string("planned")
            )
        }
        #expect(try sakaiRaw.push(rows).response?.rejected.isEmpty == true)
        let slipped = try sakaiRaw.push([
            ("submissions", "\(Self.survey)/271403", "state", "271403", Self.submitted),
            ("answers", "\(Self.survey)/271403/V01", "value", "271403", "hitachi"),
        ])
        #expect(slipped.response?.rejected.map(\.code) == [.answersSubmitted], "\(slipped)")
        #expect(slipped.response?.accepted == 1)

        // Forgeries of the state itself (found by a review): the stored vector repeated with another
        // value would win the merge's tie and skip every rule; two states in one batch would run
        // the check twice for nothing. Both refused; Sakai stays 提出済.
        func storedVector(_ record: String) throws -> VersionVector {
            _ = try advisor.sync()
            return try advisor.currentVector("submissions", record, "state")
        }
        let sakaiRecord = "\(Self.survey)/271403"
        let sakaiVector = try storedVector(sakaiRecord)
        #expect(!sakaiVector.isEmpty)
        let sameVector = try sakaiRaw.push(
            [("submissions", sakaiRecord, "state", "271403", ["state": "returned", "comment": "差戻し"])],
            seen: sakaiVector, exactly: true)
        #expect(sameVector.response?.rejected.map(\.code) == [.submissionRefused], "\(sameVector)")
        let twice = try sakaiRaw.push(
            [
                ("submissions", sakaiRecord, "state", "271403", ["state": "returned", "comment": "一度目"]),
                ("submissions", sakaiRecord, "state", "271403", ["state": "returned", "comment": "二度目"]),
            ], seen: sakaiVector)
        #expect(twice.response?.rejected.map(\.code) == [.submissionRefused, .submissionRefused], "\(twice)")
        #expect(twice.response?.rejected.last?.message.contains("one submission state change") == true)
        #expect(try storedVector(sakaiRecord) == sakaiVector, "nothing changed Sakai's state")

        // The advisor returns Osaka's with a comment; staff see it and may answer again.
        _ = try advisor.sync()
        #expect(try advisor.run(["get", "answers", "\(Self.survey)/271004/V01", "value"]).stdout.contains("nec"))
        #expect(
            try advisor.run(["survey", "return", Self.survey, "271004"]).status == 64, "a return needs a comment")
        let returned = try advisor.run([
            "survey", "return", Self.survey, "271004", "--comment", "V01 のベンダーを確認してください",
        ])
        #expect(returned.status == 0, "\(returned.stderr)")
        #expect(try advisor.run(["survey", "return", Self.survey, "271004", "--comment", "再度"]).status == 65)
        _ = try advisor.sync()
        // A stale state: Osaka's raw client never saw the return, so its resubmission is refused.
        let stale = try osakaRaw.push([("submissions", "\(Self.survey)/271004", "state", "271004", Self.submitted)])
        #expect(stale.response?.rejected.map(\.code) == [.submissionRefused], "\(stale)")
        _ = try tanaka.sync()
        let check = try tanaka.run(["survey", "check", Self.survey]).stdout
        #expect(check.contains("状態: 差戻し") && check.contains("V01 のベンダーを確認してください"), "\(check)")
        #expect(try tanaka.run(["survey", "answer", Self.survey, "V01", "fujitsu"]).status == 0)
        #expect(try tanaka.run(["survey", "submit", Self.survey]).status == 0)
        _ = try tanaka.sync()

        // The consolidated report and the progress report show each state.
        _ = try advisor.sync()
        let report = try advisor.run(["report", "survey", Self.survey, "--format", "md"]).stdout
        #expect(report.contains("| 271004 | 大阪市 | 提出済 |"), "\(report)")
        #expect(report.contains("| 271403 | 堺市 | 提出済 |"), "\(report)")
        #expect(report.contains("| 272027 | 岸和田市 | 回答中 |"), "\(report)")
        let progress = try advisor.run(["report", "progress", Self.survey, "--format", "md"]).stdout
        let osakaRow = progress.split(separator: "\n").first { $0.hasPrefix("| 271004 |") } ?? ""
        #expect(osakaRow.contains("| 提出済 |") && osakaRow.contains("| tanaka |"), "\(osakaRow)")
        #expect(try advisor.run(["get", "answers", "\(Self.survey)/271004/V01", "value"]).stdout.contains("fujitsu"))

        // Closed: no more submissions or returns, on the server either.
        let closedSchema = try advisor.run(["survey", "publish", schema, "--status", "closed"])
        #expect(closedSchema.status == 0)
        _ = try advisor.sync()
        let closedReturn = try advisor.run(["survey", "return", Self.survey, "271403", "--comment", "締切後"])
        #expect(closedReturn.status == 65 && closedReturn.stderr.contains("受け付けていません"), "\(closedReturn.stderr)")
        var advisorRaw = RawPusher(
            client: HTTPTestClient(port: server.port, token: try server.token(for: "raw-advisor", role: "advisor")),
            user: "raw-advisor")
        let afterClose = try advisorRaw.push([
            ("submissions", "\(Self.survey)/271403", "state", "271403", ["state": "returned", "comment": "締切後"])
        ])
        #expect(afterClose.response?.rejected.map(\.code) == [.surveyClosed], "\(afterClose)")
        _ = try advisor.sync()
        let final = try advisor.run(["report", "progress", Self.survey, "--format", "md"]).stdout
        let sakaiRow = final.split(separator: "\n").first { $0.hasPrefix("| 271403 |") } ?? ""
        #expect(sakaiRow.contains("| 提出済 |") && sakaiRow.contains("| raw-sakai |"), "\(sakaiRow)")
    }
}
