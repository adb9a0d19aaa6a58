import Foundation
import Models
import TestSupport
import Testing

/// Carrying last year's answers over (前年度値) through the real CLI and server: only items of
/// the same id and type that this year's survey accepts and that are not answered yet; each
/// counted by `survey check` and the progress report until a person changes or confirms it; a
/// forged marker is refused by the server.
@Suite struct CarryOverTests {
    static let last = SecondSurvey.id
    static let this = "kinki-systems-2026"

    @Test func lastYearsAnswersAreCopiedMarkedAndConfirmed() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let lastSchema = directory.path("2025.json")
        try Data(SecondSurvey.json.utf8).write(to: URL(fileURLWithPath: lastSchema))
        // This year: K01 became a whole number (a different type: not carried over).
        let thisJSON = SecondSurvey.json.replacingOccurrences(of: Self.last, with: Self.this)
            .replacingOccurrences(
                of: #""type": "decimal", "scale": 2, "min": 0, "max": 10"#, with: #""type": "integer", "min": 0"#)
        #expect(thisJSON.contains(#""id": "K01", "label": "職員一人当たりの端末台数", "type": "integer""#))
        let thisSchema = directory.path("2026.json")
        try Data(thisJSON.utf8).write(to: URL(fileURLWithPath: thisSchema))
        #expect(try advisor.run(["survey", "publish", lastSchema]).status == 0)
        #expect(try advisor.run(["survey", "publish", thisSchema]).status == 0)
        // A column may not be named like the marker.
        let reserved = directory.path("reserved.json")
        try Data(thisJSON.replacingOccurrences(of: #"{"id": "cost""#, with: #"{"id": "carried_over""#).utf8).write(
            to: URL(fileURLWithPath: reserved))
        let refused = try advisor.run(["survey", "publish", reserved])
        #expect(refused.status == 65 && refused.stderr.contains("carried_over is reserved"), "\(refused.stderr)")
        _ = try advisor.sync()
        _ = try osaka.sync()
        func answer(_ survey: String, _ arguments: [String]) throws {
            let result = try osaka.run(["survey", "answer", survey] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        for (item, value) in [("V01", "nec"), ("M01", "1,250"), ("K01", "1.25")] {
            try answer(Self.last, [item, value])
        }
        for row in ["jido_teate", "hoikusho", "kaigo_nintei"] {
            try answer(Self.last, ["T01", "実施済", "--row", row, "--column", "status"])
        }
        try answer(Self.last, ["T02", "住民記録", "--row", "r1", "--column", "system"])
        try answer(Self.this, ["V01", "fujitsu"])

        let carried = try osaka.run(["survey", "carry-over", Self.last, Self.this, "--json"])
        #expect(carried.status == 0, "\(carried.stderr)")
        let summary = try JSONValue(parsing: carried.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(
            summary["items"] == .integer(1) && summary["rows"] == .integer(4), "M01, 3 T01 rows, T02 r1: \(summary)")
        #expect(carried.stdout.contains("K01"), "skipped: another type")
        func stored(_ record: String, _ field: String = "value") throws -> String {
            try osaka.run(["get", "answers", "\(Self.this)/271004/\(record)", field]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try stored("V01") == #""fujitsu""#, "an answer given this year is kept")
        #expect(try stored("M01") == "1250000")
        #expect(try stored("K01") == "null" || (try stored("K01")).isEmpty)
        func unconfirmed() throws -> Int {
            try osaka.run(["survey", "check", Self.this]).stdout.components(separatedBy: "前年度（\(Self.last)）の値のままです")
                .count - 1
        }
        #expect(try unconfirmed() == 5)
        _ = try osaka.sync()
        _ = try advisor.sync()
        let progress = try advisor.run(["report", "progress", Self.this, "--format", "md"]).stdout
        let row = progress.split(separator: "\n").first { $0.hasPrefix("| 271004 |") } ?? ""
        #expect(row.hasSuffix("| 5 |"), "\(row)")

        // Answering (even the same value) confirms; a changed row needs nothing; confirm the rest.
        try answer(Self.this, ["M01", "1,250"])
        #expect(try unconfirmed() == 4)
        try answer(Self.this, ["T02", "住民記録システム", "--row", "r1", "--column", "system"])
        #expect(try unconfirmed() == 3)
        #expect(try osaka.run(["survey", "confirm", Self.this]).status == 64, "name items or --all")
        #expect(try osaka.run(["survey", "confirm", Self.this, "B01"]).status == 65)
        #expect(try osaka.run(["survey", "confirm", Self.this, "T01"]).status == 0)
        #expect(try unconfirmed() == 0)

        // Forged markers are refused by the server and stored nowhere.
        let client = HTTPTestClient(
            port: server.port, token: try server.token(for: "raw-osaka", role: "staff", scope: "271004"))
        let replica = ReplicaID.random()
        let osakaScope = try Scope(validating: "271004")
        let forged: [(String, JSONValue)] = [
            ("M01", ["from": "x", "value": 1, "extra": true]), ("T01/r9", ["from": .string(Self.last), "value": [:]]),
            ("M01", "前年度"),
        ]
        let changes = try forged.enumerated().map { index, entry in
            Change(
                key: try RecordKey(
                    validating: "answers", record: "\(Self.this)/271004/\(entry.0)", field: "carried_over"),
                scope: osakaScope,
                version: Version(
                    vector: try VersionVector(validating: [(replica, UInt64(index + 1))]), value: entry.1,
                    author: replica,
                    user: "raw-osaka", at: UnixTime.milliseconds()))
        }
        let answer = try client.send(
            "POST", Endpoint.push, headers: [("Content-Type", "application/json")],
            body: PushRequest(replica: replica, batch: "forged", number: 1, changes: changes).jsonBytes)
        let response = try PushResponse(decoding: answer.body)
        #expect(response.rejected.map(\.code) == [.invalidAnswer, .invalidAnswer, .invalidAnswer], "\(response)")
        _ = try osaka.sync()
        #expect(try unconfirmed() == 0)
    }
}
