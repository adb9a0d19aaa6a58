import Foundation
import Models
import TestSupport
import Testing

/// The municipal work end to end, as the issue describes it: the advisor publishes the example
/// survey; three municipalities answer offline (two Osaka City staff fill different columns of
/// the same table row at the same time); a conflicting edit is resolved; the advisor adds a
/// hearing and the staff review it; after sync every replica holds the same data (what it may
/// read of it).
@Suite(.serialized) struct MunicipalWorkScenarioTests {
    @Test func surveyHearingAndConflictAcrossFiveReplicas() throws {
        let survey = SurveyEndToEndTests.survey
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let tanaka = try CLIReplica(directory, "tanaka", scope: "271004", user: "tanaka", server: server)
        let suzuki = try CLIReplica(directory, "suzuki", scope: "271004", user: "suzuki", server: server)
        let sakai = try CLIReplica(directory, "sakai", scope: "271403", user: "sato", server: server)
        let toyonaka = try CLIReplica(directory, "toyonaka", scope: "272035", user: "ito", server: server)
        let everyone = [advisor, tanaka, suzuki, sakai, toyonaka]
        func ok(_ replica: CLIReplica, _ arguments: [String]) throws -> String {
            let result = try replica.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout
        }

        _ = try ok(advisor, ["survey", "publish", SurveyEndToEndTests.examplePath])
        for replica in everyone { _ = try replica.sync() }

        // Offline answers from three municipalities.
        _ = try ok(tanaka, ["survey", "answer", survey, "B07", "12"])
        _ = try ok(tanaka, ["survey", "answer", survey, "D01", "株式会社サンプル", "--row", "r1", "--column", "vendor_name"])
        _ = try ok(
            suzuki, ["survey", "answer", survey, "D01", "2024-04-01", "--row", "r1", "--column", "contract_start"])
        _ = try ok(sakai, ["survey", "answer", survey, "B01", "いいえ"])
        _ = try ok(toyonaka, ["survey", "answer", survey, "B06", "dedicated"])
        for replica in everyone.shuffled() { _ = try replica.sync() }

        // A conflicting edit: both Osaka City staff change B07 offline.
        _ = try ok(tanaka, ["survey", "answer", survey, "B07", "13"])
        _ = try ok(suzuki, ["survey", "answer", survey, "B07", "14"])
        for replica in [tanaka, suzuki, tanaka] { _ = try replica.sync() }
        #expect(try ok(tanaka, ["conflicts"]).contains("B07#value  (2 versions)"))
        _ = try ok(tanaka, ["conflicts", "resolve", "answers/\(survey)/271004/B07#value", "--value", "14"])

        // The advisor records a hearing about Osaka City; the staff review it.
        let hearing = try ok(
            advisor, ["hearing", "new", "--municipality", "271004", "--date", "2025-06-12", "--place", "大阪市役所"]
        )
        .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try ok(
            advisor,
            [
                "hearing", "item", "add", hearing, "--question", "移行時期は？", "--answer", "令和7年度末", "--category",
                "standardization", "--faq",
            ])
        _ = try ok(advisor, ["sync"])
        _ = try ok(suzuki, ["sync"])
        _ = try ok(suzuki, ["hearing", "edit", hearing, "--summary", "確認済み（鈴木）"])

        for _ in 0..<2 {
            for replica in everyone.shuffled() { _ = try replica.sync() }
        }
        // Every replica holds exactly what it may read, identical to the advisor's copy of it.
        for (replica, scope) in [(tanaka, "271004"), (suzuki, "271004"), (sakai, "271403"), (toyonaka, "272035")] {
            #expect(try replica.dump() == (try advisor.dump(readableBy: scope)), "\(scope)")
        }
        for replica in everyone {
            #expect(try replica.run(["status", "--json"]).stdout.contains(#""conflicts":0"#))
        }
        let shown = try JSONValue(
            parsing: try ok(advisor, ["hearing", "show", hearing, "--json"]).trimmingCharacters(in: .newlines))
        #expect(shown["summary"] == "確認済み（鈴木）")
        let osaka = try JSONValue(
            parsing: try ok(suzuki, ["survey", "show", survey, "--json"]).trimmingCharacters(in: .newlines))
        if case .array(let items) = osaka { #expect(items.first { $0["item"] == "B07" }?["answer"] == 14) }
        #expect(try ok(advisor, ["get", "answers", "\(survey)/271004/D01/r1", "vendor_name"]) == "\"株式会社サンプル\"\n")
        #expect(try ok(advisor, ["get", "answers", "\(survey)/271004/D01/r1", "contract_start"]) == "\"2024-04-01\"\n")
    }
}
