import CommandLineSupport
import Localization
import Models
import Reports
import SyncStorage

/// Answers read from a file (a CSV, an Excel 回答票), checked and written all or nothing: every
/// entry is read as a person typed it (`AnswerInput`), checked against the schema, and only those
/// whose value differs from what this replica holds are written, so that importing an unchanged
/// file writes nothing (and a submitted survey is not touched by it).
struct AnswerImport {
    /// One answer as a file gives it.
    struct Entry {
        /// How problems name its place: `3 行目`, `シート「B 組織」のセル C5`.
        let place: String
        let item: String
        /// For a table item: its row id and column id; empty otherwise.
        let row: String
        let column: String
        /// The text as typed (a number cell's digits, a date as `2025-04-01`).
        let text: String
    }

    /// What an import wrote.
    struct Outcome {
        /// Answers written (they differ from what was held).
        let written: Int
        /// Entries whose value was already held.
        let unchanged: Int
    }

    let survey: Questionnaire
    let municipality: String

    /// Checks every entry and writes those that change something, or nothing at all.
    ///
    /// - Throws: `CommandFailure` (data error) naming every bad entry by its place, with the
    ///   Japanese and English reason; nothing is written then.
    func apply(_ entries: [Entry], to store: ReplicaStore, source: String) throws -> Outcome {
        let checked = try check(entries, in: store)
        guard checked.problems.isEmpty else {
            throw Self.refusal(
                source,
                checked.problems.map { problem in
                    let reason =
                        problem.japanese == problem.english
                        ? problem.japanese : "\(problem.japanese) / \(problem.english)"
                    return "\(problem.entry.place): \(reason)"
                })
        }
        if !checked.writes.isEmpty {
            try store.permittedWriteAll(checked.writes, user: try store.setting(.user) ?? "")
        }
        return Outcome(written: checked.writes.count, unchanged: checked.unchanged)
    }

    /// The most problems listed (the count says how many there were).
    static let maxProblems = 100

    /// The failure of a file with `problems` (each with its place): how many, the first
    /// `maxProblems`, and that nothing was written.
    static func refusal(_ source: String, _ problems: [String]) -> CommandFailure {
        let shown = problems.prefix(maxProblems)
        let more = problems.count > shown.count ? "\n  …ほか \(problems.count - shown.count) 件" : ""
        return CommandFailure(
            localized("survey.import.refused", ["source": source, "count": problems.count]) + "\n  "
                + shown.joined(separator: "\n  ") + more,
            status: .dataError)
    }

    /// The value this replica holds for an entry's place: `.null` when none (as an empty entry
    /// reads), nil when in conflict (an entry then always writes, which resolves it).
    static func current(_ held: SurveyAnswers, _ entry: Entry) -> JSONValue? {
        if entry.row.isEmpty {
            return held.conflicted.contains(entry.item) ? nil : held.values[entry.item] ?? .null
        }
        if held.conflicted.contains("\(entry.item).\(entry.row).\(entry.column)") { return nil }
        return held.tables[entry.item]?[entry.row]?[entry.column] ?? .null
    }
}
