import Foundation
import Models
import TestSupport
import Testing

/// `renkei report hearings`: municipalities heard against the target and deadline, and the
/// FAQ's due date three weeks after the last hearing.
@Suite struct HearingProgramTests {
    @Test func theProgrammeIsMeasuredAgainstItsTarget() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        for (code, date) in [
            ("271004", "2026-06-10"), ("271403", "2026-07-31"), ("271004", "2026-08-05"), ("272035", "2026-08-20"),
            ("272043", "2026-03-31"),
        ] {
            let created = try advisor.run([
                "hearing", "new", "--municipality", code, "--date", date, "--place", "庁舎",
            ])
            #expect(created.status == 0, "\(created.stderr)")
        }
        let result = try advisor.run(["report", "hearings", "--target", "15", "--by", "令和8年7月31日"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = result.stdout
        #expect(report.contains("| 目標 | 15 団体（2026-04-01〜2026-07-31） |"), "\(report)")
        #expect(report.contains("| ヒアリングした団体 | 4 |") && report.contains("| うち期間内に実施 | 2 |"))
        #expect(report.contains("| 目標までの残り | 13 |") && report.contains("| ヒアリングの回数 | 5 |"))
        #expect(report.contains("| 最後のヒアリング | 2026-08-20 |"))
        #expect(report.contains("| FAQ の期限（最後のヒアリングの3週間後） | 2026-09-10 |"))
        #expect(report.contains("| 271004 | 大阪市 | 政令指定都市 | 2026-06-10、2026-08-05 | 2 | ○ |"))
        #expect(report.contains("| 272035 | 豊中市 | 中核市 | 2026-08-20 | 1 | × |"))
        #expect(report.contains("| 272043 | 池田市 | その他の市 | 2026-03-31 | 1 | × |"), "last fiscal year")
        #expect(try advisor.run(["report", "hearings", "--target", "0"]).status == 64)
        #expect(try advisor.run(["report", "hearings", "--by", "7月末"]).status == 64)
    }

    /// `report faq --anonymize`: no municipality name, code or day in what is shared.
    @Test func theSharedFAQNamesNoMunicipality() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let hearing = try advisor.run([
            "hearing", "new", "--municipality", "273015", "--date", "2026-06-12", "--place", "島本町役場",
        ]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            try advisor.run([
                "hearing", "item", "add", hearing, "--question", "共同調達の相手は？", "--answer", "近隣の町と検討中",
                "--category", "standardization", "--faq",
            ]).status == 0)
        let named = try advisor.run(["report", "faq"]).stdout
        #expect(named.contains("島本町・2026-06-12"), "\(named)")
        let shared = try advisor.run(["report", "faq", "--anonymize"]).stdout
        #expect(shared.contains("（町村（人口1万〜5万人）・2026-06）"), "\(shared)")
        #expect(!shared.contains("島本町") && !shared.contains("2026-06-12"))
        let csv = try advisor.run(["report", "faq", "--anonymize", "--format", "csv"]).stdout
        #expect(!csv.contains("273015") && !csv.contains("島本町"))
    }

    /// `report faq --publish`: the anonymized FAQ reaches every municipality as a shared Word
    /// document; a municipality's staff cannot publish (nothing is stored, nothing reaches anyone).
    @Test func thePublishedFAQReachesEveryMunicipality() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let shimamoto = try CLIReplica(directory, "shimamoto", scope: "273015", user: "yamada", server: server)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let hearing = try advisor.run([
            "hearing", "new", "--municipality", "273015", "--date", "2026-06-12", "--place", "島本町役場",
        ]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            try advisor.run([
                "hearing", "item", "add", hearing, "--question", "共同調達の相手は？", "--answer", "島本町では近隣の町と検討中",
                "--category", "standardization", "--faq",
            ]).status == 0)
        let published = try advisor.run(["report", "faq", "--publish"])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stdout.contains("Published FAQ/ヒアリングFAQ.docx (1 FAQ item(s)"), "\(published.stdout)")
        _ = try advisor.sync()

        // A municipality's staff may not publish to every municipality: refused, nothing stored.
        _ = try shimamoto.sync()
        let forged = try shimamoto.run(["report", "faq", "--publish"])
        #expect(forged.status != 0 && forged.stderr.contains("shared"), "\(forged.stderr)")
        _ = try shimamoto.sync()

        _ = try osaka.sync()
        let listing = try osaka.run(["docs", "ls", "--json"]).stdout
        #expect(listing.contains("FAQ/ヒアリングFAQ.docx"), "\(listing)")
        let path = directory.path("faq-osaka.docx")
        let fetched = try osaka.run(["docs", "get", "FAQ/ヒアリングFAQ.docx", "-o", path])
        #expect(fetched.status == 0, "\(fetched.stderr)")
        let text = try Python.run(
            "import docx, sys; print('\\n'.join(p.text for p in docx.Document(sys.argv[1]).paragraphs))", [path])
        #expect(text.contains("Q. 共同調達の相手は？") && text.contains("（町村（人口1万〜5万人）・2026-06）"), "\(text)")
        #expect(!text.contains("2026-06-12"), "the day is not shared")
        // The answer's own words are the advisor's to edit: the report does not rewrite them.
        #expect(text.contains("A. 島本町では近隣の町と検討中"))

        // Publishing again: a new version of the same document, not a second one.
        #expect(try advisor.run(["report", "faq", "--publish"]).stdout.contains("as a new version"))
        _ = try advisor.sync()
        _ = try osaka.sync()
        let documents = try osaka.run(["docs", "ls"]).stdout.split(separator: "\n").filter { $0.contains("ヒアリングFAQ") }
        #expect(documents.count == 1, "\(documents)")
    }
}
