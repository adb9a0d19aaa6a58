import Foundation
import Models
import TestSupport
import Testing

/// A survey that is not the example (`SecondSurvey`) through the real binaries: a yes/no item
/// whose choices list "no" first stores what the clerk typed, an answer outside an inline code
/// list is refused on the client and on the server, and an answer that a later answer hid is
/// flagged by `survey check`, marked in the consolidated table and left out of the totals.
@Suite struct SecondSurveyEndToEndTests {
    @Test func anyValidSurveyIsHandledAlike() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let tanaka = try CLIReplica(directory, "tanaka", scope: "271004", user: "tanaka", server: server)
        let schema = directory.path("second.json")
        try Data(SecondSurvey.json.utf8).write(to: URL(fileURLWithPath: schema))
        let published = try advisor.run(["survey", "publish", schema])
        #expect(published.status == 0, "\(published.stderr)")
        _ = try advisor.sync()
        _ = try tanaka.sync()
        func answer(_ arguments: [String]) throws -> CommandRunner.Result {
            try tanaka.run(["survey", "answer", SecondSurvey.id] + arguments)
        }
        func stored(_ item: String) throws -> String {
            try tanaka.run(["get", "answers", "\(SecondSurvey.id)/271004/\(item)", "value"]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        // What a clerk needs to answer: choices, units, conditions, a matrix's rows and columns.
        let shown = try tanaka.run(["survey", "show", SecondSurvey.id, "H02"])
        #expect(shown.status == 0 && shown.stdout.contains("回答する条件: H01 が yes のとき"), "\(shown.stdout)")
        #expect(shown.stdout.contains("種類: 整数（0〜50）") && shown.stdout.contains("単位: 業務"))
        #expect(!shown.stdout.contains("共同利用していますか"), "only the item asked for")
        let boolean = try tanaka.run(["survey", "show", SecondSurvey.id, "H01"]).stdout
        #expect(boolean.contains("選択肢: no=いいえ / yes=はい"), "\(boolean)")
        let matrix = try tanaka.run(["survey", "show", SecondSurvey.id, "T01"]).stdout
        #expect(matrix.contains("行（決まっています）: jido_teate=児童手当の認定請求"), "\(matrix)")
        #expect(matrix.contains("列 status（状況）: 種類: 選択（1つ）、選択肢: done=実施済"), "\(matrix)")
        #expect(try tanaka.run(["survey", "show", SecondSurvey.id, "ZZ9"]).status == 65)
        let money = try tanaka.run(["survey", "show", SecondSurvey.id, "M01"]).stdout
        #expect(money.contains("金額・千円（円に換算して保存）"), "\(money)")

        // "no" is listed first: typing はい still stores yes, いいえ no (not by position).
        #expect(try answer(["H01", "はい"]).status == 0)
        #expect(try stored("H01") == #""yes""#)
        #expect(try answer(["H01", "いいえ"]).status == 0)
        #expect(try stored("H01") == #""no""#)
        #expect(try answer(["H01", "yes"]).status == 0)
        #expect(try stored("H01") == #""yes""#)

        // Dates as clerks type them are stored as YYYY-MM-DD; an impossible one says why.
        #expect(try answer(["E01", "令和8年3月31日"]).status == 0)
        #expect(try stored("E01") == #""2026-03-31""#)
        #expect(try answer(["E01", "Ｒ８．３．３０"]).status == 0)
        #expect(try stored("E01") == #""2026-03-30""#)
        let impossible = try answer(["E01", "2030-13-01"])
        #expect(impossible.status == 65 && impossible.stderr.contains("13月はありません"), "\(impossible.stderr)")

        // Money in 千円 is stored in yen; percentages, decimals and months as people write them.
        #expect(try answer(["M01", "1,250"]).status == 0)
        #expect(try stored("M01") == "1250000")
        #expect(try answer(["R01", "12.5%"]).status == 0)
        #expect(try stored("R01") == "12.5")
        let tooFine = try answer(["R01", "12.55"])
        #expect(tooFine.status == 65 && tooFine.stderr.contains("小数点以下は 1 桁まで"), "\(tooFine.stderr)")
        #expect(try answer(["R01", "101"]).status == 65)
        #expect(try answer(["K01", "1.25"]).status == 0)
        #expect(try answer(["K01", "１２"]).status == 65, "above the maximum 10")
        #expect(try answer(["Y01", "令和8年3月"]).status == 0)
        #expect(try stored("Y01") == #""2026-03""#)
        let month = try answer(["Y01", "2026/13"])
        #expect(month.status == 65 && month.stderr.contains("13月はありません"), "\(month.stderr)")

        // A matrix: only its fixed rows exist.
        #expect(try answer(["T01", "done", "--row", "jido_teate", "--column", "status"]).status == 0)
        #expect(try answer(["T01", "実施済", "--row", "r9", "--column", "status"]).status == 65)

        // The inline list and the Osaka list under another name are enforced.
        let outside = try answer(["V01", "toshiba"])
        #expect(outside.status == 65 && outside.stderr.contains("一覧（vendors）にないコードです"), "\(outside.stderr)")
        #expect(try answer(["V01", "nec"]).status == 0)
        #expect(try answer(["P01", "131016"]).status == 65)
        #expect(try answer(["P01", "271403"]).status == 0)

        // H02 is asked while H01 is yes; answering H01 no afterwards hides it.
        #expect(try answer(["H02", "7"]).status == 0)
        #expect(try answer(["H01", "いいえ"]).status == 0)
        let check = try tanaka.run(["survey", "check", SecondSurvey.id])
        #expect(check.stdout.contains("H02: 表示条件により対象外の項目に回答があります"), "\(check.stdout)")
        _ = try tanaka.sync()
        _ = try advisor.sync()
        let table = try advisor.run(["report", "survey", SecondSurvey.id, "--format", "md"]).stdout
        #expect(table.contains("【対象外】7"), "\(table)")
        #expect(table.contains("| 児童手当の認定請求（jido_teate） | 実施済 |"), "\(table)")
        let progress = try advisor.run(["report", "progress", SecondSurvey.id, "--format", "md"]).stdout
        let h02 = progress.split(separator: "\n").first { $0.contains("H02") } ?? ""
        #expect(h02.contains("| 0 |"), "the hidden 7 is in no total: \(h02)")

        // The client refuses the value even through `put`; the server refuses it when a client
        // sends it anyway, and stores nothing.
        #expect(
            try tanaka.run(["put", "answers", "\(SecondSurvey.id)/271004/V01", "value", #""toshiba""#]).status == 65)
        let token = try server.token(for: "raw-osaka", role: "staff", scope: "271004")
        let client = HTTPTestClient(port: server.port, token: token)
        let osaka = Scope.municipality(try MunicipalityCode(validating: "271004"))
        /// The server's answer to a push of `values` (item or `item/row`, field, value) as `user`.
        func forged(_ client: HTTPTestClient, user: String, batch: String, _ values: [(String, String, JSONValue)])
            throws -> (status: Int, response: PushResponse?)
        {
            let replica = ReplicaID.random()
            let changes = try values.enumerated().map { index, entry in
                Change(
                    key: try RecordKey(
                        validating: "answers", record: "\(SecondSurvey.id)/271004/\(entry.0)", field: entry.1),
                    scope: osaka,
                    version: Version(
                        vector: try VersionVector(validating: [(replica, UInt64(index + 1))]), value: entry.2,
                        author: replica, user: user, at: UnixTime.milliseconds()))
            }
            let push = PushRequest(replica: replica, batch: batch, number: 1, changes: changes)
            let answer = try client.send(
                "POST", Endpoint.push, headers: [("Content-Type", "application/json")], body: push.jsonBytes)
            return (answer.status, try? PushResponse(decoding: answer.body))
        }
        // Every new type's rule holds on the server: a code outside the inline list, a row outside
        // the matrix, a percentage over 100, an impossible month, a nested object for a decimal,
        // text for money, a number with too many digits after the point.
        let response = try forged(
            client, user: "raw-osaka", batch: "forged-1",
            [
                ("V01", "value", "toshiba"), ("T01/r9", "status", "done"), ("R01", "value", 101),
                ("Y01", "value", "2026-13"), ("K01", "value", ["nested": ["deeper": 1]]), ("M01", "value", "1,250"),
            ])
        let rejected = response.response?.rejected ?? []
        #expect(rejected.count == 6 && rejected.allSatisfy { $0.code == .invalidAnswer }, "\(response)")
        let tooFinePush = try forged(client, user: "raw-osaka", batch: "forged-2", [("R01", "value", .double(12.55))])
        #expect(tooFinePush.response?.rejected.map(\.code) == [.invalidAnswer])
        // Staff of another municipality cannot write Osaka's answers at all.
        let sakai = HTTPTestClient(
            port: server.port, token: try server.token(for: "raw-sakai", role: "staff", scope: "271403"))
        let foreign = try forged(sakai, user: "raw-sakai", batch: "forged-3", [("V01", "value", "fujitsu")])
        #expect(foreign.status == 403 && foreign.response == nil, "\(foreign.status)")
        _ = try advisor.sync()
        #expect(try advisor.run(["get", "answers", "\(SecondSurvey.id)/271004/V01", "value"]).stdout.contains("nec"))
        for (item, field) in [
            ("T01/r9", "status"), ("R01", "value"), ("Y01", "value"), ("K01", "value"), ("M01", "value"),
        ] {
            let value = try advisor.run(["get", "answers", "\(SecondSurvey.id)/271004/\(item)", field]).stdout
            #expect(
                !value.contains("101") && !value.contains("2026-13") && !value.contains("nested"), "\(item): \(value)")
        }
    }
}
