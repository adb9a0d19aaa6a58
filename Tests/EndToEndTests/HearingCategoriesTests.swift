import Foundation
import Models
import TestSupport
import Testing

/// Hearing categories as data: the standard list until the advisor publishes one; a published
/// list reaches every replica, names new focus areas, and orders the FAQ; only the advisor
/// publishes; a list that is not valid falls back to the standard one.
@Suite struct HearingCategoriesTests {
    @Test func theAdvisorPublishesCategoriesWithoutARelease() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let standard = try osaka.run(["hearing", "categories", "list"]).stdout
        #expect(standard.contains("標準") && standard.contains("frontyard  自治体フロントヤード改革"), "\(standard)")
        #expect(!standard.contains("online_procedures"))

        let hearing = try advisor.run([
            "hearing", "new", "--municipality", "271004", "--date", "2026-06-12", "--place", "大阪市役所",
        ]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let early = try advisor.run([
            "hearing", "item", "add", hearing, "--question", "電子申請の対象は？", "--answer", "200手続", "--category",
            "行政手続のオンライン化", "--faq",
        ])
        #expect(early.status == 64 && early.stderr.contains("renkei hearing categories"), "not yet a category")

        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Examples/data/hearing_categories.json").path
        #expect(try osaka.run(["hearing", "categories", "publish", file]).status == 77, "only the advisor")
        let published = try advisor.run(["hearing", "categories", "publish", file])
        #expect(published.status == 0, "\(published.stderr)")
        for (question, category) in [
            ("電子申請の対象は？", "行政手続のオンライン化"), ("共同調達の予定は？", "joint_systems"),
            ("移行の時期は？", "standardization"),
        ] {
            let added = try advisor.run([
                "hearing", "item", "add", hearing, "--question", question, "--answer", "検討中", "--category", category,
                "--faq",
            ])
            #expect(added.status == 0, "\(added.stderr)")
        }
        _ = try advisor.sync()
        _ = try osaka.sync()
        let listed = try osaka.run(["hearing", "categories", "list", "--json"]).stdout
        #expect(listed.contains(#""published":true"#) && listed.contains("online_procedures"), "\(listed)")
        // The FAQ follows the published order: フロントヤード, オンライン化, 標準化, 共同化.
        let faq = try osaka.run(["report", "faq"]).stdout
        let headings = faq.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(
            headings == ["## 行政手続のオンライン化", "## 情報システムの標準化・共通化", "## システムの共同化・共同調達"], "\(faq)")

        // A list pushed raw that is not valid: every replica keeps working with the standard one.
        let client = HTTPTestClient(port: server.port, token: try server.token(for: "advisor", role: "advisor"))
        let replica = ReplicaID.random()
        let change = Change(
            key: try RecordKey(validating: "hearing-categories", record: "list", field: "categories"), scope: .shared,
            version: Version(
                vector: try VersionVector(validating: [(replica, UInt64(1))]).joined(
                    with: try advisor.currentVector("hearing-categories", "list", "categories")),
                value: ["not", "a", "list"], author: replica, user: "advisor",
                at: UnixTime.milliseconds()))
        // A staff token cannot write shared data at all.
        let staff = HTTPTestClient(
            port: server.port, token: try server.token(for: "raw-osaka", role: "staff", scope: "271004"))
        let body = PushRequest(replica: replica, batch: "categories", number: 1, changes: [change]).jsonBytes
        #expect(
            try staff.send("POST", Endpoint.push, headers: [("Content-Type", "application/json")], body: body).status
                == 403)
        #expect(
            try client.send("POST", Endpoint.push, headers: [("Content-Type", "application/json")], body: body).status
                == 200)
        _ = try osaka.sync()
        let fallback = try osaka.run(["hearing", "categories", "list"])
        #expect(fallback.status == 0 && fallback.stderr.contains("not valid"), "\(fallback.stderr)")
        #expect(fallback.stdout.contains("標準"))
        #expect(try osaka.run(["report", "faq"]).status == 0)
    }
}
