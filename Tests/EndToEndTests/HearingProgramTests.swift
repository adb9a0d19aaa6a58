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
        ] {
            let created = try advisor.run([
                "hearing", "new", "--municipality", code, "--date", date, "--place", "庁舎",
            ])
            #expect(created.status == 0, "\(created.stderr)")
        }
        let result = try advisor.run(["report", "hearings", "--target", "15", "--by", "令和8年7月31日"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = result.stdout
        #expect(report.contains("| 目標 | 15 団体（2026-07-31 まで） |"), "\(report)")
        #expect(report.contains("| ヒアリングした団体 | 3 |") && report.contains("| うち期限までに実施 | 2 |"))
        #expect(report.contains("| 目標までの残り | 13 |") && report.contains("| ヒアリングの回数 | 4 |"))
        #expect(report.contains("| 最後のヒアリング | 2026-08-20 |"))
        #expect(report.contains("| FAQ の期限（最後のヒアリングの3週間後） | 2026-09-10 |"))
        #expect(report.contains("| 271004 | 大阪市 | 政令指定都市 | 2026-06-10、2026-08-05 | 2 | ○ |"))
        #expect(report.contains("| 272035 | 豊中市 | 中核市 | 2026-08-20 | 1 | × |"))
        #expect(try advisor.run(["report", "hearings", "--target", "0"]).status == 64)
        #expect(try advisor.run(["report", "hearings", "--by", "7月末"]).status == 64)
    }
}
