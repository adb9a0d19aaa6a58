import Foundation
import Models
import SyncStorage
import TestSupport
import Testing

@testable import SyncServer

/// The dashboard's completion, computed from which answer registers hold a value, is the share a
/// report gives: random answers to the example survey (conditions, tables, deletions, conflicts,
/// answers stored in another municipality's scope) against an oracle built from what was written.
@Suite struct DashboardCompletionTests {
    /// The example survey (`Examples/data`): conditions on items and on table columns, tables.
    static func exampleSurvey() throws -> Questionnaire {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Examples/data/questionnaire_example.json").standardized
        return try Questionnaire(parsing: [UInt8](try Data(contentsOf: url)))
    }

    static let codes = ["271004", "271403", "272027"]
    /// Values that make the example's conditions hold sometimes (`B01 = yes`, `B08 > 0`, `C01 =
    /// introduced`, `B10 in …`) and fail other times; `null` is a deletion.
    static let pool: [JSONValue] = [
        "yes", "no", "introduced", "adopted", .integer(0), .integer(3), .null, .array(["x"]),
        .string(String(repeating: "長", count: 500)),
    ]

    /// What one register ends up holding: one value, or two concurrent ones.
    enum Written {
        case one(JSONValue)
        case conflict

        /// What a report counts as answered: one value, not a deletion.
        var isAnswer: Bool {
            if case .one(let value) = self { return value != .null }
            return false
        }
    }

    @Test(arguments: PropertyTestSettings.seeds(base: 0x5EED_DA5B, count: 60))
    func completionIsTheReportsShare(seed: UInt64) throws {
        let survey = try Self.exampleSurvey()
        var random = SeededGenerator(seed: seed)
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let first = ReplicaID(high: 1, low: 1)
        let second = ReplicaID(high: 2, low: 2)
        var changes: [Change] = []
        // Per municipality: item -> written value; table item -> row -> column -> written.
        var plain: [String: [String: Written]] = [:]
        var tables: [String: [String: [String: [String: Written]]]] = [:]
        var foreignOnly: Set<String> = []
        func write(_ record: String, _ field: String, scope: String) throws -> Written {
            let key = try RecordKey(validating: "answers", record: record, field: field)
            let value = Self.pool.randomElement(using: &random) ?? .null
            let conflicted = Int.random(in: 0..<8, using: &random) == 0
            let authors = conflicted ? [first, second] : [first]
            for author in authors {
                changes.append(
                    Change(
                        key: key, scope: try Scope(validating: scope),
                        version: Version(
                            vector: try VersionVector(validating: [(author, UInt64(1))]),
                            value: author == first ? value : .string("other"), author: author, user: "u", at: 1)))
            }
            return conflicted ? .conflict : .one(value)
        }
        for code in Self.codes {
            if Int.random(in: 0..<6, using: &random) == 0 {
                // Nothing of its own; sometimes a register naming it, stored in another scope.
                if Bool.random(using: &random) {
                    _ = try write("\(survey.surveyID)/\(code)/B07", "value", scope: "shared")
                    foreignOnly.insert(code)
                }
                continue
            }
            for item in survey.items where Int.random(in: 0..<3, using: &random) > 0 {
                let record = "\(survey.surveyID)/\(code)/\(item.id)"
                if case .table(let columns, _) = item.kind {
                    for row in 0..<Int.random(in: 0...3, using: &random) {
                        for column in columns.prefix(3) where Bool.random(using: &random) {
                            tables[code, default: [:]][item.id, default: [:]]["r\(row)", default: [:]][column.id] =
                                try write("\(record)/r\(row)", column.id, scope: code)
                        }
                    }
                } else {
                    plain[code, default: [:]][item.id] = try write(record, "value", scope: code)
                }
            }
        }
        _ = try store.apply(changes)

        for code in Self.codes {
            let expected: Double?
            if plain[code] == nil && tables[code] == nil {
                expected =
                    foreignOnly.contains(code) ? SurveyCheck.run(survey, answers: [:], tables: [:]).completion : nil
            } else {
                var answers: [String: JSONValue] = [:]
                for (item, written) in plain[code] ?? [:] where written.isAnswer {
                    if case .one(let value) = written { answers[item] = value }
                }
                var rows: [String: [String: [String: JSONValue]]] = [:]
                for (item, itemRows) in tables[code] ?? [:] {
                    for (row, cells) in itemRows where cells.values.contains(where: \.isAnswer) {
                        rows[item, default: [:]][row] = [:]
                    }
                }
                expected = SurveyCheck.run(survey, answers: answers, tables: rows).completion
            }
            let computed = try DashboardCompletion.completion(of: survey, municipality: code, store: store)
            #expect(computed == expected, "seed \(seed), municipality \(code)")
        }
    }

    @Test func presenceNeverCarriesValuesAndCountsSiblings() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let scope = try Scope(validating: "271004")
        func change(_ item: String, _ value: JSONValue, by replica: ReplicaID) throws -> Change {
            Change(
                key: try RecordKey(validating: "answers", record: "s/271004/\(item)", field: "value"), scope: scope,
                version: Version(
                    vector: try VersionVector(validating: [(replica, UInt64(1))]), value: value, author: replica,
                    user: "u",
                    at: 1))
        }
        let one = ReplicaID(high: 1, low: 1)
        let two = ReplicaID(high: 2, low: 2)
        _ = try store.apply([
            try change("A01", .string(String(repeating: "x", count: 60 * 1024)), by: one),
            try change("A02", .null, by: one),
            try change("A03", .null, by: one), try change("A03", "b", by: two),
            try change("A04", "a", by: one),
        ])
        let presence = try store.registerPresence(in: "answers", recordPrefix: "s/271004/")
        #expect(presence.map(\.record) == ["s/271004/A01", "s/271004/A02", "s/271004/A03", "s/271004/A04"])
        #expect(presence.map(\.siblings) == [1, 1, 2, 1])
        #expect(presence.map(\.hasValue) == [true, false, false, true])
        #expect(presence.map(\.anyValue) == [true, false, true, true])
        #expect(presence.allSatisfy { $0.scope == "271004" && $0.field == "value" })
        #expect(try store.registerPresence(in: "answers", recordPrefix: "s/271005/").isEmpty)
    }
}
