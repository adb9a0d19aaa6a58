import Models

/// One municipality's answers to one survey, from its `answers` registers (the layout is
/// `SurveyRecords`'): records `{survey}/{code}/{item}` (field `value`) and, for tables,
/// `{survey}/{code}/{item}/{row}` (one field per column). Registers with concurrent versions are
/// kept apart as conflicts. A record's `carried_over` field is a `CarryOver` marker, never an
/// answer or a column.
public struct SurveyAnswers: Sendable {
    /// The municipality's code.
    public let municipality: String
    /// Registers of items that are not tables, by item id.
    public private(set) var registers: [String: Register] = [:]
    /// Current single values of items that are not tables (absent while in conflict).
    public private(set) var values: [String: JSONValue] = [:]
    /// Table item -> row id -> column -> value.
    public private(set) var tables: [String: [String: [String: JSONValue]]] = [:]
    /// Items (or `item.row.column`) with conflicting versions.
    public private(set) var conflicted: Set<String> = []
    /// Carry-over markers set (`CarryOver`), by item (`B07`) or table row (`D01.r1`).
    public private(set) var markers: [String: CarryOver] = [:]
    /// The markers whose answer is still the value carried over: 前年度値, to be confirmed.
    public private(set) var unconfirmedCarryOvers: [String: CarryOver] = [:]
    /// Unix milliseconds of the latest answer written (nil when none).
    public private(set) var lastWrite: Int64?

    /// - Parameter registers: the `answers` registers whose records start with
    ///   `{survey}/{code}/`, with their scopes, as a store lists them. The municipality is the
    ///   scope: a register of another scope is never counted, whatever its record id says
    ///   (`SurveyRecords.answer(record:scope:survey:)`).
    public init(
        survey: Questionnaire, municipality code: String,
        registers: [(key: RecordKey, scope: Scope, register: Register)]
    ) {
        self.municipality = code
        for (key, scope, register) in registers {
            guard
                let answer = SurveyRecords.answer(
                    record: key.record, scope: scope.description, survey: survey.surveyID),
                answer.municipality == code
            else { continue }
            let value: JSONValue? = register.versions.count == 1 ? register.versions[0].value : nil
            if let latest = register.versions.map(\.at).max() { lastWrite = max(lastWrite ?? latest, latest) }
            if key.field == CarryOver.field {
                let place = Self.place(item: answer.item, row: answer.row)
                if let value, value != .null, let marker = try? CarryOver(json: value) { markers[place] = marker }
                continue
            }
            if let row = answer.row {
                if register.isConflicted { conflicted.insert("\(answer.item).\(row).\(key.field)") }
                if let value { tables[answer.item, default: [:]][row, default: [:]][key.field] = value }
            } else if key.field == "value" {
                self.registers[answer.item] = register
                if register.isConflicted { conflicted.insert(answer.item) }
                if let value { values[answer.item] = value }
            }
        }
        // A row whose every cell was cleared is gone.
        for (item, rows) in tables {
            tables[item] = rows.filter { !$0.value.values.allSatisfy { $0 == .null } }
        }
        for (place, marker) in markers where current(at: place) == marker.value {
            unconfirmedCarryOvers[place] = marker
        }
    }

    /// The answer to `item` that counts in a report: the item is asked of this municipality
    /// (`SurveyCheck.isVisible`), its register holds one version, not null, and `schema` (of the
    /// survey `survey`) accepts it. Nil otherwise.
    public func countedValue(_ item: QuestionnaireItem, survey: String, schema: AnswerSchema) -> JSONValue? {
        guard SurveyCheck.isVisible(item, answers: values, tables: tables), let value = values[item.id],
            value != .null,
            schema.problem(
                value, at: AnswerRecord(survey: survey, municipality: municipality, item: item.id), field: "value")
                == nil
        else { return nil }
        return value
    }

    /// A table cell that counts in a report: not null, not in conflict, and `schema` accepts it.
    /// (Whether the table is asked is the caller's to check, once per table.)
    public func countedCell(
        _ item: QuestionnaireItem, row: String, column: String, survey: String, schema: AnswerSchema
    ) -> JSONValue? {
        guard let value = tables[item.id]?[row]?[column], value != .null,
            !conflicted.contains("\(item.id).\(row).\(column)"),
            schema.problem(
                value, at: AnswerRecord(survey: survey, municipality: municipality, item: item.id, row: row),
                field: column) == nil
        else { return nil }
        return value
    }

    /// What is answered at `place` (`B07`, or a table row `D01.r1` as an object of its columns).
    func current(at place: String) -> JSONValue? {
        let parts = place.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return values[place] }
        return tables[parts[0]]?[parts[1]].map { JSONValue.object($0.filter { $0.value != .null }) }
    }

    /// `SurveyCheck.run` on these answers, with the code lists `SurveyRecords.codelists(for:)`
    /// gives: the one check `survey check`, the progress report and the server's check at
    /// submission all run.
    /// Each unconfirmed carry-over is a warning. `work` bounds the text patterns' cost (see
    /// `SurveyCheck.run`; the server's check at submission gives one).
    public func check(against survey: Questionnaire, work: PatternWork? = nil) -> SurveyCheck.Report {
        let report = SurveyCheck.run(
            survey, answers: values, tables: tables, conflicted: conflicted,
            externalCodes: SurveyRecords.codelists(for: survey), work: work)
        return report.adding(
            unconfirmedCarryOvers.keys.sorted().map { place in
                SurveyCheck.Finding(
                    severity: "warning", path: place,
                    japanese:
                        "\(place): 前年度（\(unconfirmedCarryOvers[place]?.from ?? "")）の値のままです。確かめて `renkei survey confirm` で確定するか、値を直してください",
                    english: "\(place): still the value carried over from last year; confirm it or change it")
            })
    }
}

extension SurveyAnswers {
    /// Where a carry-over marker is kept in `markers`: the item (`B07`) or the table row (`D01.r1`).
    public static func place(item: String, row: String?) -> String {
        row.map { "\(item).\($0)" } ?? item
    }

    /// The key to set to `null` when `item` (row `row`) is answered, if its answer was carried
    /// over from last year: answering such an item confirms it (the one rule for `survey
    /// answer`, `survey import` and the browser's forms). Nil when no marker is set.
    public func carryOverConfirmation(survey: String, item: String, row: String?) throws(ModelError) -> RecordKey? {
        guard markers[Self.place(item: item, row: row)] != nil else { return nil }
        let record = AnswerRecord(survey: survey, municipality: municipality, item: item, row: row)
        return try SurveyRecords.answerKey(record, field: CarryOver.field)
    }
}
