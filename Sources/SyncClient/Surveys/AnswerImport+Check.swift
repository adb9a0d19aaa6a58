import Localization
import Models
import Reports
import SyncStorage

extension AnswerImport {
    /// What checking entries found: the writes they call for, or the problems of each bad one.
    struct Checked {
        var writes: [(key: RecordKey, scope: Scope, value: JSONValue)] = []
        var unchanged = 0
        /// Each bad entry with its reason in Japanese and in English.
        var problems: [(entry: Entry, japanese: String, english: String)] = []
    }

    /// Checks every entry against the schema and against what `store` holds (the one reading
    /// of entries: `apply` writes what this finds, the browser UI shows its problems beside
    /// their fields). Nothing is written.
    ///
    /// - Parameter confirmingCarryOvers: whether a changed answer also confirms what was
    ///   carried over from last year (as `survey answer` does; the UI's forms do).
    func check(_ entries: [Entry], in store: ReplicaStore, confirmingCarryOvers: Bool = false) throws -> Checked {
        let scope = Scope.municipality(try SurveyCommand.municipalityCode(municipality))
        let codes = SurveyRecords.codelists(for: survey)
        let held = try store.surveyAnswers(survey, municipality: municipality)
        var checked = Checked()
        var seen: [RecordKey: String] = [:]
        var confirmed: Set<RecordKey> = []
        for entry in entries {
            let address: AnswerAddress
            do {
                address = try AnswerAddress(
                    survey: survey, municipality: municipality, item: entry.item, row: entry.row,
                    column: entry.column)
            } catch {
                checked.problems.append((entry, error.message, error.message))
                continue
            }
            if let first = seen[address.key] {
                let twice = localized("survey.import.twice", ["path": address.path, "first": first])
                checked.problems.append((entry, twice, twice))
                continue
            }
            seen[address.key] = entry.place
            let value = AnswerInput.value(entry.text, for: address.target)
            if let problem = address.target.check(value, path: address.path, externalCodes: codes) {
                checked.problems.append((entry, problem.japanese, problem.english))
                continue
            }
            let current = Self.current(held, entry)
            // An empty cell leaves a conflict alone (the form shows it empty); a value resolves it.
            // A text too long for a cell was written cut (`XLSXWriter.fitted`): left as it is, it is
            // no change.
            let cut = if case .string(let held)? = current { XLSXWriter.fitted(held) == entry.text } else { false }
            if current == value || (current == nil && value == .null) || cut {
                checked.unchanged += 1
                continue
            }
            checked.writes.append((address.key, scope, value))
            let row = entry.row.isEmpty ? nil : entry.row
            if confirmingCarryOvers,
                let confirmation = try held.carryOverConfirmation(survey: survey.surveyID, item: entry.item, row: row),
                confirmed.insert(confirmation).inserted
            {
                checked.writes.append((confirmation, scope, .null))
            }
        }
        return checked
    }
}
