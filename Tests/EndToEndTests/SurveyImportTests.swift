import Foundation
import Models
import TestSupport
import Testing

/// `renkei survey import` with the real binary: all or nothing, every bad line reported.
@Suite(.serialized) struct SurveyImportTests {
    /// A municipality replica that already holds the example survey (published by an advisor
    /// replica and synced through a real server).
    func prepared(_ directory: TemporaryDirectory) throws -> (CLIReplica, ServerProcess) {
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        #expect(try advisor.run(["survey", "publish", SurveyEndToEndTests.examplePath]).status == 0)
        _ = try advisor.sync()
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        _ = try osaka.sync()
        return (osaka, server)
    }

    func write(_ directory: TemporaryDirectory, _ name: String, _ bytes: [UInt8]) throws -> String {
        let path = directory.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aGoodFileWithBOMAndCRLFImportsEverything() throws {
        let directory = try TemporaryDirectory()
        let (osaka, _) = try prepared(directory)
        let csv =
            "item,row,column,value\r\nA01,,,271004\r\nA02,,,\"情報政策課, DX推進室\"\r\nB07,,,12\r\nB01,,,はい\r\nD01,r1,vendor_name,株式会社サンプル\r\nD01,r1,contract_amount_total,\"120,000,000\"\r\n"
        let file = try write(directory, "answers.csv", [0xEF, 0xBB, 0xBF] + Array(csv.utf8))
        let result = try osaka.run(["survey", "import", SurveyEndToEndTests.survey, file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Imported 6 changed answer(s)"), "\(result.stdout)")
        let shown = try osaka.run(["survey", "show", SurveyEndToEndTests.survey]).stdout
        #expect(shown.contains("情報政策課, DX推進室") && shown.contains("12 人"))
        // The same file again writes nothing: every value is already held.
        let again = try osaka.run(["survey", "import", SurveyEndToEndTests.survey, file])
        #expect(again.status == 0 && again.stdout.contains("Imported 0 changed answer(s)"), "\(again.stdout)")
        #expect(again.stdout.contains("(6 unchanged)"))
    }

    @Test func oneBadLineMeansNothingIsWrittenAndEveryErrorIsListed() throws {
        let directory = try TemporaryDirectory()
        let (osaka, _) = try prepared(directory)
        let csv = "item,value\nA02,情報政策課\nB07,-3\nZZ1,1\nB12,\"none,managers\"\nA03,2025/02/30\nA02,二重\n"
        let file = try write(directory, "bad.csv", Array(csv.utf8))
        let result = try osaka.run(["survey", "import", SurveyEndToEndTests.survey, file])
        #expect(result.status == 65)
        for line in ["line 3:", "line 4:", "line 5:", "line 6:", "line 7:"] {
            #expect(result.stderr.contains(line), "\(line) \(result.stderr)")
        }
        #expect(!result.stderr.contains("line 2:"))
        // 2025/4/1 is a date as clerks type it (stored 2025-04-01); 2025/2/30 is no date at all.
        #expect(result.stderr.contains("line 6: A03: 存在しない日付です（2025年2月は28日までです）"), "\(result.stderr)")
        #expect(result.stderr.contains("nothing was written"))
        #expect(try osaka.run(["status", "--json"]).stdout.contains(#""pending":0"#), "all or nothing")
        let header = try write(directory, "header.csv", Array("question,answer\nA02,x\n".utf8))
        #expect(try osaka.run(["survey", "import", SurveyEndToEndTests.survey, header]).status == 65)
        // What Japanese Excel saves as "CSV" is CP932: read as such (情報政策課 in Shift_JIS).
        let sjis = try write(
            directory, "sjis.csv",
            Array("item,value\nA02,".utf8) + [0x8F, 0xEE, 0x95, 0xF1, 0x90, 0xAD, 0x8D, 0xF4, 0x89, 0xDB, 0x0A])
        let imported = try osaka.run(["survey", "import", SurveyEndToEndTests.survey, sjis])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try osaka.run(["survey", "show", SurveyEndToEndTests.survey, "A02"]).stdout.contains("情報政策課"))
        // Neither UTF-8 nor CP932 (a double-byte lead cut off by the line end): refused, nothing written.
        let broken = try write(directory, "broken.csv", Array("item,value\nA02,".utf8) + [0x81, 0x0A])
        let refused = try osaka.run(["survey", "import", SurveyEndToEndTests.survey, broken])
        #expect(refused.status == 65 && refused.stderr.contains("neither UTF-8 nor CP932"), "\(refused.stderr)")
    }
}
